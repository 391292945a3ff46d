import type { Dialog } from "botbuilder-dialogs";
import { z } from "zod";
import type { Capability, DirectoryUser } from "../benefits";
import { refSchema } from "../cards/submit";

/** One admin task (a WaterfallDialog) and how people reach it: typed words in English or French, or a card button. */
export interface FlowDefinition {
  /** The dialog id, also the flow's key in strings (`flow.<id>.title`). */
  readonly id: string;
  /** Matched against the typed text after normalizeText (lower case, no accents, single spaces). */
  readonly intents: readonly RegExp[];
  /** Card verbs that start this flow; the submit's `id`/`version` become the flow's options. */
  readonly startVerbs: readonly string[];
  /** Shown on the help card only to people who have it; undefined = everyone. */
  readonly capability?: Capability;
  /**
   * The help card's button when it depends on the person (their reminders are muted: offer to resume them). Default:
   * the first start verb, with the strings `flow.<id>.*`; `strings` names another prefix.
   */
  helpEntry?(user: DirectoryUser | undefined): { readonly verb: string; readonly strings?: string };
  create(): Dialog;
}

/** What a flow is started with: nothing (typed), or the item a button was on. Parsed strictly: it may come from a card. */
export const flowOptionsSchema = z
  .object({ benefitId: refSchema.id.optional(), version: refSchema.version.optional(), verb: z.string().max(40).optional() })
  .strict();
export type FlowOptions = z.infer<typeof flowOptionsSchema>;

export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, " ")
    .replace(/[^a-z0-9@.+\- ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
