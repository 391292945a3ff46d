import type { TurnContext } from "botbuilder";
import type { SyncCounts } from "../benefits";

/** What "sync people" hears back: the directory's changes, and how many rosters were read for it. */
export interface PeopleSyncResult extends SyncCounts {
  readonly rosters: number;
}

/**
 * Reads the Teams rosters of the turn's tenant into its directory. bot/ implements it over the Bot Framework and gives
 * it to the flows at composition; absent, "sync people" says it is not available.
 */
export interface PeopleSync {
  syncTenant(context: TurnContext): Promise<PeopleSyncResult>;
}
