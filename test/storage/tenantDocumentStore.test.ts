import { Item, ErrorResponse } from "@azure/cosmos";
import { expect } from "chai";
import sinon from "sinon";
import { isBenefitsError, type ErrorCode } from "../../benefits/errors";
import type { BenefitPackage, DirectoryUser } from "../../benefits/types";
import { startTestCosmos, type TestCosmos } from "../support/cosmos";

const TENANT = "tenant-a";
const OTHER_TENANT = "tenant-b";

function user(id: string, overrides: Partial<DirectoryUser> = {}): DirectoryUser {
  return {
    type: "user",
    id,
    tenantId: TENANT,
    version: 0,
    displayName: "Adele Vance",
    email: "adele@contoso.com",
    roles: ["employee"],
    remindersMuted: false,
    ...overrides,
  };
}

function benefitPackage(id: string): BenefitPackage {
  return { type: "package", id, tenantId: TENANT, version: 0, name: "Action Pack", purchasedAt: "2024-05-01T00:00:00.000Z" };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const error = await rejection(promise);
  expect(isBenefitsError(error, code), `expected ${code}, got ${String(error)}`).to.equal(true);
}

describe("TenantDocumentStore", () => {
  let cosmos: TestCosmos;
  before(async () => {
    cosmos = await startTestCosmos();
  });
  after(async () => {
    await cosmos.stop();
  });
  afterEach(() => sinon.restore());

  const users = () => cosmos.repositories.users;

  it("returns the parsed document without Cosmos system fields when reading what was created", async () => {
    const created = await users().create(user("u-roundtrip"));
    const read = await users().get(TENANT, "u-roundtrip");
    expect(read).to.deep.equal(created);
    expect(read?.value).to.deep.equal(user("u-roundtrip"));
    expect(read?.etag).to.be.a("string").and.not.equal("");
  });

  it("fails with ALREADY_EXISTS and keeps the first document when the id is created again", async () => {
    const first = await users().create(user("u-twice", { displayName: "First" }));
    await expectCode(users().create(user("u-twice", { displayName: "Second" })), "ALREADY_EXISTS");
    expect(await users().get(TENANT, "u-twice")).to.deep.equal(first);
  });

  it("stores the new version and a new etag when replacing with the current etag", async () => {
    const { etag } = await users().create(user("u-replace"));
    const replaced = await users().replace(user("u-replace", { version: 1, roles: ["globalAdmin"] }), etag);
    expect(replaced.etag).to.not.equal(etag);
    expect((await users().get(TENANT, "u-replace"))?.value.roles).to.deep.equal(["globalAdmin"]);
  });

  it("fails with CONFLICT and changes nothing when replacing with a stale etag", async () => {
    const { etag: stale } = await users().create(user("u-stale"));
    const current = await users().replace(user("u-stale", { version: 1, displayName: "Winner" }), stale);
    await expectCode(users().replace(user("u-stale", { version: 2, displayName: "Loser" }), stale), "CONFLICT");
    expect(await users().get(TENANT, "u-stale")).to.deep.equal(current);
  });

  it("fails with NOT_FOUND when replacing a document that does not exist", async () => {
    await expectCode(users().replace(user("u-never"), "any-etag"), "NOT_FOUND");
  });

  it("returns undefined when the id belongs to another tenant", async () => {
    await users().create(user("u-tenant-b", { tenantId: OTHER_TENANT }));
    expect(await users().get(TENANT, "u-tenant-b")).to.equal(undefined);
    expect((await users().get(OTHER_TENANT, "u-tenant-b"))?.value.tenantId).to.equal(OTHER_TENANT);
  });

  it("never lists another tenant's documents when both tenants have documents", async () => {
    await users().create(user("u-list-a"));
    await users().create(user("u-list-b", { tenantId: OTHER_TENANT }));
    const listed = await users().list(TENANT);
    expect(listed.map(({ value }) => value.id)).to.include("u-list-a").and.not.include("u-list-b");
    expect(listed.every(({ value }) => value.tenantId === TENANT)).to.equal(true);
    const other = await users().list(OTHER_TENANT);
    // Other tests of this file may have stored more documents for OTHER_TENANT: only what this test wrote is asserted.
    expect(other.map(({ value }) => value.id)).to.include("u-list-b").and.not.include("u-list-a");
    expect(other.every(({ value }) => value.tenantId === OTHER_TENANT)).to.equal(true);
  });

  it("treats a document of another type under the same id as absent when reading, listing or deleting", async () => {
    await cosmos.repositories.packages.create(benefitPackage("shared-id"));
    expect(await users().get(TENANT, "shared-id")).to.equal(undefined);
    expect((await users().list(TENANT)).map(({ value }) => value.id)).to.not.include("shared-id");
    await users().delete(TENANT, "shared-id");
    expect(await cosmos.repositories.packages.get(TENANT, "shared-id")).to.not.equal(undefined);
  });

  it("refuses with INVALID_INPUT and writes nothing when the document breaks its schema", async () => {
    const error = await rejection(users().create(user("u-invalid", { email: "not-an-email" })));
    expect(isBenefitsError(error, "INVALID_INPUT") && error.details.field).to.equal("email");
    expect(await users().get(TENANT, "u-invalid")).to.equal(undefined);
  });

  it("refuses with INVALID_INPUT and keeps the stored document when a replacement breaks its schema", async () => {
    const stored = await users().create(user("u-invalid-replace"));
    await expectCode(users().replace(user("u-invalid-replace", { roles: [] }), stored.etag), "INVALID_INPUT");
    expect(await users().get(TENANT, "u-invalid-replace")).to.deep.equal(stored);
  });

  it("returns undefined without asking the store when the id could never be stored", async () => {
    const read = sinon.spy(Item.prototype, "read");
    expect(await users().get(TENANT, "../other/doc")).to.equal(undefined);
    expect(await users().get("tenant a", "u-roundtrip")).to.equal(undefined);
    expect(read.called).to.equal(false);
  });

  it("deletes the document when the etag is current", async () => {
    const { etag } = await users().create(user("u-delete"));
    await users().delete(TENANT, "u-delete", etag);
    expect(await users().get(TENANT, "u-delete")).to.equal(undefined);
  });

  it("fails with CONFLICT and keeps the document when deleting with a stale etag", async () => {
    const { etag: stale } = await users().create(user("u-delete-stale"));
    const current = await users().replace(user("u-delete-stale", { version: 1 }), stale);
    await expectCode(users().delete(TENANT, "u-delete-stale", stale), "CONFLICT");
    expect(await users().get(TENANT, "u-delete-stale")).to.deep.equal(current);
  });

  it("resolves when deleting a document that does not exist", async () => {
    await users().delete(TENANT, "u-absent");
  });

  it("fails with THROTTLED carrying the wait when Cosmos answers 429 to a read", async () => {
    sinon.stub(Item.prototype, "read").rejects(Object.assign(new ErrorResponse("Request rate is large"), { code: 429, retryAfterInMs: 1500 }));
    const error = await rejection(users().get(TENANT, "u-roundtrip"));
    expect(isBenefitsError(error, "THROTTLED") && error.retryAfterMs).to.equal(1500);
  });

  it("fails with THROTTLED when Cosmos answers 429 to a create", async () => {
    sinon.stub(cosmos.tenantData.items, "create").rejects(Object.assign(new ErrorResponse("Request rate is large"), { code: 429, retryAfterInMs: 40 }));
    const error = await rejection(users().create(user("u-throttled")));
    expect(isBenefitsError(error, "THROTTLED") && error.retryAfterMs).to.equal(40);
    sinon.restore();
    expect(await users().get(TENANT, "u-throttled")).to.equal(undefined);
  });
});
