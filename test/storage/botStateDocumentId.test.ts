import { expect } from "chai";
import { botStateDocumentId, MAX_COSMOS_ID_LENGTH } from "../../storage/botStateDocumentId";

describe("botStateDocumentId", () => {
  const escaped = [
    { when: "the key has only safe characters", key: "msteams:29-abc@x.y_z", id: "msteams:29-abc@x.y_z" },
    { when: "the key has '/'", key: "msteams/conversations/a:1/", id: "msteams*002fconversations*002fa:1*002f" },
    { when: "the key has '\\'", key: "a\\b", id: "a*005cb" },
    { when: "the key has '?'", key: "a?b", id: "a*003fb" },
    { when: "the key has '#'", key: "a#b", id: "a*0023b" },
    { when: "the key has the escape character itself", key: "a*002fb", id: "a*002a002fb" },
    { when: "the key has a space or a non-ASCII character", key: "é b", id: "*00e9*0020b" },
  ];
  for (const { when, key, id } of escaped) {
    it(`gives ${JSON.stringify(id)} when ${when}`, () => {
      expect(botStateDocumentId(key)).to.equal(id);
    });
  }

  it("gives two ids when two keys would look alike once escaped", () => {
    expect(botStateDocumentId("a/b")).to.not.equal(botStateDocumentId("a*002fb"));
  });

  it("gives the same short hashed id every time when the escaped key is over 255 characters", () => {
    const key = `msteams/users/${"x".repeat(300)}`;
    const id = botStateDocumentId(key);
    expect(id).to.match(/^\*sha256\*[0-9a-f]{64}$/);
    expect(id.length).to.be.at.most(MAX_COSMOS_ID_LENGTH);
    expect(botStateDocumentId(key)).to.equal(id);
    expect(botStateDocumentId(`${key}y`)).to.not.equal(id);
  });

  it("hashes when escaping pushes a key under 255 characters over the limit", () => {
    const key = "/".repeat(60);
    expect(key.length).to.be.below(MAX_COSMOS_ID_LENGTH);
    expect(botStateDocumentId(key)).to.match(/^\*sha256\*/);
  });

  it("keeps the escaped key when it is exactly 255 characters", () => {
    const key = "k".repeat(MAX_COSMOS_ID_LENGTH);
    expect(botStateDocumentId(key)).to.equal(key);
  });
});
