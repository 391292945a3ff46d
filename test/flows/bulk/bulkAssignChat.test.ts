import { expect } from "chai";
import { applyBulkAssign, readAssignmentCsv, type Benefit } from "../../../benefits";
import { ALEX, DEMO_TENANT, LEE, MEGAN, NESTOR, startTestBot, type TestBot } from "../../support/botHarness";
import { plainFile, startFileServer, teamsFile, type FileServer } from "./support";

// One row per outcome the preview can give, against the demo tenant (Adele already holds a Visual Studio Enterprise seat).
const ALL_OUTCOMES = [
  "benefit,email,alternate_email",
  "vs-professional,lee.gu@contoso.com,",
  "Visual Studio Professional subscription,NESTOR.WILKE@contoso.com,",
  "vs-professional,lee.gu@contoso.com,",
  "vs-enterprise,adele.vance@contoso.com,",
  "Microsoft product support incidents,nestor.wilke@contoso.com,Nestor.Wilke@Contoso.com",
  "Partner advisory hours,megan.bowen@contoso.com,megan@fabrikam.example",
  "Partner advisory hours,lee.gu@contoso.com,lee@fabrikam.example",
  "No such benefit,lee.gu@contoso.com,",
  "vs-professional,new.person@contoso.com,",
].join("\r\n");

// Semicolons and a BOM, as a spreadsheet in a French locale saves it.
const FRENCH_FILE = `\uFEFF${["benefit;email;alternate_email", "vs-professional;nouvelle.personne@contoso.com;", "vs-professional;lee.gu@contoso.com;"].join("\n")}`;

describe("Bulk assignment from a CSV attached in chat", () => {
  let bot: TestBot;
  let files: FileServer;

  beforeEach(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
    files = await startFileServer({
      "people.csv": ALL_OUTCOMES,
      "french.csv": FRENCH_FILE,
    });
  });
  afterEach(async () => {
    await files.stop();
    await bot.stop();
  });

  async function benefit(id: string): Promise<Benefit> {
    const stored = await bot.repos.benefits.get(DEMO_TENANT, id);
    if (stored === undefined) throw new Error(`no benefit ${id}`);
    return stored.value;
  }
  async function seatHolders(id: string): Promise<string[]> {
    const found = await benefit(id);
    return found.category === "visualStudio" ? found.assignments.map((a) => a.userId).sort() : [];
  }
  async function techHolder(id: string): Promise<string | undefined> {
    const found = await benefit(id);
    return found.category === "technical" ? found.assignment?.userId : undefined;
  }
  async function versions(): Promise<string> {
    return JSON.stringify((await bot.repos.benefits.list(DEMO_TENANT)).map((s) => [s.value.id, s.value.version]));
  }
  /** Alex's audit entries on these benefits, whether still in the changed document's outbox or copied to the log. */
  async function auditIdsOn(benefitIds: readonly string[]): Promise<string[]> {
    const pending = (await bot.repos.benefits.list(DEMO_TENANT)).flatMap((s) => s.value.outbox ?? []);
    const logged = await bot.repos.audit.recent(DEMO_TENANT, 200);
    const ids = [...pending, ...logged].filter((e) => e.actorId === ALEX && benefitIds.includes(e.targetId)).map((e) => e.id);
    return [...new Set(ids)].sort();
  }

  it("previews a Teams file row by row, assigns the ready rows on Assign 3, and a double click acts once and says the same", async () => {
    const chat = bot.chat(ALEX);
    const before = await versions();
    const preview = await chat.send({ type: "message", attachments: [teamsFile(files.url("people.csv"), "people.csv")] });
    const text = preview.allText();
    expect(text).to.contain("Bulk assignment: 3 of 9 rows ready").and.contain("From people.csv");
    for (const line of [
      "Line 2 · Visual Studio Professional subscription · lee.gu@contoso.com — **Ready**",
      "Line 3 · Visual Studio Professional subscription · NESTOR.WILKE@contoso.com — **Ready**",
      "Line 4 · Visual Studio Professional subscription · lee.gu@contoso.com — **Duplicate row**",
      "Line 5 · Visual Studio Enterprise subscription · adele.vance@contoso.com — **Already holds it**",
      "Line 6 · Microsoft product support incidents · nestor.wilke@contoso.com — **Alternate email equals the account email**",
      "Line 7 · Partner advisory hours · megan.bowen@contoso.com — **Ready**",
      "Line 8 · Partner advisory hours · lee.gu@contoso.com — **No seat left**",
      "Line 9 · No such benefit · lee.gu@contoso.com — **Unknown benefit**",
      "Line 10 · Visual Studio Professional subscription · new.person@contoso.com — **Unknown person (not in the directory)**",
    ]) {
      expect(text).to.contain(line);
    }
    expect(preview.actions().map((a) => a.title)).to.include.members(["Assign 3", "Add the unknown people (1)", "Cancel"]);
    expect(await versions(), "a preview writes nothing").to.equal(before);

    const assign = preview.findAction("Assign 3");
    const done = await chat.press(assign);
    expect(done.allText()).to.contain("Bulk assignment done: 3 assigned").and.contain("3 of 3 ready rows assigned; 6 rows not assigned.");
    expect(done.actions(), "the done card has nothing left to click").to.deep.equal([]);
    expect(await seatHolders("vs-professional")).to.deep.equal([LEE, NESTOR].sort());
    expect(await techHolder("tech-advisory-hours")).to.equal(MEGAN);
    expect(await techHolder("tech-support-incidents")).to.equal(undefined);
    const afterFirst = await versions();
    // Each assignment's audit entry was written with the assignment itself (the document's outbox), one per row.
    expect(await auditIdsOn(["vs-professional", "tech-advisory-hours"])).to.have.length(3);

    const again = await chat.press(assign);
    expect(again.allText()).to.contain("Bulk assignment done: 3 assigned").and.contain("3 of 3 ready rows assigned");
    expect(await versions(), "the second click assigns nothing").to.equal(afterFirst);
    expect(await auditIdsOn(["vs-professional", "tech-advisory-hours"])).to.have.length(3);

    // The done card waits for nothing: what is typed next is a new request, not an answer to it.
    const next = await chat.say("help");
    expect(next.allText()).to.contain("here is what I can do").and.not.contain("waiting for your answer");

    // The same file again: nothing new to assign.
    const second = await chat.send({ type: "message", attachments: [plainFile(files.url("people.csv"), "people.csv")] });
    expect(second.allText()).to.contain("Bulk assignment: 0 of 9 rows ready").and.contain("Line 2 · Visual Studio Professional subscription · lee.gu@contoso.com — **Already holds it**");
    expect(second.actions().map((a) => a.verb)).to.not.include("bulk.apply");
    expect(await versions()).to.equal(afterFirst);
  });

  it("tells the same when another click on the same card assigned the rows first (two clicks at once)", async () => {
    const chat = bot.chat(ALEX);
    const preview = await chat.send({ type: "message", attachments: [teamsFile(files.url("people.csv"), "people.csv")] });
    const reading = readAssignmentCsv(ALL_OUTCOMES);
    if (!reading.ok) throw new Error("the fixture does not read");
    // What the other click's turn does while this one is on its way.
    await applyBulkAssign(bot.deps, { tenantId: DEMO_TENANT, userId: ALEX }, reading.rows);
    const afterOther = await versions();
    const done = await chat.press(preview.findAction("Assign 3"));
    expect(done.allText()).to.contain("3 of 3 ready rows assigned");
    expect(await versions()).to.equal(afterOther);
    expect(await seatHolders("vs-professional")).to.deep.equal([LEE, NESTOR].sort());
  });

  it("reads the Playground's plain attachment (semicolons, BOM) in French, adds the unknown person on request, then assigns", async () => {
    const chat = bot.chat(ALEX, { locale: "fr-FR" });
    const preview = await chat.send({ type: "message", attachments: [plainFile(files.url("french.csv"))] });
    expect(preview.allText()).to.contain("Attribution en masse : 1 sur 2 lignes prêtes").and.contain("Personne inconnue");
    const added = await chat.press(preview.findAction("Ajouter les personnes inconnues (1)"));
    expect(added.allText()).to.contain("Personnes ajoutées à l'annuaire : 1").and.contain("2 sur 2 lignes prêtes");
    const person = (await bot.repos.users.list(DEMO_TENANT)).find((u) => u.value.email === "nouvelle.personne@contoso.com");
    expect(person?.value.roles).to.deep.equal(["employee"]);
    const done = await chat.press(added.findAction("Attribuer 2"));
    expect(done.allText()).to.contain("2 des 2 lignes prêtes attribuées");
    expect(await seatHolders("vs-professional")).to.deep.equal([LEE, person?.value.id ?? ""].sort());
  });

});

describe("Bulk assignment files that change nothing", () => {
  let bot: TestBot;
  let files: FileServer;

  before(async function () {
    this.timeout(60_000);
    bot = await startTestBot();
    files = await startFileServer({ "people.csv": ALL_OUTCOMES, "header.csv": "benefit,person\nvs-professional,lee.gu@contoso.com\n", "notes.txt": "hello" });
  });
  beforeEach(() => {
    files.fetched.splice(0);
  });
  after(async () => {
    await files.stop();
    await bot.stop();
  });

  async function versions(): Promise<string> {
    return JSON.stringify((await bot.repos.benefits.list(DEMO_TENANT)).map((s) => [s.value.id, s.value.version]));
  }

  it("Cancel on the preview assigns nothing, and the card's Assign afterwards is out of date", async () => {
    const chat = bot.chat(ALEX);
    const before = await versions();
    const preview = await chat.send({ type: "message", attachments: [teamsFile(files.url("people.csv"), "people.csv")] });
    await chat.press(preview.findAction("Cancel"));
    const late = await chat.press(preview.findAction("Assign 3"));
    expect(late.allText()).to.contain("out of date");
    expect(await versions()).to.equal(before);
  });

  it("refuses someone who is not a global admin, without downloading the file, and changes nothing", async () => {
    const before = await versions();
    const turn = await bot.chat(LEE).send({ type: "message", attachments: [teamsFile(files.url("people.csv"), "people.csv")] });
    expect(turn.allText()).to.match(/Global admin/);
    expect(turn.actions().map((a) => a.verb)).to.not.include("bulk.apply");
    expect(files.fetched).to.deep.equal([]);
    expect(await versions()).to.equal(before);
  });

  it("answers a file with a wrong header with the line and the rule, and changes nothing", async () => {
    const before = await versions();
    const turn = await bot.chat(ALEX).send({ type: "message", attachments: [plainFile(files.url("header.csv"), "header.csv")] });
    expect(turn.allText()).to.contain("can't be used for a bulk assignment").and.contain("line 1").and.contain("benefit,email,alternate_email");
    expect(await versions()).to.equal(before);
  });

  it("says which files it reads when the attachment is neither a package nor a CSV", async () => {
    const turn = await bot.chat(ALEX).send({ type: "message", attachments: [teamsFile(files.url("notes.txt"), "notes.txt")] });
    expect(turn.allText()).to.contain("notes.txt is neither").and.contain(".csv");
    expect(files.fetched).to.deep.equal([]);
  });

  it("explains the file format when asked to bulk assign without a file", async () => {
    const turn = await bot.chat(ALEX).say("bulk assign");
    expect(turn.allText()).to.contain("benefit,email,alternate_email").and.contain("500 rows");
  });
});
