import { expect } from "chai";
import type { Benefit, TechnicalBenefit } from "../../benefits";
import { markedPlanned, nextNotificationAt } from "../../benefits/notifications/nextNotification";
import { aSoftwareBenefit, aTechnicalBenefit, anOffer, aVisualStudioBenefit, DAY_MS, NOW } from "../benefits/fixtures";

const iso = (ms: number) => new Date(ms).toISOString();
const EXPIRES = NOW.getTime() + 100 * DAY_MS;
/** The instant `days` whole days are left before EXPIRES (the planner's threshold). */
const reminderAt = (days: number) => iso(EXPIRES - (days + 1) * DAY_MS + 1);

const activeTechnical = (expiresAt = EXPIRES): TechnicalBenefit =>
  aTechnicalBenefit("tech-1", "advisoryHours", {
    expiresAt: iso(expiresAt),
    assignment: { userId: "emp-1", alternateEmail: "emp@fabrikam.example", state: "active", assignedAt: NOW.toISOString(), assignedBy: "admin-1", activatedAt: NOW.toISOString() },
  });

describe("benefits/notifications/nextNotification (pure)", () => {
  it("is the activation for an activated benefit never planned, even when it is long past", () => {
    expect(nextNotificationAt(activeTechnical())).to.equal(NOW.toISOString());
  });

  it("moves to the 30-day reminder once planned at the activation, then to 7, 1 and the expiry, then to nothing", () => {
    let benefit = markedPlanned(activeTechnical(), NOW);
    const seen: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const next = nextNotificationAt(benefit);
      seen.push(next);
      if (next === null) break;
      benefit = markedPlanned(benefit, new Date(next));
    }
    expect(seen).to.deep.equal([reminderAt(30), reminderAt(7), reminderAt(1), iso(EXPIRES), null]);
  });

  it("is due at once again when the expiry moves (a renewal) after planning", () => {
    const planned = markedPlanned(activeTechnical(), new Date(NOW.getTime() + DAY_MS));
    const renewed: Benefit = { ...activeTechnical(EXPIRES + 365 * DAY_MS), notificationsPlanned: planned.notificationsPlanned };
    expect(nextNotificationAt(planned)).to.equal(reminderAt(30));
    expect(nextNotificationAt(renewed)).to.equal(NOW.toISOString());
  });

  it("is due at once again when a Visual Studio seat is given after planning: the new holder may have news", () => {
    const vs = aVisualStudioBenefit("vs-1", 5, { expiresAt: iso(EXPIRES) });
    const planned = { ...vs, notificationsPlanned: markedPlanned(vs, new Date(EXPIRES - 20 * DAY_MS)).notificationsPlanned };
    const assigned: Benefit = { ...planned, assignments: [{ userId: "emp-2", assignedAt: NOW.toISOString(), assignedBy: "admin-1" }] };
    expect(nextNotificationAt(planned)).to.equal(reminderAt(7));
    expect(nextNotificationAt(assigned)).to.equal(reminderAt(30));
  });

  it("is null for what is never announced: software, a pending offer, a benefit with a refund requested", () => {
    const canceled: Benefit = { ...activeTechnical(), cancelRequest: { requestId: "r-1", reference: "REF", requestedAt: NOW.toISOString(), requestedBy: "admin-1" } };
    expect([aSoftwareBenefit("sw-1"), anOffer("offer-1", "pending"), canceled].map(nextNotificationAt)).to.deep.equal([null, null, null]);
  });

  it("is the expiry for an active offer planned after its last reminder, and null once the expiry was planned", () => {
    const offer = anOffer("offer-1", "active", { activatedAt: NOW.toISOString(), expiresAt: iso(EXPIRES) });
    expect(nextNotificationAt(markedPlanned(offer, new Date(EXPIRES - 1)))).to.equal(iso(EXPIRES));
    expect(nextNotificationAt(markedPlanned({ ...offer, state: "expired" }, new Date(EXPIRES)))).to.equal(null);
  });
});
