import { expect } from "chai";
import type { Lease, Repositories } from "../../benefits";
import { SYSTEM_PARTITION } from "../../benefits/notificationTypes";
import { shardLeaseId } from "../../benefits/notifications/lease";
import { SHARD_COUNT, shardOf } from "../../benefits/notifications/shards";
import type { DocumentRepository } from "../../benefits/ports";
import { SendPacer } from "../../benefits/notifications/pacer";
import { Scheduler, type TickReport } from "../../bot/scheduler";
import { createRepositories } from "../../storage/repositories";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ADMIN, domainFor, EMPLOYEE, freshTenantId, personalConversation, seedActivatedTenant, TestClock } from "./support/notificationWorld";

const INTERVAL_MS = 60_000;
/** The scheduler's lease: three intervals (and at least a minute). */
const LEASE_MS = 3 * INTERVAL_MS;
const TENANTS = 5;

interface LeaseWrite {
  readonly shard: string;
  readonly holder: string | undefined;
  readonly at: number;
  readonly expiresAt: number;
}

/** The leases repository as the schedulers use it, keeping every successful write: the lease documents' history. */
function recordingLeases(inner: DocumentRepository<Lease>, clock: TestClock, history: LeaseWrite[]): DocumentRepository<Lease> {
  const record = (shard: string, holder: string | undefined, expiresAt: number) => history.push({ shard, holder, at: clock.now().getTime(), expiresAt });
  return {
    get: (tenantId, id) => inner.get(tenantId, id),
    list: (tenantId) => inner.list(tenantId),
    async create(doc) {
      const stored = await inner.create(doc);
      record(doc.id, doc.holder, Date.parse(doc.expiresAt));
      return stored;
    },
    async replace(doc, etag) {
      const stored = await inner.replace(doc, etag);
      record(doc.id, doc.holder, Date.parse(doc.expiresAt));
      return stored;
    },
    async delete(tenantId, id, etag) {
      await inner.delete(tenantId, id, etag);
      record(id, undefined, clock.now().getTime());
    },
  };
}

/** Every pair of consecutive writes of a shard's lease by different holders: the second came after the first ended. */
function overlappingHolds(history: readonly LeaseWrite[]): string[] {
  const problems: string[] = [];
  const last = new Map<string, LeaseWrite>();
  for (const write of history.filter((w) => w.shard.startsWith("scheduler-shard-"))) {
    const before = last.get(write.shard);
    const handedOver = before !== undefined && before.holder !== undefined && write.holder !== undefined && before.holder !== write.holder;
    if (handedOver && write.at < before.expiresAt) problems.push(`${write.shard}: ${write.holder} took it from ${before.holder} before it expired`);
    last.set(write.shard, write);
  }
  return problems;
}

describe("bot/scheduler shards: three instances over one Cosmos DB (real Cosmos, test clock)", () => {
  let cosmos: TestCosmos;
  let clock: TestClock;
  let tenantIds: string[];
  let history: LeaseWrite[];
  let sends: string[];

  before(async () => {
    cosmos = await startTestCosmos();
    clock = new TestClock();
    tenantIds = Array.from({ length: TENANTS }, () => freshTenantId());
    for (const tenantId of tenantIds) {
      await seedActivatedTenant(cosmos.repositories, tenantId);
      for (const userId of [EMPLOYEE, ADMIN]) await cosmos.repositories.conversations.create(personalConversation(tenantId, userId, "https://connector.invalid/"));
    }
    history = [];
    sends = [];
  });

  after(() => cosmos.stop());

  /** An instance as each bot process builds one: its own client-side repositories, its own holder name. */
  function instance(holder: string): Scheduler {
    const plain = createRepositories(cosmos.tenantData);
    const repos: Repositories = { ...plain, leases: recordingLeases(plain.leases, clock, history) };
    return new Scheduler({
      domain: domainFor(repos, clock),
      log: () => undefined,
      pacer: new SendPacer({ now: () => clock.now().getTime(), sleep: async (ms) => clock.advance(ms) }),
      // The counting connector: what reached whom.
      send: async (record) => {
        sends.push(`${record.tenantId}/${record.userId}`);
        return { kind: "sent" };
      },
      intervalMs: INTERVAL_MS,
      demoAutoActivateMs: 0,
      holder,
    });
  }

  const servedIn = (reports: readonly TickReport[]) => reports.flatMap((r) => r.tenantIds);
  const round = async (schedulers: readonly Scheduler[]) => {
    const reports = await Promise.all(schedulers.map((s) => s.tick()));
    clock.advance(INTERVAL_MS);
    return reports;
  };

  it("serves every tenant once per round, holds no shard twice, sends each notification once, and takes over a dead instance's shards after one lease period", async () => {
    const holders = ["instance-a", "instance-b", "instance-c"];
    const schedulers = holders.map(instance);
    const rounds: TickReport[][] = [];
    for (let i = 0; i < 3; i++) rounds.push(await round(schedulers));
    const balanced = rounds.at(-1) ?? [];

    // The instance serving the most tenants dies: it stops ticking and never releases its shards.
    const dead = balanced.reduce((most, r, i) => (r.tenantIds.length > (balanced[most]?.tenantIds.length ?? 0) ? i : most), 0);
    const deadTenants = balanced[dead]?.tenantIds ?? [];
    const survivors = schedulers.filter((_, i) => i !== dead);
    const whileItsLeasesRun: TickReport[][] = [];
    for (let t = INTERVAL_MS; t < LEASE_MS; t += INTERVAL_MS) whileItsLeasesRun.push(await round(survivors));
    const afterOneLeasePeriod = await round(survivors);

    for (const reports of rounds) expect(servedIn(reports)).to.have.members(tenantIds);
    const shardsHeld = balanced.map((r) => r.shards.length);
    expect(shardsHeld.reduce((sum, n) => sum + n, 0)).to.equal(SHARD_COUNT);
    expect(Math.max(...shardsHeld)).to.be.at.most(Math.ceil(SHARD_COUNT / 3));
    expect(deadTenants).to.not.be.empty;
    expect(whileItsLeasesRun).to.have.length(2);
    for (const reports of whileItsLeasesRun) expect(servedIn(reports)).to.have.members(tenantIds.filter((t) => !deadTenants.includes(t)));
    expect(servedIn(afterOneLeasePeriod)).to.have.members(tenantIds);
    expect(overlappingHolds(history)).to.deep.equal([]);
    expect([...new Set(sends)]).to.have.length(2 * TENANTS);
    expect(sends).to.have.length(2 * TENANTS);
    const shardLeases = (await cosmos.repositories.leases.list(SYSTEM_PARTITION)).filter((l) => l.value.id.startsWith("scheduler-shard-"));
    expect(shardLeases).to.have.length(SHARD_COUNT);
    expect(shardLeases.map((l) => l.value.holder)).to.not.include(holders[dead]);
    const takenOver = await cosmos.repositories.leases.get(SYSTEM_PARTITION, shardLeaseId(shardOf(deadTenants[0] ?? "")));
    expect(takenOver?.value.holder).to.be.oneOf(holders.filter((_, i) => i !== dead));
  });
});
