import { expect } from "chai";
import { benefitState, benefitUsage, type Benefit } from "../../../benefits";

const NOW = new Date("2026-06-01T12:00:00Z");
const base = { type: "benefit", tenantId: "t-1", version: 0, packageId: "pkg-1", name: "Benefit" } as const;
const vs = (assigned: number, expiresAt?: string): Benefit => ({
  ...base,
  id: "vs-1",
  category: "visualStudio",
  seats: 3,
  assignments: Array.from({ length: assigned }, (_, i) => ({ userId: `u${i}`, assignedAt: "2026-05-01T00:00:00Z", assignedBy: "admin" })),
  expiresAt,
});

describe("benefitState", () => {
  const cases: Array<[string, Benefit, string]> = [
    ["a subscription nobody holds is not activated yet", vs(0), "available"],
    ["a subscription with a holder is active", vs(1), "active"],
    ["a subscription past its expiry is expired", vs(1, "2026-06-01T11:59:59Z"), "expired"],
    ["a refund request wins over everything", { ...vs(1), cancelRequest: { requestId: "r", reference: "SR-1", requestedAt: "2026-05-30T00:00:00Z", requestedBy: "admin" } }, "cancelRequested"],
    [
      "a technical benefit shows its assignment's state",
      { ...base, id: "t-1", category: "technical", kind: "advisoryHours", units: 10, assignment: { userId: "u", alternateEmail: "a@b.example", state: "pending", assignedAt: "2026-05-01T00:00:00Z", assignedBy: "admin" } },
      "pending",
    ],
    ["an active offer past its expiry is expired", { ...base, id: "g-1", category: "goToMarket", level: "Gold Core", state: "active", expiresAt: "2026-05-01T00:00:00Z" }, "expired"],
    [
      "software is active once its keys were revealed",
      { ...base, id: "s-1", category: "software", productKeys: [], languages: ["English"], operatingSystems: ["64-bit"], downloads: [], instructions: "", keysRevealed: { at: "2026-05-01T00:00:00Z", by: "admin" } },
      "active",
    ],
  ];
  for (const [name, benefit, expected] of cases) {
    it(`says ${expected} when ${name}`, () => expect(benefitState(benefit, NOW)).to.equal(expected));
  }
});

describe("benefitUsage", () => {
  it("counts seats used and free on a Visual Studio subscription", () => {
    expect(benefitUsage(vs(2))).to.deep.equal({ used: 2, free: 1, total: 3 });
  });
  it("counts nothing for software", () => {
    const software: Benefit = { ...base, id: "s-1", category: "software", productKeys: [], languages: ["English"], operatingSystems: ["64-bit"], downloads: [], instructions: "" };
    expect(benefitUsage(software)).to.equal(undefined);
  });
});
