import { expect } from "chai";
import type { CloudAdapter } from "botbuilder";
import { shardLeaseId } from "../../benefits/notifications/lease";
import { shardOf } from "../../benefits/notifications/shards";
import { SYSTEM_PARTITION } from "../../benefits/notificationTypes";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ConnectorStandIn } from "./support/connectorStandIn";
import { ADMIN, EMPLOYEE, freshTenantId, localAdapter, notifierFor, personalConversation, schedulerFor, seedActivatedTenant, TestClock } from "./support/notificationWorld";

describe("bot/scheduler stop (graceful shutdown; real Cosmos, real CloudAdapter, stand-in connector)", () => {
  let cosmos: TestCosmos;
  let connector: ConnectorStandIn;
  let adapter: CloudAdapter;
  let clock: TestClock;
  let tenantId: string;

  beforeEach(async () => {
    cosmos = await startTestCosmos();
    connector = await ConnectorStandIn.start();
    adapter = localAdapter();
    clock = new TestClock();
    tenantId = freshTenantId();
    await seedActivatedTenant(cosmos.repositories, tenantId);
    for (const userId of [EMPLOYEE, ADMIN]) await cosmos.repositories.conversations.create(personalConversation(tenantId, userId, connector.url));
  });

  const tenantsShardLease = async () => (await cosmos.repositories.leases.get(SYSTEM_PARTITION, shardLeaseId(shardOf(tenantId))))?.value;

  afterEach(async () => {
    await connector.close();
    await cosmos.stop();
  });

  it("lets the notification being sent finish, starts no other, and releases its shard leases when stopped mid-tick", async () => {
    const realSend = notifierFor(cosmos.repositories, clock, adapter).send;
    let sendStarted!: () => void;
    const started = new Promise<void>((resolve) => (sendStarted = resolve));
    let finishSend!: () => void;
    const sendMayFinish = new Promise<void>((resolve) => (finishSend = resolve));
    const recipients: string[] = [];
    const scheduler = schedulerFor(cosmos.repositories, clock, adapter, {
      intervalMs: 10,
      holder: "stopping-instance",
      send: async (record, card) => {
        recipients.push(record.userId);
        sendStarted();
        await sendMayFinish;
        return realSend(record, card);
      },
    });
    scheduler.start();
    await started;
    expect((await tenantsShardLease())?.holder).to.equal("stopping-instance");

    const stopped = scheduler.stop();
    finishSend();
    await stopped;

    expect(recipients).to.have.length(1);
    expect(connector.delivered()).to.have.length(1);
    const states = await Promise.all(
      [EMPLOYEE, ADMIN].map(async (userId) => (await cosmos.repositories.notifications.get(tenantId, `tech-1:activated:${userId}`))?.value.state),
    );
    expect(states).to.have.members(["sent", "planned"]);
    expect(await tenantsShardLease()).to.equal(undefined);
    expect(await cosmos.repositories.leases.list(SYSTEM_PARTITION)).to.deep.equal([]);
  });

  it("leaves the shards to the instance that holds it when stopped without ever ticking", async () => {
    const holder = schedulerFor(cosmos.repositories, clock, adapter, { holder: "holder" });
    await holder.tick();
    const other = schedulerFor(cosmos.repositories, clock, adapter, { holder: "other", intervalMs: 60_000 });
    other.start();

    await other.stop();

    expect((await tenantsShardLease())?.holder).to.equal("holder");
  });
});
