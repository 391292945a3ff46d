import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { z } from "zod";
import { playgroundConfig } from "./support/playgroundConfig";

const ROOT = path.resolve(__dirname, "..");

const demoTenant = z.object({
  tenantId: z.string(),
  users: z.array(
    z.object({
      id: z.string(),
      displayName: z.string(),
      email: z.string(),
      roles: z.array(z.string()),
      tenantId: z.string().optional(),
    }),
  ),
});

function readPlaygroundConfig(): z.infer<typeof playgroundConfig> {
  return playgroundConfig.parse(load(readFileSync(path.join(ROOT, ".m365agentsplayground.yml"), "utf8")));
}

function readDemoTenant(): z.infer<typeof demoTenant> {
  return demoTenant.parse(JSON.parse(readFileSync(path.join(ROOT, "storage", "demo-tenant.json"), "utf8")));
}

describe("demo tenant: Agents Playground config and seed data", () => {
  it("names the same tenant in both files", () => {
    const demo = readDemoTenant();

    expect(readPlaygroundConfig().tenantId).to.equal(demo.tenantId);
    for (const user of demo.users) expect(user.tenantId ?? demo.tenantId).to.equal(demo.tenantId);
  });

  it("lists the same people, ids, names and emails in both files", () => {
    const playground = readPlaygroundConfig();
    const playgroundPeople = [playground.currentUser, ...playground.users].map((user) => ({ id: user.aadObjectId, name: user.name, email: user.email }));
    const demoPeople = readDemoTenant().users.map((user) => ({ id: user.id, name: user.displayName, email: user.email }));

    expect(playgroundPeople).to.have.deep.members(demoPeople);
  });

  it("uses each user's aadObjectId as its Playground id and principal name equal to the email", () => {
    const playground = readPlaygroundConfig();

    for (const user of [playground.currentUser, ...playground.users]) {
      expect(user.id).to.equal(user.aadObjectId);
      expect(user.userPrincipleName).to.equal(user.email);
    }
  });

  it("chats as a global admin of the demo tenant", () => {
    const currentUser = readPlaygroundConfig().currentUser;
    const asSeeded = readDemoTenant().users.find((user) => user.id === currentUser.aadObjectId);

    expect(asSeeded?.roles).to.include("globalAdmin");
  });

  it("has at least 5 users", () => {
    expect(readDemoTenant().users.length).to.be.at.least(5);
  });
});
