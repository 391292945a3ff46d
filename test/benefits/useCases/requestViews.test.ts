import { expect } from "chai";
import { refreshAudienceFor, REFRESH_USER_IDS_MAX, viewerOf, type BenefitRequest, type DirectoryUser, type TeamsAudience } from "../../../benefits";

const TENANT = "5f1d6c9e-7a43-4a8e-9b1c-0d2e3f4a5b6c";
const request = (state: BenefitRequest["state"] = "pending"): BenefitRequest => ({
  type: "benefitRequest",
  id: "req-1",
  tenantId: TENANT,
  version: 0,
  benefitId: "vs-1",
  category: "visualStudio",
  benefitName: "VS",
  requesterId: "requester",
  requesterLocale: "en",
  reason: "",
  state,
  createdAt: "2026-01-01T00:00:00.000Z",
  adminCards: [],
});
const person = (id: string, roles: DirectoryUser["roles"]): DirectoryUser => ({ type: "user", id, tenantId: TENANT, version: 0, displayName: id, email: `${id}@example.com`, roles, remindersMuted: false });

function audience(adminCount: number, knownAdmins: number, requesterKnown: boolean): TeamsAudience {
  const adminTeamsIds = Array.from({ length: knownAdmins }, (_, i) => `29:admin-${i}`);
  const teamsIds = new Map<string, string>(requesterKnown ? [["requester", "29:requester"]] : []);
  return { adminTeamsIds, adminCount, teamsIds };
}

describe("request views", () => {
  describe("refreshAudienceFor", () => {
    const cases: { when: string; of: TeamsAudience; listed: number; first: string; unlisted: number }[] = [
      { when: "every admin and the requester are known", of: audience(3, 3, true), listed: 4, first: "29:requester", unlisted: 0 },
      { when: "the requester never talked to the bot", of: audience(3, 3, false), listed: 3, first: "29:admin-0", unlisted: 0 },
      { when: "an admin's Teams id is unknown", of: audience(3, 2, true), listed: 3, first: "29:requester", unlisted: 1 },
      { when: "60 admins and the requester: the requester stays, the last admin goes", of: audience(60, 60, true), listed: 60, first: "29:requester", unlisted: 1 },
      { when: "70 admins, requester unknown", of: audience(70, 70, false), listed: 60, first: "29:admin-0", unlisted: 10 },
    ];
    for (const c of cases) {
      it(`lists ${c.listed} people and counts ${c.unlisted} admins left out when ${c.when}`, () => {
        const result = refreshAudienceFor(c.of, request());
        expect(result.userIds).to.have.length(c.listed);
        expect(result.userIds.length).to.be.at.most(REFRESH_USER_IDS_MAX);
        expect(result.userIds[0]).to.equal(c.first);
        expect(result.unlisted).to.equal(c.unlisted);
      });
    }

    it("lists a requester who is also an admin once", () => {
      const of: TeamsAudience = { adminTeamsIds: ["29:requester", "29:admin-0"], adminCount: 2, teamsIds: new Map([["requester", "29:requester"]]) };
      expect(refreshAudienceFor(of, request())).to.deep.equal({ userIds: ["29:requester", "29:admin-0"], unlisted: 0 });
    });
  });

  describe("viewerOf", () => {
    const actor = (userId: string) => ({ tenantId: TENANT, userId });
    it("decides by the reader's roles now: a global admin decides, the requester reads their own, anyone else observes", () => {
      expect(viewerOf(request(), actor("a"), person("a", ["globalAdmin"]))).to.equal("decider");
      expect(viewerOf(request(), actor("requester"), person("requester", ["employee"]))).to.equal("requester");
      expect(viewerOf(request(), actor("m"), person("m", ["mpnPartnerAdmin", "userAdmin"]))).to.equal("observer");
      expect(viewerOf(request(), actor("gone"), undefined)).to.equal("observer");
    });
  });
});
