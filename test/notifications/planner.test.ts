import { expect } from "chai";
import type { Benefit, DirectoryUser } from "../../benefits";
import { notificationId } from "../../benefits/notifications/ids";
import { planNotifications } from "../../benefits/notifications/planner";
import { aCancelRequest, aCloudBenefit, aMarketingContact, anOffer, aSoftwareBenefit, aTechnicalBenefit, aUser, aVisualStudioBenefit, DAY_MS, DEFAULT_TENANT, NOW } from "../benefits/fixtures";

const HOUR_MS = 60 * 60 * 1000;
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();

const ADMIN = "admin-1";
const PARTNER_ADMIN = "mpn-admin";
const CONTACT = "contact";
const EMPLOYEE = "emp-1";

function users(overrides: { mutedIds?: string[] } = {}): DirectoryUser[] {
  const muted = new Set(overrides.mutedIds ?? []);
  return [
    aUser(ADMIN, ["globalAdmin"], { remindersMuted: muted.has(ADMIN) }),
    aUser(PARTNER_ADMIN, ["mpnPartnerAdmin"], { remindersMuted: muted.has(PARTNER_ADMIN) }),
    aUser(CONTACT, ["employee"], { remindersMuted: muted.has(CONTACT) }),
    aUser(EMPLOYEE, ["employee"], { remindersMuted: muted.has(EMPLOYEE) }),
  ];
}

function plan(benefits: Benefit[], options: { mutedIds?: string[]; existingIds?: string[]; now?: Date } = {}) {
  return planNotifications({
    tenantId: DEFAULT_TENANT,
    benefits,
    users: users(options),
    marketingContact: aMarketingContact(CONTACT),
    existingIds: new Set(options.existingIds ?? []),
    now: options.now ?? NOW,
  });
}

const ids = (result: ReturnType<typeof plan>) => result.notifications.map((n) => n.id).sort();

const activeOffer = (expiresAt: string) => anOffer("offer-1", "active", { activatedAt: at(-HOUR_MS), expiresAt });
const activeTechnical = (expiresAt?: string) =>
  aTechnicalBenefit("tech-1", "advisoryHours", {
    expiresAt,
    assignment: { userId: EMPLOYEE, alternateEmail: "e@fabrikam.example", state: "active", assignedAt: at(-2 * DAY_MS), assignedBy: ADMIN, activatedAt: at(-HOUR_MS) },
  });
const vsWithSeat = (expiresAt: string) =>
  aVisualStudioBenefit("vs-1", 3, { expiresAt, assignments: [{ userId: EMPLOYEE, assignedAt: at(-100 * DAY_MS), assignedBy: ADMIN }] });

describe("benefits/notifications/planner", () => {
  describe("which events are due", () => {
    const cases: { name: string; benefit: Benefit; events: string[] }[] = [
      { name: "an offer just activated, a year to go", benefit: activeOffer(at(365 * DAY_MS)), events: ["activated"] },
      { name: "an active offer exactly 30 days before expiry", benefit: activeOffer(at(30 * DAY_MS)), events: ["activated", "expiresIn30"] },
      { name: "an active offer 30 whole days and 1 second before expiry", benefit: activeOffer(at(30 * DAY_MS + 1000)), events: ["activated", "expiresIn30"] },
      { name: "an active offer 31 days before expiry", benefit: activeOffer(at(31 * DAY_MS)), events: ["activated"] },
      { name: "an offer 5 days before expiry (7 due, 30 skipped)", benefit: activeOffer(at(5 * DAY_MS)), events: ["activated", "expiresIn7"] },
      { name: "an offer 12 hours before expiry (only the most urgent reminder)", benefit: activeOffer(at(12 * HOUR_MS)), events: ["activated", "expiresIn1"] },
      // NOW is 2026-11-24T12:00Z: offsets are compared as instants, not as the local clock reading.
      { name: "an expiry at +02:00 that is exactly 7 days away in UTC", benefit: activeOffer("2026-12-01T14:00:00+02:00"), events: ["activated", "expiresIn7"] },
      // 7 days and 1 hour is 7 whole days: the reminder says "expires in 7 days", never "in 30 days".
      { name: "an expiry at -05:00 that reads 08:00 but is 7 days and 1 hour away", benefit: activeOffer("2026-12-01T08:00:00-05:00"), events: ["activated", "expiresIn7"] },
      { name: "an expiry at +09:00 that reads 09:00 but is 7 days and 21 hours away", benefit: activeOffer("2026-12-02T18:00:00+09:00"), events: ["activated", "expiresIn7"] },
      { name: "an offer already expired when first seen (only expired)", benefit: activeOffer(at(-DAY_MS)), events: ["expired"] },
      { name: "an offer whose state is already expired", benefit: anOffer("offer-1", "expired", { activatedAt: at(-400 * DAY_MS), expiresAt: at(-30 * DAY_MS) }), events: ["expired"] },
      { name: "an offer still pending", benefit: anOffer("offer-1", "pending", { requestedAt: at(-DAY_MS) }), events: [] },
      { name: "an active offer with a refund requested", benefit: { ...activeOffer(at(5 * DAY_MS)), cancelRequest: aCancelRequest("offer-1") }, events: [] },
      { name: "a technical assignment active, no expiry", benefit: activeTechnical(), events: ["activated"] },
      { name: "a technical assignment active, 1 day left", benefit: activeTechnical(at(DAY_MS)), events: ["activated", "expiresIn1"] },
      { name: "a Visual Studio subscription 20 days before expiry", benefit: vsWithSeat(at(20 * DAY_MS)), events: ["expiresIn30"] },
      { name: "a Visual Studio subscription expired at creation", benefit: vsWithSeat(at(-HOUR_MS)), events: ["expired"] },
      { name: "a cloud subscription without expiry", benefit: aCloudBenefit("cloud-1", "usage"), events: [] },
      { name: "a software benefit", benefit: aSoftwareBenefit("sw-1"), events: [] },
    ];
    for (const { name, benefit, events } of cases) {
      it(`plans ${events.length === 0 ? "nothing" : events.join(" + ")} for ${name}`, () => {
        const planned = [...new Set(plan([benefit]).notifications.map((n) => n.event))].sort();
        expect(planned).to.deep.equal([...events].sort());
      });
    }
  });

  describe("who hears it", () => {
    it("tells the marketing contact, global admins and MPN partner admins about an offer, each once", () => {
      const result = plan([activeOffer(at(365 * DAY_MS))]);
      expect(result.notifications.map((n) => n.recipientId).sort()).to.deep.equal([ADMIN, CONTACT, PARTNER_ADMIN].sort());
    });

    it("tells the assignee and the global admins (not MPN partner admins) about a technical benefit", () => {
      expect(plan([activeTechnical()]).notifications.map((n) => n.recipientId).sort()).to.deep.equal([ADMIN, EMPLOYEE].sort());
    });

    it("skips reminders for muted people but still tells them about activation and expiry when muted", () => {
      const reminders = plan([activeOffer(at(5 * DAY_MS))], { mutedIds: [CONTACT] }).notifications;
      expect(reminders.filter((n) => n.recipientId === CONTACT).map((n) => n.event)).to.deep.equal(["activated"]);
      expect(reminders.filter((n) => n.recipientId === ADMIN).map((n) => n.event).sort()).to.deep.equal(["activated", "expiresIn7"]);
      const expired = plan([activeOffer(at(-HOUR_MS))], { mutedIds: [CONTACT] }).notifications;
      expect(expired.filter((n) => n.recipientId === CONTACT).map((n) => n.event)).to.deep.equal(["expired"]);
    });
  });

  describe("ids and idempotence", () => {
    it("names each notification {benefitId}:{event}:{recipientId}", () => {
      const result = plan([activeTechnical()]);
      expect(ids(result)).to.deep.equal([`tech-1:activated:${ADMIN}`, `tech-1:activated:${EMPLOYEE}`]);
    });

    it("plans nothing already stored, and the same input gives the same ids", () => {
      const first = plan([activeOffer(at(5 * DAY_MS))]);
      expect(ids(plan([activeOffer(at(5 * DAY_MS))]))).to.deep.equal(ids(first));
      expect(plan([activeOffer(at(5 * DAY_MS))], { existingIds: ids(first) }).notifications).to.deep.equal([]);
    });

    it("keeps ids within 128 characters when the parts are long", () => {
      const longId = `b${"x".repeat(110)}`;
      const id = notificationId(longId, "expiresIn30", EMPLOYEE);
      expect(id.length).to.be.at.most(128);
      expect(id).to.equal(notificationId(longId, "expiresIn30", EMPLOYEE));
      expect(id).not.to.equal(notificationId(longId, "expiresIn7", EMPLOYEE));
    });
  });

  it("asks for an active offer past its expiry to be marked expired, and for nothing else", () => {
    expect(plan([activeOffer(at(-HOUR_MS))]).offersToExpire).to.deep.equal(["offer-1"]);
    expect(plan([anOffer("offer-1", "expired", { expiresAt: at(-HOUR_MS) })]).offersToExpire).to.deep.equal([]);
    expect(plan([activeOffer(at(HOUR_MS))]).offersToExpire).to.deep.equal([]);
  });

  it("dates a reminder at the first moment its threshold is reached (7 whole days left)", () => {
    const reminder = plan([activeOffer(at(5 * DAY_MS))]).notifications.find((n) => n.event === "expiresIn7");
    expect(reminder?.dueAt).to.equal(at(5 * DAY_MS - 8 * DAY_MS + 1));
  });

  describe("thresholds at their exact boundaries", () => {
    // A reminder for N days is reached when N whole days or fewer are left, i.e. from N+1 days minus 1 ms.
    const boundaries = [
      { left: 31 * DAY_MS, reminder: undefined },
      { left: 31 * DAY_MS - 1, reminder: "expiresIn30" },
      { left: 8 * DAY_MS, reminder: "expiresIn30" },
      { left: 8 * DAY_MS - 1, reminder: "expiresIn7" },
      { left: 7 * DAY_MS, reminder: "expiresIn7" },
      { left: 2 * DAY_MS, reminder: "expiresIn7" },
      { left: 2 * DAY_MS - 1, reminder: "expiresIn1" },
      { left: 1, reminder: "expiresIn1" },
      { left: 0, reminder: undefined },
    ];
    for (const { left, reminder } of boundaries) {
      it(`plans ${reminder ?? "no reminder"} with ${left} ms left`, () => {
        const reminders = plan([activeOffer(at(left))]).notifications.filter((n) => n.event.startsWith("expiresIn"));
        expect([...new Set(reminders.map((n) => n.event))]).to.deep.equal(reminder === undefined ? [] : [reminder]);
      });
    }
  });

  describe("who became a recipient since", () => {
    it("gets an event that is still being delivered to the others, but not one already delivered to everyone", () => {
      const offer = activeOffer(at(365 * DAY_MS));
      const settled = planNotifications({
        tenantId: DEFAULT_TENANT, benefits: [offer], users: [...users(), aUser("new-admin", ["globalAdmin"])], marketingContact: aMarketingContact(CONTACT),
        existingIds: new Set(ids(plan([offer]))), settledEvents: new Set(["offer-1:activated"]), now: NOW,
      });
      const stillGoing = planNotifications({
        tenantId: DEFAULT_TENANT, benefits: [offer], users: [...users(), aUser("new-admin", ["globalAdmin"])], marketingContact: aMarketingContact(CONTACT),
        existingIds: new Set(ids(plan([offer]))), settledEvents: new Set(), now: NOW,
      });

      expect(settled.notifications).to.deep.equal([]);
      expect(stillGoing.notifications.map((n) => n.id)).to.deep.equal(["offer-1:activated:new-admin"]);
    });
  });
});
