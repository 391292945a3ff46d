import { catalogFor, LOCALES, t, type Language, type Locale, languageOf } from "./strings";

/** A command people can type, as the help card words it, and the flow it starts. */
export interface Command {
  readonly flowId: string;
  readonly text: string;
  readonly language: Language;
}

const MAX_SUGGESTIONS = 3;
// Below this, a "closest" command is a guess more likely to confuse than to help.
const MIN_SCORE = 0.6;
const MIN_WORD_LENGTH = 3;

function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/[’']/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** Every bold phrase of the flows' help examples (`flow.<id>[.<variant>].example`) and extra wordings (`.also`), in both languages. */
export function commandsOf(flowIds: readonly string[]): Command[] {
  const commands: Command[] = [];
  for (const language of LOCALES) {
    const catalog = catalogFor(language);
    for (const flowId of flowIds) {
      const keys = Object.keys(catalog).filter((k) => k.startsWith(`flow.${flowId}.`) && (k.endsWith(".example") || k.endsWith(".also")));
      for (const key of keys) {
        for (const [, phrase] of (catalog[key] ?? "").matchAll(/\*\*(.+?)\*\*/g)) {
          if (phrase !== undefined) commands.push({ flowId, text: phrase, language });
        }
      }
    }
  }
  return commands;
}

/** Edit distance counting a swap of two neighbours as one edit ("histroy" is one slip from "history"). */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] ?? [];
      const previous = rows[i - 1] ?? [];
      let best = Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row[j] = best;
    }
  }
  return rows[a.length]?.[b.length] ?? Math.max(a.length, b.length);
}

function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (b.startsWith(a) && a.length >= MIN_WORD_LENGTH) return 0.9;
  return 1 - editDistance(a, b) / Math.max(a.length, b.length);
}

/** How well the typed text fits a command: as a whole, or word by word (each typed word against its closest command word). */
function score(typed: string, command: string): number {
  const whole = similarity(typed, command);
  const words = typed.split(" ").filter((w) => w.length >= MIN_WORD_LENGTH);
  const commandWords = command.split(" ");
  if (words.length === 0) return whole;
  const byWord = words.reduce((sum, w) => sum + Math.max(...commandWords.map((c) => similarity(w, c))), 0) / words.length;
  return Math.max(whole, byWord);
}

/** The few commands closest to what was typed, one per flow, best first; those in the reader's language win a tie. */
export function closestCommands(locale: Locale, typed: string, commands: readonly Command[]): Command[] {
  const text = normalize(typed);
  if (text === "") return [];
  const language = languageOf(locale);
  const ranked = commands
    .map((command) => ({ command, score: score(text, normalize(command.text)) + (command.language === language ? 0.001 : 0) }))
    .filter((r) => r.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score);
  const chosen: Command[] = [];
  for (const { command } of ranked) {
    if (chosen.length < MAX_SUGGESTIONS && !chosen.some((c) => c.flowId === command.flowId)) chosen.push(command);
  }
  return chosen;
}

/** One line for typed text that asks for nothing known: "I didn't get that", and the closest commands if any are close. */
export function notUnderstoodText(locale: Locale, typed: string, flowIds: readonly string[]): string {
  const closest = closestCommands(locale, typed, commandsOf(flowIds)).map((c) => `**${c.text}**`);
  if (closest.length === 0) return t(locale, "suggest.none");
  const last = closest.pop() ?? "";
  const commands = closest.length === 0 ? last : t(locale, "suggest.list", { first: closest.join(", "), last });
  return t(locale, "suggest.some", { commands });
}
