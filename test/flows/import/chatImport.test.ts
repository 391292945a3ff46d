import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { TEAMS_FILE_DOWNLOAD_INFO } from "../../../bot/attachmentDownload";
import { ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot } from "../../support/botHarness";
import { installMessenger, type RecordingMessenger } from "../employees/support";

const EXAMPLE = readFileSync("docs/import/example-package.json", "utf8");
const PACKAGE_ID = "fabrikam-silver-core-2026";
const A_KEY = "KX7RT-2MQ9D-H4WPB-8CJ3F-Y6N2V";

/** Serves files on loopback, as the Playground and Teams' download URLs do, and counts what was fetched. */
async function startFileServer(files: Record<string, string>): Promise<{ url: (name: string) => string; fetched: string[]; stop: () => Promise<void> }> {
  const fetched: string[] = [];
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? "/").slice(1);
    fetched.push(name);
    const body = files[name];
    response.statusCode = body === undefined ? 404 : 200;
    response.setHeader("content-type", "application/json");
    response.end(body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: (name) => `http://127.0.0.1:${port}/${name}`, fetched, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

function teamsAttachment(url: string, name = "package.json") {
  return { contentType: TEAMS_FILE_DOWNLOAD_INFO, name, content: { downloadUrl: url, fileType: "json", uniqueId: "x" } };
}

function plainAttachment(url: string, name = "package.json") {
  return { contentType: "application/json", contentUrl: url, name };
}

describe("Importing a package attached in chat", () => {
  let bot: TestBot;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let messenger: RecordingMessenger;

  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
    messenger = installMessenger(bot);
    const broken = JSON.parse(EXAMPLE) as { benefits: Record<string, unknown>[] };
    broken.benefits[0] = { ...broken.benefits[0], seats: -3 };
    broken.benefits[1] = { ...broken.benefits[1], colour: "blue" };
    files = await startFileServer({ "example.json": EXAMPLE, "broken.json": JSON.stringify(broken) });
  });
  afterEach(async () => {
    await files.stop();
    await bot.stop();
  });

  async function storedPackage() {
    return bot.repos.packages.get(DEMO_TENANT, PACKAGE_ID);
  }
  async function importedBenefits(): Promise<number> {
    return (await bot.repos.benefits.list(DEMO_TENANT)).filter((s) => s.value.packageId === PACKAGE_ID).length;
  }

  it("previews a Teams file (keys masked), imports it on Import, tells the global admins, and acts once on a double click", async () => {
    const chat = bot.chat(LEE);
    const preview = await chat.send({ type: "message", text: "", attachments: [teamsAttachment(files.url("example.json"), "fabrikam.json")] });
    const text = preview.allText();
    expect(text).to.contain("Import the new package Fabrikam Silver Core membership?");
    expect(text).to.contain("11 new, 0 changed, 0 unchanged, 0 refused.");
    expect(text).to.contain("fabrikam.json");
    expect(JSON.stringify(preview.cards)).to.not.contain(A_KEY);
    expect(await storedPackage()).to.equal(undefined);

    const importButton = preview.findAction("Import");
    const done = await chat.press(importButton);
    expect(done.allText()).to.contain("Imported Fabrikam Silver Core membership: 11 new, 0 changed, 0 unchanged, 0 refused.");
    expect(await importedBenefits()).to.equal(11);
    const version = (await storedPackage())?.value.version;
    const toAlex = messenger.sentTo(ALEX);
    expect(toAlex).to.have.length(1);
    expect(JSON.stringify(toAlex[0]?.card)).to.contain("recorded Fabrikam Silver Core membership").and.contain("package.remove");
    expect(messenger.sentTo(LEE)).to.deep.equal([]);

    const again = await chat.press(importButton);
    expect(again.allText()).to.not.contain("Imported");
    expect((await storedPackage())?.value.version).to.equal(version);
    expect(messenger.sentTo(ALEX)).to.have.length(1);
  });

  it("reads the Playground's plain contentUrl attachment, and Cancel writes nothing", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const preview = await chat.send({ type: "message", attachments: [plainAttachment(files.url("example.json"))] });
    expect(preview.allText()).to.contain("Importer le nouveau package Fabrikam Silver Core membership ?");
    expect(preview.allText()).to.contain("11 nouveaux");
    const canceled = await chat.press(preview.findAction("nav.cancel"));
    expect(canceled.allText()).to.not.contain("importé");
    expect(await storedPackage()).to.equal(undefined);
    expect(await importedBenefits()).to.equal(0);
    const late = await chat.press(preview.findAction("import.apply"));
    expect(late.allText()).to.not.contain("importé");
    expect(await storedPackage()).to.equal(undefined);
    expect(messenger.sends).to.deep.equal([]);
  });

  it("answers a bad file with the field paths and writes nothing", async () => {
    const turn = await bot.chat(ALEX).send({ type: "message", attachments: [plainAttachment(files.url("broken.json"))] });
    const text = turn.allText();
    expect(text).to.contain("can't be imported");
    expect(text).to.contain("benefits[0].seats");
    expect(text).to.contain("benefits[1]").and.contain("colour");
    expect(turn.actions().map((a) => a.verb)).to.not.include("import.apply");
    expect(await storedPackage()).to.equal(undefined);
  });

  it("says so when the file cannot be downloaded, and writes nothing", async () => {
    const turn = await bot.chat(ALEX).send({ type: "message", attachments: [teamsAttachment(files.url("missing.json"))] });
    expect(turn.allText()).to.contain("couldn't download").and.contain("httpStatus");
    expect(await storedPackage()).to.equal(undefined);
  });

  it("asks for the personal chat when the file comes in a group chat, without downloading it", async () => {
    const turn = await bot.chat(LEE, { conversationType: "groupChat" }).send({ type: "message", attachments: [teamsAttachment(files.url("example.json"))] });
    expect(turn.allText()).to.contain("personal chat");
    expect(files.fetched).to.deep.equal([]);
    expect(await storedPackage()).to.equal(undefined);
  });

  it("shows an already imported file as unchanged, with nothing to import", async () => {
    const chat = bot.chat(ALEX);
    const first = await chat.send({ type: "message", attachments: [plainAttachment(files.url("example.json"))] });
    await chat.press(first.findAction("Import"));
    const second = await chat.send({ type: "message", attachments: [plainAttachment(files.url("example.json"))] });
    expect(second.allText()).to.contain("0 new, 0 changed, 11 unchanged, 0 refused.").and.contain("nothing to import");
    expect(second.actions().map((a) => a.verb)).to.not.include("import.apply");
  });
});
