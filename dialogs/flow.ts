import type { TurnContext } from "botbuilder";
import type { Dialog } from "botbuilder-dialogs";
import { z } from "zod";
import type { Capability, DirectoryUser, UseCaseDeps } from "../benefits";
import { refSchema } from "../cards/submit";
import type { PrivateMessenger } from "./privateMessenger";
import type { Responder } from "./responder";

/** A file attached to a message, wherever the client put its address (Teams' download info or a plain contentUrl). */
export interface AttachedFile {
  readonly url: string;
  readonly name: string;
}

export type FileDownload = { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly reason: string };

/** Finding and fetching attached files; bot/ gives it at composition (its limits: https outside local mode, 1 MB, 10 s). */
export interface FileAttachments {
  fileOf(attachments: unknown): AttachedFile | undefined;
  download(file: AttachedFile): Promise<FileDownload>;
}

/** What every flow is built with, at composition: the domain (repositories, clock, ids), private sends, the responder. */
export interface FlowServices {
  readonly domain: UseCaseDeps;
  readonly messenger: PrivateMessenger;
  readonly respond: Responder;
  /** Absent: attached files are not looked at (no flow starts from one). */
  readonly files?: FileAttachments;
}

/** What a flow is started with: nothing (typed), or the item a button was on. Parsed strictly: it may come from a card. */
export const flowOptionsSchema = z
  .object({ benefitId: refSchema.id.optional(), version: refSchema.version.optional(), verb: z.string().max(40).optional() })
  .strict();

interface FlowEntry {
  /** The dialog id, also the flow's key in strings (`flow.<id>.title`). */
  readonly id: string;
  /** Matched against the typed text after normalizeText (lower case, no accents, single spaces). */
  readonly intents: readonly RegExp[];
  /** Card verbs that start this flow; the submit's `id`/`version` become the flow's options. */
  readonly startVerbs: readonly string[];
  /** Verbs the flow's cards send back to it while it runs (the contract test ties them to the templates). */
  readonly answerVerbs: readonly string[];
  /** Shown on the help card only to people who have it; undefined = everyone. */
  readonly capability?: Capability;
  /**
   * The help card's button when it depends on the person (their reminders are muted: offer to resume them). Default:
   * the first start verb, with the strings `flow.<id>.*`; `strings` names another prefix.
   */
  helpEntry?(user: DirectoryUser | undefined): { readonly verb: string; readonly strings?: string };
  /** false: reached only from a card that names its item (e.g. Remove on a recorded package), so not on the help card. */
  readonly onHelpCard?: false;
  /** true: a message with a file attached (in a personal chat) starts this flow. */
  readonly startsWithFile?: true;
  /**
   * true: answers a card's refresh (Universal Actions), which Teams sends on its own whenever someone looks at the
   * card. It runs beside whatever task the person has open and never touches the dialog stack.
   */
  readonly refreshesCards?: true;
}

/** A task of several cards: a WaterfallDialog. */
export interface DialogFlow extends FlowEntry {
  create(services: FlowServices): Dialog;
}

/** What the person asked for, answered in the same turn (nothing to wait for): a plain handler, not a dialog. */
export type Answer = (context: TurnContext, start: z.infer<typeof flowOptionsSchema>) => Promise<void>;

export interface AnswerFlow extends FlowEntry {
  answer(services: FlowServices): Answer;
}

export type FlowDefinition = DialogFlow | AnswerFlow;

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
