// Issue 8's "Done when": an organization new to the bot brings in its package, assigns from a CSV and exports.
//
// The Playground serves one tenant (its config's, the demo's) and cannot be given another, so this scenario speaks for
// a NEW tenant through the Playground's custom-activity mock: the same personal chat and person (Alex), but every
// message carries NEW_TENANT_ID. Card buttons are answered the same way (the Action.Submit shape, a message whose
// value holds the verb): a real click would carry the Playground's own tenant. Alex is that tenant's only member and
// becomes its global admin through BOOTSTRAP_ADMINS (test/e2e/processes.ts passes NEW_TENANT_BOOTSTRAP_ADMIN).
import { fromCurrentUser } from "./customActivity";
import { readFileSync } from "node:fs";
import path from "node:path";
import { bulkFileId } from "../../dialogs/flows/bulkAssign";
import type { Scenario, ScenarioContext } from "./scenarios";

export const NEW_TENANT_ID = "8e8e8e8e-1111-4222-8333-944444444448";
const ALEX_OBJECT_ID = "a1a1a1a1-0000-4000-8000-000000000001";
/** `tenantId:aadObjectId`, as BOOTSTRAP_ADMINS takes it. */
export const NEW_TENANT_BOOTSTRAP_ADMIN = `${NEW_TENANT_ID}:${ALEX_OBJECT_ID}`;
/** The CSV the runner serves (test/e2e/fileServer.ts): one good row, then an unknown person and an unknown benefit. */
export const ASSIGNMENTS_CSV = { name: "issue8-assignments.csv", file: path.join(__dirname, "issue8-assignments.csv") } as const;
const PACKAGE_ID = "fabrikam-silver-core-2026";

function newTenantMessage({ config, playgroundUrl }: ScenarioContext, fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shape = { type: "message", conversation: { id: config.personalChatId, conversationType: "personal" }, tenantId: NEW_TENANT_ID, locale: "en-US" };
  return fromCurrentUser(config, playgroundUrl, shape, { textFormat: "plain", ...fields });
}

/** The export link on the newest export card, as the page shows it. */
async function exportLinkShown(context: ScenarioContext): Promise<string> {
  const links = (await context.chat.text()).match(/https?:\/\/[^\s"]+\/api\/exports\/[A-Za-z0-9_.-]+/g) ?? [];
  const link = links[links.length - 1];
  if (link === undefined) throw new Error("no export link on the page");
  return link;
}

export const issue8Scenario: Scenario = {
  name: "a new tenant's bootstrap admin imports its package, assigns from a CSV and downloads the export",
  person: "Alex Wilber",
  async run(context) {
    const { chat, files } = context;
    if (context.config.currentUser.aadObjectId !== ALEX_OBJECT_ID) throw new Error("this scenario runs as Alex Wilber");
    // Earlier scenarios may have shown the same words (the demo tenant imports the same file): wait for a new answer.
    const sendAndSee = async (fields: Readonly<Record<string, unknown>>, answer: readonly string[]) => {
      const before = await chat.replyCount(answer);
      await chat.sendCustomActivity(newTenantMessage(context, fields));
      await chat.waitForMoreReplies(answer, before);
    };

    const pkg = { contentType: "application/json", contentUrl: files.url("example-package.json"), name: "example-package.json" };
    await sendAndSee({ text: "", attachments: [pkg] }, ["Import the new package Fabrikam Silver Core membership?", "11 new, 0 changed, 0 unchanged, 0 refused."]);
    await sendAndSee({ text: "", value: { verb: "import.apply", packageId: PACKAGE_ID } }, ["Imported Fabrikam Silver Core membership: 11 new, 0 changed, 0 unchanged, 0 refused."]);

    // Only this package is in the new tenant: 10 + 5 seats, none used (the demo tenant has 8, one used).
    await sendAndSee({ text: "benefits" }, ["Your organization's benefits", "Visual Studio subscriptions", "0 of 15 seats used"]);

    const csv = { contentType: "text/csv", contentUrl: files.url(ASSIGNMENTS_CSV.name), name: ASSIGNMENTS_CSV.name };
    await sendAndSee({ text: "", attachments: [csv] }, [
      "Bulk assignment: 1 of 3 rows ready",
      "Line 2 · Visual Studio Enterprise subscription · alex.wilber@contoso.com — Ready",
      "Line 3 · Visual Studio Enterprise subscription · lee.gu@contoso.com — Unknown person",
      "Line 4 · Azure Pass · alex.wilber@contoso.com — Unknown benefit",
    ]);
    await sendAndSee({ text: "", value: { verb: "bulk.apply", file: bulkFileId(readFileSync(ASSIGNMENTS_CSV.file)) } }, ["Bulk assignment done: 1 assigned", "1 of 1 ready rows assigned; 2 rows not assigned."]);

    await sendAndSee({ text: "export assignments" }, ["Your assignments export is ready", "works once"]);
    const link = await exportLinkShown(context);
    const download = await fetch(link, { signal: AbortSignal.timeout(10_000) });
    if (download.status !== 200) throw new Error(`the export link answered ${download.status}`);
    const rows = (await download.text()).replace(/^\uFEFF/, "").split("\r\n");
    if (rows[0] !== "benefit,person,email,state,since,expires") throw new Error(`unexpected export header: ${rows[0]}`);
    const assigned = rows.filter((row) => row.startsWith("Visual Studio Enterprise subscription,Alex Wilber,alex.wilber@contoso.com,assigned,"));
    if (assigned.length !== 1 || rows.filter((row) => row !== "").length !== 2) throw new Error(`the export does not hold exactly the assigned row: ${JSON.stringify(rows)}`);
    const again = await fetch(link, { signal: AbortSignal.timeout(10_000) });
    if (again.status !== 404) throw new Error(`a used export link answered ${again.status}, not 404`);
  },
};
