import type { Repositories } from "../ports";

/** What every use case is given: storage behind ports, the clock and id generation injected so tests control them. */
export interface UseCaseDeps {
  readonly repos: Repositories;
  readonly now: () => Date;
  readonly newId: () => string;
}
