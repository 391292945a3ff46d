import { randomUUID } from "node:crypto";
import { expect } from "chai";
import { isBenefitsError, type DirectoryUser, type Repositories } from "../../benefits";
import { startCountingCosmos, type CountingCosmos } from "../../bench/support/countingCosmos";
import { connectCosmos, type CosmosConnection } from "../../storage/cosmos";
import { createRepositories } from "../../storage/repositories";
import { withTurnReads } from "../../storage/turnReads";

const TENANT = "7c1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const OTHER = "8d2e7d0f-8b54-4b9f-8c2d-1e3f4a5b6c7d";

function person(tenantId: string, id: string, displayName: string): DirectoryUser {
  return { type: "user", id, tenantId, version: 0, displayName, email: `${id}@contoso.example`, roles: ["employee"], remindersMuted: false };
}

describe("reads kept for one turn, parses kept per document version", function () {
  this.timeout(60_000);
  let cosmos: CountingCosmos;
  let connection: CosmosConnection;
  let repos: Repositories;
  before(async function () {
    this.timeout(60_000);
    cosmos = await startCountingCosmos();
    connection = await connectCosmos({ endpoint: cosmos.endpoint, key: cosmos.key, httpsAgent: cosmos.newAgent(), databaseId: `reads-${randomUUID()}` });
    repos = createRepositories(connection.tenantData);
    await repos.users.create(person(TENANT, "ann", "Ann"));
    await repos.users.create(person(TENANT, "bob", "Bob"));
    await repos.users.create(person(OTHER, "ann", "Ann of another tenant"));
  });
  after(async () => {
    connection.dispose();
    await cosmos.close();
  });

  async function requestsOf(run: () => Promise<unknown>): Promise<number> {
    const before = cosmos.requests.length;
    await run();
    await cosmos.settled(before);
    return cosmos.requests.length - before;
  }

  it("asks the store once per document in a turn, and again in the next turn", async () => {
    const inTurn = await requestsOf(() =>
      withTurnReads(async () => {
        await repos.users.get(TENANT, "ann");
        await repos.users.get(TENANT, "ann");
      }),
    );
    expect(inTurn).to.equal(1);
    expect(await requestsOf(() => withTurnReads(() => repos.users.get(TENANT, "ann")))).to.equal(1);
    expect(await requestsOf(async () => [await repos.users.get(TENANT, "ann"), await repos.users.get(TENANT, "ann")]), "outside a turn").to.equal(2);
  });

  it("answers a read by id from a list the turn read, absent ids included, and never from another tenant's reads", async () => {
    await withTurnReads(async () => {
      await requestsOf(() => repos.users.list(TENANT));
      const requests = await requestsOf(async () => {
        expect((await repos.users.get(TENANT, "bob"))?.value.displayName).to.equal("Bob");
        expect(await repos.users.get(TENANT, "nobody")).to.equal(undefined);
      });
      expect(requests).to.equal(0);
      expect(await requestsOf(async () => expect((await repos.users.get(OTHER, "ann"))?.value.displayName).to.equal("Ann of another tenant"))).to.equal(1);
    });
  });

  it("reads again after a write in the turn, so a retry after CONFLICT sees the newer version", async () => {
    await withTurnReads(async () => {
      const first = await repos.users.get(TENANT, "bob");
      if (first === undefined) throw new Error("Bob is missing");
      // Another process changes Bob meanwhile (outside this turn).
      await withTurnReads(async () => {
        const current = await repos.users.get(TENANT, "bob");
        if (current === undefined) throw new Error("Bob is missing");
        await repos.users.replace({ ...current.value, displayName: "Bob (changed elsewhere)", version: current.value.version + 1 }, current.etag);
      });
      const stale = await repos.users.replace({ ...first.value, displayName: "Bob (lost)", version: first.value.version + 1 }, first.etag).catch((e: unknown) => e);
      expect(isBenefitsError(stale, "CONFLICT")).to.equal(true);
      const reread = await repos.users.get(TENANT, "bob");
      expect(reread?.value.displayName).to.equal("Bob (changed elsewhere)");
      expect(reread?.etag).not.to.equal(first.etag);
    });
  });

  it("reads several kinds of one tenant in one query, and the turn's later lists come from it", async () => {
    await withTurnReads(async () => {
      const requests = await requestsOf(() => repos.readTogether(TENANT, ["users", "benefits", "marketingContacts"]));
      expect(requests, "the query and the SDK's query plan").to.be.at.most(2);
      const read = await repos.readTogether(OTHER, ["users"]);
      await cosmos.settled(0);
      expect(read.users.map((u) => u.value.displayName)).to.deep.equal(["Ann of another tenant"]);
      expect(await requestsOf(() => repos.users.list(TENANT))).to.equal(0);
      expect(await requestsOf(() => repos.marketingContacts.get(TENANT, "marketing-contact"))).to.equal(0);
    });
  });

  it("reads ahead several ids in one request; the turn's gets are answered from it, checked by kind and tenant", async () => {
    await withTurnReads(async () => {
      const requests = await requestsOf(() => repos.readAhead(TENANT, { users: ["ann", "bob"], benefits: ["bob"] }));
      expect(requests, "one batch of point reads").to.equal(1);
      const answered = await requestsOf(async () => {
        expect((await repos.users.get(TENANT, "bob"))?.value.id).to.equal("bob");
        expect((await repos.users.get(TENANT, "ann"))?.value.tenantId).to.equal(TENANT);
      });
      expect(answered).to.equal(0);
      expect(await repos.benefits.get(TENANT, "bob"), "a user's id read as a benefit is no benefit").to.equal(undefined);
      expect(await requestsOf(() => repos.readAhead(TENANT, { users: ["ann", "bob"] })), "nothing left to read").to.equal(0);
      expect((await repos.users.get(OTHER, "ann"))?.value.displayName, "another tenant's read is its own").to.equal("Ann of another tenant");
    });
    expect(await requestsOf(() => repos.readAhead(TENANT, { users: ["ann", "bob"] })), "outside a turn").to.equal(0);
  });

  it("leaves an absent id, and whatever the store did not answer after it, to reads of their own", async () => {
    await withTurnReads(async () => {
      await repos.readAhead(TENANT, { users: ["ann", "nobody", "bob"] });
      expect(await requestsOf(async () => expect(await repos.users.get(TENANT, "nobody")).to.equal(undefined)), "known absent").to.equal(0);
      expect(await requestsOf(async () => expect((await repos.users.get(TENANT, "bob"))?.value.id).to.equal("bob"))).to.be.at.most(1);
    });
  });

  it("gives each version its own content and hands out documents nobody can edit", async () => {
    const before = await repos.users.get(TENANT, "ann");
    if (before === undefined) throw new Error("Ann is missing");
    expect(() => {
      (before.value as { displayName: string }).displayName = "edited in memory";
    }).to.throw(TypeError);
    await repos.users.replace({ ...before.value, displayName: "Ann Changed", version: before.value.version + 1 }, before.etag);
    expect((await repos.users.get(TENANT, "ann"))?.value.displayName).to.equal("Ann Changed");
    expect((await repos.users.list(TENANT)).find((u) => u.value.id === "ann")?.value.displayName).to.equal("Ann Changed");
  });
});
