import { expect } from "chai";
import type { CloudAdapter } from "botbuilder";
import { planTenantNotifications } from "../../benefits/notifications/planTenant";
import { unreachableRecipients } from "../../benefits/notifications/unreachable";
import { installForUser } from "../../bot/graphInstaller";
import { sendDueNotifications } from "../../bot/notifier";
import { expectRejection } from "../benefits/fixtures";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { ConnectorStandIn } from "./support/connectorStandIn";
import { GraphStandIn, RecordingCredential } from "./support/graphStandIn";
import { ADMIN, domainFor, EMPLOYEE, freshTenantId, localAdapter, personalConversation, reachingNotifierFor, seedActivatedTenant, TestClock } from "./support/notificationWorld";

const CATALOG_APP_ID = "catalog-app-1";

describe("reaching people who never chatted with the bot (real Cosmos, real CloudAdapter, stand-in connector and Graph)", () => {
  let cosmos: TestCosmos;
  let connector: ConnectorStandIn;
  let graph: GraphStandIn;
  let adapter: CloudAdapter;
  let clock: TestClock;
  let tenantId: string;

  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos.stop();
  });

  beforeEach(async () => {
    connector = await ConnectorStandIn.start();
    graph = await GraphStandIn.start();
    adapter = localAdapter();
    clock = new TestClock();
    tenantId = freshTenantId();
    await seedActivatedTenant(cosmos.repositories, tenantId);
    // Only the admin ever talked to the bot: the employee has no personal chat with it.
    await cosmos.repositories.conversations.create(personalConversation(tenantId, ADMIN, connector.url));
    await planTenantNotifications(domainFor(cosmos.repositories, clock), tenantId);
  });

  afterEach(async () => {
    await connector.close();
    await graph.close();
  });

  const employeeNotification = async () => (await cosmos.repositories.notifications.get(tenantId, `tech-1:activated:${EMPLOYEE}`))?.value;
  const installer = (credential: RecordingCredential) => (tenant: string, userId: string) =>
    installForUser({ baseUrl: graph.url, catalogAppId: CATALOG_APP_ID, credentialFor: () => credential }, tenant, userId);

  it("opens a chat through the service URL of the tenant's conversations, stores it, and sends there when Teams allows it", async () => {
    const notifier = reachingNotifierFor(cosmos.repositories, clock, adapter);

    const report = await sendDueNotifications(notifier, tenantId);
    await sendDueNotifications(notifier, tenantId);

    expect(report).to.include({ sent: 2, conversationsOpened: 1, waitingForConversation: 0 });
    expect(connector.creates).to.have.length(1);
    expect(connector.creates[0].parameters).to.deep.include({ isGroup: false, tenantId, members: [{ id: EMPLOYEE }], channelData: { tenant: { id: tenantId } }, bot: { id: "28:benefits-bot", name: "Benefits Bot" } });
    expect(connector.delivered().filter((p) => p.conversationId === `a:created-${EMPLOYEE}`)).to.have.length(1);
    const stored = (await cosmos.repositories.conversations.list(tenantId)).map((c) => c.value).find((c) => c.userId === EMPLOYEE);
    expect(stored).to.deep.include({ conversationId: `a:created-${EMPLOYEE}`, conversationType: "personal", serviceUrl: connector.url });
    expect((await employeeNotification())?.state).to.equal("sent");
  });

  it("installs the app through Graph with the bot's app-only token after a 403, then opens the chat and sends", async () => {
    connector.answerCreate({ status: 403 });
    const credential = new RecordingCredential();
    const notifier = reachingNotifierFor(cosmos.repositories, clock, adapter, installer(credential));

    const report = await sendDueNotifications(notifier, tenantId);

    expect(credential.scopes).to.deep.equal([`${graph.url}/.default`]);
    expect(graph.requests).to.deep.equal([
      {
        method: "POST",
        path: `/v1.0/users/${EMPLOYEE}/teamwork/installedApps`,
        authorization: "Bearer graph-test-token",
        body: { "teamsApp@odata.bind": `${graph.url}/v1.0/appCatalogs/teamsApps/${CATALOG_APP_ID}` },
      },
    ]);
    expect(connector.creates.map((c) => c.status)).to.deep.equal([403, 200]);
    expect(report).to.include({ sent: 2, conversationsOpened: 1 });
    expect(connector.delivered().filter((p) => p.conversationId === `a:created-${EMPLOYEE}`)).to.have.length(1);
    expect((await employeeNotification())?.state).to.equal("sent");
  });

  it("keeps the notification planned and counts the person as unreachable, saying why, when Teams refuses and Graph is off", async () => {
    connector.answerCreate({ status: 403 });
    const notifier = reachingNotifierFor(cosmos.repositories, clock, adapter);

    const report = await sendDueNotifications(notifier, tenantId);
    await sendDueNotifications(notifier, tenantId);
    const summary = await unreachableRecipients(domainFor(cosmos.repositories, clock), { tenantId, userId: ADMIN });

    expect(report).to.include({ sent: 1, waitingForConversation: 1, conversationsOpened: 0 });
    expect(connector.creates).to.have.length(1);
    expect(graph.requests).to.have.length(0);
    expect(await employeeNotification()).to.deep.include({ state: "planned", waitingFor: "appNotInstalled", attempts: 0 });
    expect(summary).to.deep.equal({ people: 1, reasons: [{ reason: "appNotInstalled", people: 1 }], userIds: [EMPLOYEE] });
    await expectRejection(unreachableRecipients(domainFor(cosmos.repositories, clock), { tenantId, userId: EMPLOYEE }), "NOT_AUTHORIZED");
  });

  it("keeps the notification planned with the Graph failure as the reason when the install is refused", async () => {
    connector.answerCreate({ status: 403 });
    graph.answer(403);
    const notifier = reachingNotifierFor(cosmos.repositories, clock, adapter, installer(new RecordingCredential()));

    await sendDueNotifications(notifier, tenantId);

    expect(connector.creates).to.have.length(1);
    const waiting = await employeeNotification();
    expect(waiting).to.deep.include({ state: "planned", waitingFor: "installFailed" });
    expect(waiting?.lastError).to.contain("HTTP 403");
  });
});
