import { expect } from "chai";
import { benefitsHeldByLeavers, type KnownRoster, type RosterMember, type RosterRead } from "../../benefits";
import { planDirectory } from "../../benefits/useCases/rosterSyncPlan";
import { aTechnicalBenefit, aUser, aVisualStudioBenefit, NOW } from "../benefits/fixtures";

const ROSTER: KnownRoster = { conversationId: "19:team@thread.skype", kind: "team", serviceUrl: "https://smba.example.test/", bot: { id: "28:bot", name: "" }, since: NOW.toISOString() };
const SEEN = "2026-11-01T00:00:00.000Z";
const read = (...members: RosterMember[]): RosterRead => ({ roster: ROSTER, members });
const member = (userId: string, displayName = `User ${userId}`, email = `${userId}@fabrikam.example`): RosterMember => ({ userId, displayName, email });
const listed = (id: string, overrides = {}) => aUser(id, ["employee"], { email: `${id}@fabrikam.example`, seenInRosterAt: SEEN, ...overrides });

describe("benefits/rosterSyncPlan planDirectory", () => {
  it("plans nothing when the rosters say what the directory already holds (email case aside)", () => {
    const plan = planDirectory([listed("u1", { email: "U1@Fabrikam.example" })], [read(member("u1"))], NOW);
    expect(plan).to.deep.equal({ added: [], updated: [], left: [] });
  });

  it("adds someone new once, whatever number of rosters list them", () => {
    const plan = planDirectory([], [read(member("u1")), { ...read(member("u1")), roster: { ...ROSTER, conversationId: "19:other" } }], NOW);
    expect(plan.added.map((m) => m.userId)).to.deep.equal(["u1"]);
  });

  // `returns`: the entry must come back without its leftAt.
  const updates: [string, Parameters<typeof listed>[1], RosterMember, Record<string, unknown>, boolean?][] = [
    ["a new name", {}, member("u1", "Renamed"), { displayName: "Renamed" }],
    ["a new email, normalized", {}, member("u1", "User u1", " New@Fabrikam.example "), { email: "new@fabrikam.example" }],
    ["coming back after leaving", { leftAt: SEEN }, member("u1"), { seenInRosterAt: SEEN }, true],
    ["a first listing", { seenInRosterAt: undefined }, member("u1"), { seenInRosterAt: NOW.toISOString() }],
    ["a blank name, which falls back to the email", {}, member("u1", "  "), { displayName: "u1@fabrikam.example" }],
  ];
  for (const [why, overrides, m, expected, returns] of updates) {
    it(`updates an entry for ${why}`, () => {
      const [update] = planDirectory([listed("u1", overrides)], [read(m)], NOW).updated;
      expect(update?.next).to.include(expected);
      if (returns === true) expect(update?.next).to.not.have.property("leftAt");
    });
  }

  it("marks left only someone a roster listed once, who is in none now, and not a placeholder", () => {
    const users = [listed("gone"), listed("user-placeholder"), aUser("never-listed", ["globalAdmin"]), listed("already", { leftAt: SEEN }), listed("here")];
    const plan = planDirectory(users, [read(member("here"))], NOW);
    expect(plan.left.map((u) => u.id)).to.deep.equal(["gone"]);
  });

  it("marks nobody left when a roster could not be read, or when no roster is known", () => {
    const users = [listed("gone")];
    expect(planDirectory(users, [read(member("x")), { roster: ROSTER, members: undefined }], NOW).left).to.deep.equal([]);
    expect(planDirectory(users, [], NOW).left).to.deep.equal([]);
  });
});

describe("benefits/rosterSyncPlan benefitsHeldByLeavers", () => {
  it("lists the seats and assignments people who left still hold, and nothing else", () => {
    const users = [listed("gone", { leftAt: SEEN }), listed("here")];
    const seat = (userId: string) => ({ userId, assignedAt: SEEN, assignedBy: "admin" });
    const vsGone = aVisualStudioBenefit("vs-1", 3, { assignments: [seat("here"), seat("gone")] });
    const vsHere = aVisualStudioBenefit("vs-2", 3, { assignments: [seat("here")] });
    const techGone = aTechnicalBenefit("t-1", "advisoryHours", { assignment: { userId: "gone", alternateEmail: "x@y.example", state: "pending", assignedAt: SEEN, assignedBy: "admin" } });
    expect(benefitsHeldByLeavers([vsGone, vsHere, techGone], users).map((b) => b.id)).to.deep.equal(["vs-1", "t-1"]);
  });
});
