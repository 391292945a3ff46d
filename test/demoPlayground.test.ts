import { readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "chai";
import { load } from "js-yaml";
import { z } from "zod";

const ROOT = path.resolve(__dirname, "..");

// The fields the Playground's own JSON schema (config 0.1.1) requires; it also wants exactly 5 `users`.
const playgroundUser = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1).max(256),
  userPrincipleName: z.string().min(1),
  aadObjectId: z.string().min(1),
  givenName: z.string().min(1).max(256),
  surname: z.string().min(1).max(256),
  email: z.string().min(1),
});

const playgroundConfig = z.strictObject({
  version: z.enum(["0.1.0", "0.1.1"]),
  tenantId: z.string(),
  bot: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(42) }),
  currentUser: playgroundUser,
  users: z.array(playgroundUser).length(5),
  personalChat: z.strictObject({ id: z.string().min(1) }),
  groupChat: z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) }),
  team: z.strictObject({
    id: z.string().min(1),
    name: z.string().min(1).max(256),
    aadGroupId: z.string().min(1),
    channels: z.array(z.strictObject({ id: z.string().min(1), name: z.string().min(1).max(256) })).max(1),
  }),
});

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
