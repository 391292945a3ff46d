import { z } from "zod";

// The renderer Teams' own clients are built on, loaded from its bundled build (its ESM "lib" does not load under Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC: unknown = require("adaptivecards/dist/adaptivecards.js");

const eventSchema = z.object({ message: z.string(), source: z.unknown().optional() }).loose();
const typeaheadSource = z.object({ choicesData: z.object({ type: z.literal("Data.Query"), dataset: z.string().min(1) }).loose() }).loose();
const EMPTY_CHOICES = "An Input.ChoiceSet must have at least one choice defined.";
const library = z.object({
  AdaptiveCard: z.custom<new () => { parse(json: unknown, context: unknown): void; validateProperties(): { validationEvents: unknown[] } }>((v) => typeof v === "function"),
  SerializationContext: z.custom<new () => { eventCount: number; getEventAt(i: number): unknown }>((v) => typeof v === "function"),
});

/** What the Adaptive Cards renderer objects to in a card (parse and validation events); empty for a valid card. */
export function adaptiveCardProblems(card: unknown): string[] {
  const { AdaptiveCard, SerializationContext } = library.parse(AC);
  const parsed = new AdaptiveCard();
  const context = new SerializationContext();
  parsed.parse(card, context);
  const events: unknown[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i));
  events.push(...parsed.validateProperties().validationEvents);
  // The renderer's check predates typeahead: a Data.Query input's choices come from the bot, so none inline is right.
  return events
    .map((e) => eventSchema.parse(e))
    .filter((e) => !(e.message === EMPTY_CHOICES && typeaheadSource.safeParse(e.source).success))
    .map((e) => e.message);
}
