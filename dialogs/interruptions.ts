import { normalizeText } from "./flow";

export type Interruption = "cancel" | "help" | "back";

const WORDS: Record<Interruption, readonly string[]> = {
  cancel: ["cancel", "stop", "quit", "exit", "annuler", "annule", "arreter", "arrete", "quitter"],
  help: ["help", "aide", "?", "au secours"],
  back: ["back", "go back", "previous", "retour", "revenir", "precedent"],
};

export function interruptionIn(text: string | undefined): Interruption | undefined {
  if (text === undefined) return undefined;
  const normalized = text.trim() === "?" ? "?" : normalizeText(text);
  for (const [kind, words] of Object.entries(WORDS)) {
    if (words.includes(normalized)) return kind as Interruption;
  }
  return undefined;
}
