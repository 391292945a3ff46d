import type { DirectoryUser, PeopleScope, PeopleToPick } from "../benefits";

/**
 * A person as one line: "Name (email)", or just the email when the name is the email (someone added by address
 * only), so no row prints the same thing twice. Not escaped: callers escape when it goes into Markdown text.
 */
export function personLabel(user: Pick<DirectoryUser, "displayName" | "email">): string {
  const name = user.displayName.trim();
  if (user.email === "" || name.toLowerCase() === user.email.toLowerCase()) return name === "" ? user.email : name;
  return name === "" ? user.email : `${name} (${user.email})`;
}

/** A choice of a picker: what is shown, and the person's id that comes back on submit. */
export interface PersonChoice {
  readonly title: string;
  readonly value: string;
}

export function personChoice(user: Pick<DirectoryUser, "id" | "displayName" | "email">): PersonChoice {
  return { title: personLabel(user), value: user.id };
}

/**
 * The dataset a typeahead picker names in `choices.data`; the bot's application/search invoke reads it back to know
 * whom to search. Ids never contain "/", so the parts cannot run into each other.
 */
export function peopleDataset(scope: PeopleScope): string {
  return scope.kind === "directory" ? "people" : `people/${scope.kind}/${scope.benefitId}`;
}

const DATASET = /^people(?:\/(holding|notHolding)\/([A-Za-z0-9._:@-]{1,128}))?$/;

/** The scope a dataset names, or undefined when it is none of ours. */
export function scopeOfDataset(dataset: string): PeopleScope | undefined {
  const match = DATASET.exec(dataset);
  if (match === null) return undefined;
  const [, kind, benefitId] = match;
  if (kind === undefined || benefitId === undefined) return { kind: "directory" };
  return kind === "holding" ? { kind: "holding", benefitId } : { kind: "notHolding", benefitId };
}

/**
 * One people input as a template shows it: with `dataset` empty its choices are all the people (few), otherwise Teams
 * asks the bot as the person types and `choices` holds only the person already chosen (so the card can show them).
 */
export interface PeoplePicker {
  readonly inputId: string;
  readonly label: string;
  readonly style: "filtered" | "compact";
  readonly selected: string;
  readonly choices: readonly PersonChoice[];
  readonly dataset: string;
  readonly placeholder: string;
  /** Something to pick exists (for a search, at least one person in scope). */
  readonly hasPeople: boolean;
}

export interface PeoplePickerInput {
  readonly inputId: string;
  readonly label: string;
  readonly placeholder: string;
  readonly scope: PeopleScope;
  readonly toPick: PeopleToPick;
  /** The person chosen before (a Back, a re-ask), shown as picked when still offered. */
  readonly selected?: Pick<DirectoryUser, "id" | "displayName" | "email">;
  readonly style?: PeoplePicker["style"];
}

export function peoplePicker(input: PeoplePickerInput): PeoplePicker {
  const { toPick, selected } = input;
  const common = { inputId: input.inputId, label: input.label, placeholder: input.placeholder, style: input.style ?? "filtered" };
  if (toPick.mode === "static") {
    const choices = toPick.people.map(personChoice);
    const keep = selected !== undefined && choices.some((c) => c.value === selected.id) ? selected.id : "";
    return { ...common, selected: keep, choices, dataset: "", hasPeople: choices.length > 0 };
  }
  const choices = selected === undefined ? [] : [personChoice(selected)];
  return { ...common, style: "filtered", selected: selected?.id ?? "", choices, dataset: peopleDataset(input.scope), hasPeople: toPick.count > 0 };
}
