import { expect } from "chai";
import { z } from "zod";
import type { DirectoryUser } from "../../benefits";
import { parseActivity } from "../../bot/activitySchema";
import { aUser } from "../benefits/fixtures";
import { ADELE, ALEX, DEMO_TENANT, LEE, startTestBot, type TestBot, type TestChat } from "../support/botHarness";

const OTHER_TENANT = "0b0b0b0b-1111-4222-8333-444444444444";
const OTHER_ADMIN = "b2b2b2b2-0000-4000-8000-000000000001";

const searchAnswer = z.object({
  status: z.number(),
  body: z.object({ statusCode: z.number(), type: z.string(), value: z.unknown() }),
});
const resultsSchema = z.object({ results: z.array(z.object({ title: z.string(), value: z.string() }).strict()) }).strict();

/** Types `text` in a typeahead picker, as Teams does: an application/search invoke; returns the invoke response. */
async function typeahead(chat: TestChat, text: string, dataset = "people", queryOptions: Record<string, number> = { skip: 0, top: 15 }) {
  const turn = await chat.send({ type: "invoke", name: "application/search", value: { kind: "search", queryText: text, queryOptions, dataset } });
  const response = turn.activities.find((a) => a.type === "invokeResponse");
  expect(turn.activities.filter((a) => a.type !== "invokeResponse"), "a search sends no message").to.deep.equal([]);
  return searchAnswer.parse(response?.value);
}

async function found(chat: TestChat, text: string, dataset?: string, queryOptions?: Record<string, number>): Promise<string[]> {
  const answer = await typeahead(chat, text, dataset, queryOptions);
  expect(answer.status).to.equal(200);
  expect(answer.body.statusCode).to.equal(200);
  expect(answer.body.type).to.equal("application/vnd.microsoft.search.searchResponse");
  return resultsSchema.parse(answer.body.value).results.map((r) => r.title);
}

function person(id: string, displayName: string, email: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return aUser(id, ["employee"], { tenantId: DEMO_TENANT, displayName, email, ...overrides });
}

describe("the people search invoke (application/search)", () => {
  let bot: TestBot;
  before(async () => {
    bot = await startTestBot();
    for (let i = 0; i < 20; i++) await bot.repos.users.create(person(`zoe-${i}`, `Zoé Durand ${String(i).padStart(2, "0")}`, `zoe.durand${i}@contoso.com`));
    await bot.repos.users.create(person("gone", "Zoltan Gone", "zoltan.gone@contoso.com", { leftAt: "2026-11-01T00:00:00.000Z" }));
    await bot.repos.users.create(person("oskar", "Øskar Ångström", "o.angstrom@contoso.com"));
    await bot.repos.users.create(aUser(OTHER_ADMIN, ["globalAdmin"], { tenantId: OTHER_TENANT, displayName: "Zora Other", email: "zora@fabrikam.com" }));
    await bot.repos.users.create(aUser("fab-lee", ["employee"], { tenantId: OTHER_TENANT, displayName: "Lee Fabrikam", email: "lee@fabrikam.com" }));
  });
  after(async () => {
    await bot.stop();
  });

  it("finds people whose name or a word of it starts with the text, whatever the case", async () => {
    const chat = bot.chat(ALEX);
    expect(await found(chat, "LEE")).to.deep.equal(["Lee Gu (lee.gu@contoso.com)"]);
    expect(await found(chat, "vance")).to.deep.equal(["Adele Vance (adele.vance@contoso.com)"]);
    expect(await found(chat, "megan.b")).to.deep.equal(["Megan Bowen (megan.bowen@contoso.com)"]);
  });

  it("ignores accents both ways: typed without them, and typed with them", async () => {
    const chat = bot.chat(ALEX);
    expect(await found(chat, "angs")).to.deep.equal(["Øskar Ångström (o.angstrom@contoso.com)"]);
    expect(await found(chat, "zoé durand 07")).to.deep.equal(["Zoé Durand 07 (zoe.durand7@contoso.com)"]);
    expect(await found(chat, "ZOE DURAND 1")).to.have.length(10);
  });

  it("matches a prefix, not any part: the middle of a name finds nothing", async () => {
    expect(await found(bot.chat(ALEX), "urand")).to.deep.equal([]);
  });

  it("answers at most 15 people, in name order, even when Teams asks for more", async () => {
    const chat = bot.chat(ALEX);
    const first = await found(chat, "zo", "people", { skip: 0, top: 50 });
    expect(first).to.have.length(15);
    expect(first[0]).to.equal("Zoé Durand 00 (zoe.durand0@contoso.com)");
    expect(first[14]).to.equal("Zoé Durand 14 (zoe.durand14@contoso.com)");
    expect(await found(chat, "zo", "people", { skip: 15, top: 15 })).to.have.length(5);
  });

  it("leaves out people who left the organization", async () => {
    const titles = await found(bot.chat(ALEX), "zolt");
    expect(titles).to.deep.equal([]);
  });

  it("searches only the caller's tenant: the tenant comes from the activity", async () => {
    expect(await found(bot.chat(ALEX), "zora")).to.deep.equal([]);
    const other = bot.chat(OTHER_ADMIN, { tenantId: OTHER_TENANT });
    expect(await found(other, "lee")).to.deep.equal(["Lee Fabrikam (lee@fabrikam.com)"]);
    expect(await found(other, "zo")).to.deep.equal(["Zora Other (zora@fabrikam.com)"]);
  });

  it("answers a person's id as the value, the id a picker submits", async () => {
    const answer = await typeahead(bot.chat(ALEX), "lee g");
    expect(resultsSchema.parse(answer.body.value).results).to.deep.equal([{ title: "Lee Gu (lee.gu@contoso.com)", value: LEE }]);
  });

  it("offers a subscription's holders, or everyone else, for the Visual Studio pickers", async () => {
    const chat = bot.chat(ALEX);
    expect(await found(chat, "a", "people/holding/vs-enterprise")).to.deep.equal(["Adele Vance (adele.vance@contoso.com)"]);
    const others = await found(chat, "a", "people/notHolding/vs-enterprise");
    expect(others).to.include("Alex Wilber (alex.wilber@contoso.com)");
    expect(others).not.to.include("Adele Vance (adele.vance@contoso.com)");
    expect(await found(chat, "a", "people/holding/no-such-subscription")).to.deep.equal([]);
  });

  it("refuses an employee (403) and an unknown dataset (400), listing nobody", async () => {
    const refused = await typeahead(bot.chat(ADELE), "a");
    expect(refused.status).to.equal(403);
    expect(refused.body.type).to.equal("application/vnd.microsoft.error");
    const unknown = await typeahead(bot.chat(ALEX), "a", "packages");
    expect(unknown.status).to.equal(400);
    expect(JSON.stringify(unknown.body)).not.to.contain("@contoso.com");
  });

  describe("at the door", () => {
    const activity = (value: unknown) => ({
      type: "invoke",
      name: "application/search",
      channelId: "msteams",
      serviceUrl: "http://127.0.0.1:3979/",
      from: { id: "29:x", aadObjectId: ALEX },
      recipient: { id: "28:bot" },
      conversation: { id: "a:1", tenantId: DEMO_TENANT },
      value,
    });
    const policy = { localMode: true };

    it("lets a well-formed search in", () => {
      expect(parseActivity(activity({ queryText: "lee", dataset: "people", queryOptions: { skip: 0, top: 15 } }), policy).ok).to.equal(true);
    });

    const broken: [string, unknown][] = [
      ["no queryText", { dataset: "people" }],
      ["no dataset", { queryText: "lee" }],
      ["a queryText that is not text", { queryText: 42, dataset: "people" }],
      ["a queryText of 101 characters", { queryText: "a".repeat(101), dataset: "people" }],
      ["a negative skip", { queryText: "a", dataset: "people", queryOptions: { skip: -1, top: 15 } }],
    ];
    for (const [what, value] of broken) {
      it(`refuses a search with ${what}, saying which field`, () => {
        const verdict = parseActivity(activity(value), policy);
        expect(verdict.ok).to.equal(false);
        if (!verdict.ok) expect(verdict.reason).to.match(/value/);
      });
    }
  });
});
