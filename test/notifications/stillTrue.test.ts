import { expect } from "chai";
import type { Benefit, DirectoryUser, Notification } from "../../benefits";
import { verdictFor } from "../../benefits/notifications/stillTrue";
import { aCancelRequest, aMarketingContact, anOffer, aUser, aVisualStudioBenefit, DAY_MS, NOW } from "../benefits/fixtures";

const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();
const ADMIN = "admin-1";
const EMPLOYEE = "emp-1";
const CONTACT = "contact";

function planned(benefit: Benefit, event: Notification["event"], recipientId: string): Notification {
  return {
    type: "notification", id: `${benefit.id}:${event}:${recipientId}`, tenantId: "tenant-a", version: 0, benefitId: benefit.id, event, recipientId,
    dueAt: at(-DAY_MS), state: "planned", attempts: 0, facts: { benefitName: "as planned", category: benefit.category },
  };
}

const directory = (overrides: { adminRoles?: DirectoryUser["roles"]; without?: string; muted?: string; left?: string } = {}): DirectoryUser[] =>
  [aUser(ADMIN, overrides.adminRoles ?? ["globalAdmin"]), aUser(EMPLOYEE, ["employee"]), aUser(CONTACT, ["employee"])]
    .filter((u) => u.id !== overrides.without)
    .map((u) => ({ ...u, remindersMuted: u.id === overrides.muted, ...(u.id === overrides.left ? { leftAt: at(-DAY_MS) } : {}) }));

const vs = (expiresInMs: number, holders: string[] = [EMPLOYEE]) =>
  aVisualStudioBenefit("vs-1", 3, { expiresAt: at(expiresInMs), assignments: holders.map((userId) => ({ userId, assignedAt: at(-100 * DAY_MS), assignedBy: ADMIN })) });
const offer = (state: "active" | "canceled", expiresInMs: number) => anOffer("offer-1", state, { activatedAt: at(-DAY_MS), expiresAt: at(expiresInMs) });

describe("benefits/notifications/stillTrue", () => {
  const cases: { name: string; notification: Notification; benefit: Benefit | undefined; users?: DirectoryUser[]; verdict: string }[] = [
    { name: "the 7-day reminder, 5 days left, to the holder", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(5 * DAY_MS), verdict: "send" },
    { name: "an admin demoted since planning", notification: planned(vs(5 * DAY_MS), "expiresIn7", ADMIN), benefit: vs(5 * DAY_MS), users: directory({ adminRoles: ["employee"] }), verdict: "notARecipient" },
    { name: "a holder who left the directory", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(5 * DAY_MS), users: directory({ without: EMPLOYEE }), verdict: "notARecipient" },
    { name: "a holder marked as having left the organization", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(5 * DAY_MS), users: directory({ left: EMPLOYEE }), verdict: "notARecipient" },
    { name: "a global admin marked as having left", notification: planned(vs(5 * DAY_MS), "expiresIn7", ADMIN), benefit: vs(5 * DAY_MS), users: directory({ left: ADMIN }), verdict: "notARecipient" },
    { name: "a holder whose seat was removed", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(5 * DAY_MS, []), verdict: "notARecipient" },
    { name: "the admin about a seat removed (the subscription still expires)", notification: planned(vs(5 * DAY_MS), "expiresIn7", ADMIN), benefit: vs(5 * DAY_MS, []), verdict: "send" },
    { name: "a reminder to someone who muted reminders since", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(5 * DAY_MS), users: directory({ muted: EMPLOYEE }), verdict: "notARecipient" },
    { name: "a benefit deleted since", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: undefined, verdict: "reasonGone" },
    { name: "an offer canceled since its activation was planned", notification: planned(offer("active", 300 * DAY_MS), "activated", CONTACT), benefit: offer("canceled", 300 * DAY_MS), verdict: "reasonGone" },
    { name: "an offer with a refund requested since", notification: planned(offer("active", 300 * DAY_MS), "activated", ADMIN), benefit: { ...offer("active", 300 * DAY_MS), cancelRequest: aCancelRequest("offer-1") }, verdict: "reasonGone" },
    { name: "the 30-day reminder when 5 days are left (the 7-day one is due)", notification: planned(vs(5 * DAY_MS), "expiresIn30", EMPLOYEE), benefit: vs(5 * DAY_MS), verdict: "outdated" },
    { name: "the 1-day reminder once expired", notification: planned(vs(-1), "expiresIn1", EMPLOYEE), benefit: vs(-1), verdict: "outdated" },
    { name: "an activation once expired", notification: planned(offer("active", -1), "activated", CONTACT), benefit: offer("active", -1), verdict: "outdated" },
    { name: "the expiry of a subscription renewed since", notification: planned(vs(-1), "expired", EMPLOYEE), benefit: vs(300 * DAY_MS), verdict: "reasonGone" },
    { name: "the 7-day reminder after the expiry moved 20 days later", notification: planned(vs(5 * DAY_MS), "expiresIn7", EMPLOYEE), benefit: vs(25 * DAY_MS), verdict: "reasonGone" },
    { name: "the expiry, to the holder", notification: planned(vs(-1), "expired", EMPLOYEE), benefit: vs(-1), verdict: "send" },
  ];
  for (const { name, notification, benefit, users, verdict } of cases) {
    it(`gives ${verdict} for ${name}`, () => {
      const result = verdictFor(notification, { benefit, users: users ?? directory(), marketingContact: aMarketingContact(CONTACT), now: NOW });
      expect(result.kind === "drop" ? result.reason : result.kind).to.equal(verdict);
    });
  }

  it("sends the benefit's current name and dates, not those of when it was planned", () => {
    const renamed = { ...vs(5 * DAY_MS), name: "Visual Studio Enterprise" };
    const verdict = verdictFor(planned(vs(6 * DAY_MS), "expiresIn7", EMPLOYEE), { benefit: renamed, users: directory(), now: NOW });
    expect(verdict).to.deep.equal({ kind: "send", facts: { benefitName: "Visual Studio Enterprise", category: "visualStudio", activatedAt: undefined, expiresAt: at(5 * DAY_MS) } });
  });
});
