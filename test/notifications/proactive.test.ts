import { expect } from "chai";
import sinon from "sinon";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { SendPacer } from "../../benefits/notifications/pacer";
import { startTestCosmos } from "../support/cosmos";
import { classifySendFailure, sendCardTo } from "../../bot/proactive";
import { noticeCard } from "../../cards/notice";
import { Scheduler } from "../../bot/scheduler";
import { ConnectorStandIn } from "./support/connectorStandIn";
import { domainFor, personalConversation, TestClock } from "./support/notificationWorld";

type CredentialsFactory = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]>;

const APP_ID = "11111111-2222-4333-8444-555555555555";

/** Static credentials: with an app id, the SDK would otherwise fetch a token from Entra, and these machines have no network. */
class StaticTokenCredentialsFactory implements CredentialsFactory {
  readonly appIds: string[] = [];
  async isValidAppId(appId: string): Promise<boolean> {
    return appId === APP_ID;
  }
  async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  async createCredentials(appId: string) {
    this.appIds.push(appId);
    return {
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(request: T): Promise<T> => {
        request.headers.set("authorization", "Bearer static-test-token");
        return request;
      },
    };
  }
}

describe("bot/proactive", () => {
  it("sends with the configured app id and its credentials when an app id is set", async () => {
    const connector = await ConnectorStandIn.start();
    try {
      const credentials = new StaticTokenCredentialsFactory();
      const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: APP_ID }, credentials));
      const record = personalConversation("tenant-a", "emp-1", connector.url);

      const outcome = await sendCardTo(adapter, APP_ID, record, noticeCard("hello"), () => new Date());

      expect(outcome).to.deep.equal({ kind: "sent" });
      expect(credentials.appIds).to.include(APP_ID);
      expect(connector.delivered().map((p) => p.authorization)).to.deep.equal(["Bearer static-test-token"]);
    } finally {
      await connector.close();
    }
  });

  describe("classifySendFailure", () => {
    const now = new Date("2026-11-24T12:00:00Z");
    const failure = (statusCode: number, headers: Record<string, string> = {}) =>
      Object.assign(new Error("scripted"), { statusCode, response: { headers: { get: (name: string) => headers[name.toLowerCase()] } } });
    const cases = [
      { error: failure(403), kind: "unreachable", retryAfterMs: undefined },
      { error: failure(404), kind: "unreachable", retryAfterMs: undefined },
      { error: failure(429, { "retry-after": "30" }), kind: "retry", retryAfterMs: 30_000 },
      { error: failure(503, { "retry-after": "Tue, 24 Nov 2026 12:01:00 GMT" }), kind: "retry", retryAfterMs: 60_000 },
      { error: failure(412), kind: "retry", retryAfterMs: undefined },
      { error: failure(502), kind: "retry", retryAfterMs: undefined },
      { error: new Error("socket hang up"), kind: "retry", retryAfterMs: undefined },
    ];
    for (const { error, kind, retryAfterMs } of cases) {
      it(`gives ${kind}${retryAfterMs === undefined ? "" : ` after ${retryAfterMs} ms`} for ${error.message}${"statusCode" in error ? ` (HTTP ${String(error.statusCode)})` : ""}`, () => {
        const outcome = classifySendFailure(error, now);
        expect(outcome.kind).to.equal(kind);
        expect(outcome.kind === "retry" ? outcome.retryAfterMs : undefined).to.equal(retryAfterMs);
      });
    }
  });
});

describe("bot/scheduler start and stop", () => {
  afterEach(() => sinon.restore());

  it("ticks once per interval after start, one tick at a time, and no more after stop", async () => {
    const cosmos = await startTestCosmos();
    const timers = sinon.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const clock = new TestClock();
    const scheduler = new Scheduler({
      domain: domainFor(cosmos.repositories, clock),
      log: () => undefined,
      pacer: new SendPacer({ now: () => clock.now().getTime(), sleep: async () => undefined }),
      send: async () => ({ kind: "sent" }),
      intervalMs: 1_000,
      demoAutoActivateMs: 0,
    });
    const tick = sinon.stub(scheduler, "tick").resolves();

    scheduler.start();
    await timers.tickAsync(999);
    const beforeInterval = tick.callCount;
    await timers.tickAsync(2_001);
    const afterThree = tick.callCount;
    await scheduler.stop();
    await timers.tickAsync(5_000);
    timers.restore();
    await cosmos.stop();

    expect([beforeInterval, afterThree, tick.callCount]).to.deep.equal([0, 3, 3]);
  });
});
