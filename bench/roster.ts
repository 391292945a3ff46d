// Issue 9: how long a sync of 1,200 people takes and how many roster calls it makes: the product's reader (real
// pacer, real clock, CloudAdapter) against a loopback connector stand-in, into the product's repositories.
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import type { Repositories, UseCaseDeps } from "../benefits";
import { createPrivateMessenger } from "../bot/privateMessenger";
import { RosterPacer, realClock } from "../bot/rosterPacer";
import { createRosterReader } from "../bot/rosterReader";
import { TeamsPeopleSync } from "../bot/rosterSync";
import { localAdapter } from "../test/notifications/support/notificationWorld";
import { aTeam, contextOf, teamEvent } from "../test/roster/world";
import { RosterConnector, standInMember } from "../test/support/rosterConnector";
import { startTestCosmos } from "../test/support/cosmos";
import { printTable, row, type Row } from "./report";
import { round } from "./support/stats";

export interface RosterSyncRun {
  readonly servedPageSize: number;
  readonly people: number;
  readonly firstSyncSeconds: number;
  readonly firstSyncCalls: number;
  readonly added: number;
  readonly resyncSeconds: number;
  readonly resyncCalls: number;
}

/** One first sync (everyone new) and one re-sync (nothing new) of a team of `people`, served `servedPageSize` a page. */
export async function measureRosterSync(repos: Repositories, people: number, servedPageSize: number): Promise<RosterSyncRun> {
  const connector = await RosterConnector.start({ clock: () => performance.now(), servedPageSize });
  try {
    const tenantId = `bench-roster-${randomUUID().slice(0, 8)}`;
    const team = aTeam();
    connector.setRoster(team, Array.from({ length: people }, (_, i) => standInMember(tenantId, i + 1)));
    const domain: UseCaseDeps = { repos, now: () => new Date(), newId: () => randomUUID() };
    const adapter = localAdapter();
    const log = () => undefined;
    const sync = new TeamsPeopleSync({
      domain,
      read: createRosterReader({ adapter: () => adapter, appId: "", pacer: new RosterPacer(realClock()), log }),
      messenger: createPrivateMessenger(repos, () => adapter, "", log),
      options: { isBootstrapAdmin: () => false },
      log,
    });
    const event = (change: { added?: string[] }) => contextOf(adapter, teamEvent(tenantId, team, connector.url, change));
    const first = performance.now();
    await sync.onRosterEvent(event({ added: ["28:benefits-bot"] }));
    const firstSyncSeconds = round((performance.now() - first) / 1000, 2);
    const firstSyncCalls = connector.callsTo(team).length;
    const added = (await repos.users.list(tenantId)).length;
    const again = performance.now();
    await sync.syncTenant(event({}));
    const resyncSeconds = round((performance.now() - again) / 1000, 2);
    return { servedPageSize, people, firstSyncSeconds, firstSyncCalls, added, resyncSeconds, resyncCalls: connector.callsTo(team).length - firstSyncCalls };
  } finally {
    await connector.close();
  }
}

export function rosterRowText(run: RosterSyncRun): string {
  return `${run.firstSyncSeconds} s, ${run.firstSyncCalls} calls (re-sync ${run.resyncSeconds} s, ${run.resyncCalls} calls)`;
}

/** `npm run bench:roster`: this module alone, on an embedded Cosmos server of its own. */
async function runAlone(): Promise<void> {
  const cosmos = await startTestCosmos();
  try {
    const people = Number(process.env.BENCH_ROSTER_PEOPLE ?? 1200);
    const rows: Row[] = [];
    for (const pageSize of [500, 50]) {
      const run = await measureRosterSync(cosmos.repositories, people, pageSize);
      const met = run.added === people && run.firstSyncCalls === Math.ceil(people / pageSize);
      rows.push(row("9", `sync of ${people} people, pages of ${pageSize}: wall time, roster calls`, rosterRowText(run), `all ${people} added`, met));
    }
    console.log(printTable(rows));
  } finally {
    await cosmos.stop();
  }
}

if (require.main === module) {
  runAlone().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
