import { REQUEST_VERBS } from "./benefitRequest";
import { BULK_VERBS } from "./bulkAssign";
import { CANCEL_VERBS } from "./cancel";
import { CLOUD_VERBS } from "./cloud";
import { EXPORT_VERBS } from "./export";
import { SHOW_HELP_VERB } from "./help";
import { HISTORY_VERBS } from "./history";
import { IMPORT_VERBS } from "./packageImport";
import { HOLDER_VERBS } from "./leftHolder";
import { CONTACT_VERBS } from "./marketingContact";
import { MINE_VERBS, REMINDER_VERBS } from "./myBenefits";
import { NAVIGATION_VERBS } from "./navigation";
import { OFFER_VERBS } from "./offers";
import { OVERVIEW_VERBS } from "./overview";
import { ROLE_VERBS } from "./roles";
import { SOFTWARE_VERBS } from "./software";
import { TECHNICAL_VERBS } from "./technical";
import { VS_VERBS } from "./visualStudio";

/** Every card family's verbs, by family: what the contract test ties to the flows that handle them. */
export const VERB_FAMILIES = {
  benefitRequest: REQUEST_VERBS,
  bulk: BULK_VERBS,
  cancel: CANCEL_VERBS,
  cloud: CLOUD_VERBS,
  export: EXPORT_VERBS,
  help: { show: SHOW_HELP_VERB },
  history: HISTORY_VERBS,
  holder: HOLDER_VERBS,
  import: IMPORT_VERBS,
  marketingContact: CONTACT_VERBS,
  myBenefits: MINE_VERBS,
  reminders: REMINDER_VERBS,
  navigation: NAVIGATION_VERBS,
  offers: OFFER_VERBS,
  overview: OVERVIEW_VERBS,
  roles: ROLE_VERBS,
  software: SOFTWARE_VERBS,
  technical: TECHNICAL_VERBS,
  visualStudio: VS_VERBS,
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];
export type CardVerb = Leaves<typeof VERB_FAMILIES>;

function leaves(node: unknown): string[] {
  if (typeof node === "string") return [node];
  if (typeof node !== "object" || node === null) return [];
  return Object.values(node).flatMap(leaves);
}

export const CARD_VERBS: readonly string[] = leaves(VERB_FAMILIES);
