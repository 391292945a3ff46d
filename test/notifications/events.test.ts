import { expect } from "chai";
import type { IncomingHttpHeaders } from "node:http";
import { createEventsHandler } from "../../bot/events";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";
import { anOffer, DAY_MS, NOW } from "../benefits/fixtures";
import { ADMIN, domainFor, EMPLOYEE, freshTenantId, seedActivatedTenant, TestClock } from "./support/notificationWorld";

const SECRET = "s".repeat(40);
const bearer = (secret: string): IncomingHttpHeaders => ({ authorization: `Bearer ${secret}` });
const expiresAt = new Date(NOW.getTime() + 365 * DAY_MS).toISOString();

describe("bot/events (POST /api/events)", () => {
  let cosmos: TestCosmos;
  let tenantId: string;

  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos.stop();
  });
  beforeEach(async () => {
    tenantId = freshTenantId();
    await seedActivatedTenant(cosmos.repositories, tenantId);
    await cosmos.repositories.benefits.create({ ...anOffer("offer-1", "pending", { requestedAt: NOW.toISOString(), requestedBy: ADMIN }), tenantId });
  });

  const handler = (config: { secret: string | undefined; allowedTenants?: string[] } = { secret: SECRET }) =>
    createEventsHandler({ domain: domainFor(cosmos.repositories, new TestClock()), secret: config.secret, allowedTenants: config.allowedTenants ?? [], log: () => undefined });
  /** Everything the tenant holds, with etags: "nothing changed" means this is identical before and after. */
  const snapshot = async () =>
    JSON.stringify(await Promise.all([cosmos.repositories.benefits.list(tenantId), cosmos.repositories.notifications.list(tenantId), cosmos.repositories.audit.recent(tenantId, 50)]));
  const offerEvent = (overrides: Record<string, unknown> = {}) => ({ type: "offer.activated", tenantId, benefitId: "offer-1", expiresAt, ...overrides });

  const refusals: { name: string; status: number; call: () => Promise<{ status: number }> }[] = [
    { name: "no Authorization header", status: 401, call: () => handler()(offerEvent(), {}) },
    { name: "a wrong secret", status: 401, call: () => handler()(offerEvent(), bearer(`${SECRET}x`)) },
    { name: "the secret without the Bearer scheme", status: 401, call: () => handler()(offerEvent(), { authorization: SECRET }) },
    { name: "no secret configured, even with a bearer token", status: 401, call: () => handler({ secret: undefined })(offerEvent(), bearer(SECRET)) },
    { name: "an empty body", status: 400, call: () => handler()(undefined, bearer(SECRET)) },
    { name: "an unknown event type", status: 400, call: () => handler()(offerEvent({ type: "offer.deleted" }), bearer(SECRET)) },
    { name: "an offer event without expiresAt", status: 400, call: () => handler()(offerEvent({ expiresAt: undefined }), bearer(SECRET)) },
    { name: "an extra field", status: 400, call: () => handler()(offerEvent({ actorId: ADMIN }), bearer(SECRET)) },
    { name: "an unknown benefit", status: 404, call: () => handler()(offerEvent({ benefitId: "offer-404" }), bearer(SECRET)) },
    { name: "an unknown tenant", status: 404, call: () => handler()(offerEvent({ tenantId: freshTenantId() }), bearer(SECRET)) },
    { name: "a tenant outside ALLOWED_TENANTS", status: 404, call: () => handler({ secret: SECRET, allowedTenants: ["another-tenant"] })(offerEvent(), bearer(SECRET)) },
    { name: "a technical event for an offer id", status: 404, call: () => handler()({ type: "technical.activated", tenantId, benefitId: "offer-1" }, bearer(SECRET)) },
    { name: "a technical benefit already active", status: 409, call: () => handler()({ type: "technical.activated", tenantId, benefitId: "tech-1" }, bearer(SECRET)) },
    { name: "an expiry in the past", status: 400, call: () => handler()(offerEvent({ expiresAt: new Date(NOW.getTime() - DAY_MS).toISOString() }), bearer(SECRET)) },
  ];
  for (const { name, status, call } of refusals) {
    it(`answers ${status} and changes nothing when given ${name}`, async () => {
      const before = await snapshot();

      const answer = await call();

      expect(answer.status).to.equal(status);
      expect(await snapshot()).to.equal(before);
    });
  }

  it("activates the offer as system:events and plans its activation notifications when the event is good", async () => {
    await cosmos.repositories.marketingContacts.create({
      type: "marketingContact", id: "marketing-contact", tenantId, version: 0, userId: EMPLOYEE, alternateEmail: "mkt@fabrikam.example",
      phone: "+14255550100", language: "en", updatedAt: NOW.toISOString(), updatedBy: ADMIN,
    });

    const answer = await handler()(offerEvent(), bearer(SECRET));

    expect(answer.status).to.equal(200);
    const offer = (await cosmos.repositories.benefits.get(tenantId, "offer-1"))?.value;
    expect(offer?.category === "goToMarket" && offer.state).to.equal("active");
    expect((await cosmos.repositories.audit.recent(tenantId, 5)).map((a) => [a.action, a.actorId])).to.deep.include(["goToMarket.activate", "system:events"]);
    const planned = (await cosmos.repositories.notifications.list(tenantId)).map((n) => n.value.id);
    expect(planned).to.include.members([`offer-1:activated:${EMPLOYEE}`, `offer-1:activated:${ADMIN}`]);
  });

  it("answers 409 and changes nothing when the same activation arrives twice", async () => {
    await handler()(offerEvent(), bearer(SECRET));
    const before = await snapshot();

    const replay = await handler()(offerEvent(), bearer(SECRET));

    expect(replay.status).to.equal(409);
    expect(await snapshot()).to.equal(before);
  });
});
