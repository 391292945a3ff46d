import { expect } from "chai";
import { escapeMarkdown } from "../../cards/markdown";

describe("cards/markdown escapeMarkdown", () => {
  const leftAlone = ["adele.vance@contoso.com", "vs-1", "2027-11-26", "+1 425 555 0100", "snake_case_name", "Contoso (Europe)", "a - b", "50% off!", "C:\\temp"];
  for (const text of leftAlone) {
    it(`leaves "${text}" as it is: nothing in it starts Markdown`, () => {
      expect(escapeMarkdown(text)).to.equal(text);
    });
  }

  const escaped = [
    { when: "bold", text: "**Boss**", expected: "\\*\\*Boss\\*\\*" },
    { when: "italic with underscores", text: "_boss_", expected: "\\_boss\\_" },
    { when: "a link", text: "[click](http://evil.example)", expected: "\\[click](http://evil.example)" },
    { when: "an image", text: "![x](http://evil.example/x.png)", expected: "!\\[x](http://evil.example/x.png)" },
    { when: "an autolink", text: "<http://evil.example>", expected: "\\<http://evil.example>" },
    { when: "code", text: "`rm -rf`", expected: "\\`rm -rf\\`" },
    { when: "strikethrough", text: "~~gone~~", expected: "\\~\\~gone\\~\\~" },
    { when: "a bullet at the start", text: "- item", expected: "\\- item" },
    { when: "a plus bullet on a later line", text: "one\n+ two", expected: "one\n\\+ two" },
    { when: "a numbered list", text: "1. first", expected: "1\\. first" },
    { when: "a heading", text: "# Title", expected: "\\# Title" },
    { when: "a quote", text: "> said", expected: "\\> said" },
    { when: "a rule", text: "---", expected: "\\---" },
    { when: "a setext underline", text: "Title\n===", expected: "Title\n\\===" },
    { when: "a backslash that would escape the next character", text: "\\*", expected: "\\\\\\*" },
  ];
  for (const { when, text, expected } of escaped) {
    it(`escapes ${when}`, () => {
      expect(escapeMarkdown(text)).to.equal(expected);
    });
  }
});
