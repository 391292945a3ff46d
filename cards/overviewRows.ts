import {
  benefitExpiry,
  benefitState,
  benefitUsage,
  can,
  cancelDeadline,
  holdersOfBenefit,
  isHeldKind,
  type Benefit,
  type BenefitPackage,
  type BenefitState,
  type Capability,
  type DirectoryUser,
} from "../benefits";
import { escapeMarkdown } from "./markdown";
import { formatDate, formatDeadline, t, type Locale } from "./strings";

/** What a benefit's card needs besides the benefit itself. */
export interface BenefitCardContext {
  readonly now: Date;
  readonly packages: readonly BenefitPackage[];
  readonly users: readonly DirectoryUser[];
  /** The person looking at the card: decides which buttons they get (the use cases check again on click). */
  readonly viewer: DirectoryUser | undefined;
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}

export interface RowAction {
  readonly title: string;
  readonly verb: string;
  readonly id: string;
  readonly version: number;
}

export interface BenefitRow {
  readonly name: string;
  readonly packageLine: string;
  readonly stateLine: string;
  readonly stateColor: string;
  readonly usageLine: string;
  readonly expiryLine: string;
  readonly detailsId: string;
  readonly detailsButton: string;
  readonly detailsVisible: boolean;
  readonly facts: readonly Fact[];
  readonly actions: readonly RowAction[];
}

const STATE_COLORS: Record<BenefitState, string> = {
  available: "Default",
  pending: "Warning",
  active: "Good",
  expired: "Attention",
  cancelRequested: "Attention",
  canceled: "Attention",
};

export function userName(locale: Locale, users: readonly DirectoryUser[], userId: string): string {
  const user = users.find((u) => u.id === userId);
  return user === undefined ? t(locale, "overview.unknownUser") : escapeMarkdown(user.displayName);
}

/** A holder's name, and when they left the organization, that they did: their seat waits to be reassigned or removed. */
export function holderName(locale: Locale, users: readonly DirectoryUser[], userId: string): string {
  const user = users.find((u) => u.id === userId);
  if (user?.leftAt === undefined) return userName(locale, users, userId);
  return t(locale, "overview.heldByLeaver", { name: escapeMarkdown(user.displayName) });
}

export function benefitRow(locale: Locale, benefit: Benefit, context: BenefitCardContext, detailsVisible = false): BenefitRow {
  const state = benefitState(benefit, context.now);
  const pkg = context.packages.find((p) => p.id === benefit.packageId);
  const usage = benefitUsage(benefit);
  const expiry = benefitExpiry(benefit);
  return {
    name: escapeMarkdown(benefit.name),
    packageLine: pkg === undefined ? "" : t(locale, "overview.package", { package: escapeMarkdown(pkg.name), date: formatDate(locale, pkg.purchasedAt) }),
    stateLine: t(locale, "overview.stateLine", { state: t(locale, `overview.state.${state}`) }),
    stateColor: STATE_COLORS[state],
    usageLine: usage === undefined ? "" : usageText(locale, benefit, usage),
    expiryLine: expiry === undefined ? "" : t(locale, state === "expired" ? "overview.expired" : "overview.expires", { date: formatDeadline(locale, expiry) }),
    detailsId: `details-${benefit.id}`,
    detailsButton: t(locale, "overview.details"),
    detailsVisible,
    facts: benefitFacts(locale, benefit, context, pkg),
    actions: state === "expired" || state === "cancelRequested" || state === "canceled" ? [] : benefitActions(locale, benefit, context, pkg),
  };
}

function usageText(locale: Locale, benefit: Benefit, usage: { used: number; free: number; total: number }): string {
  if (benefit.category === "technical") return t(locale, `overview.units.${benefit.kind}`, { count: usage.total, used: usage.used, free: usage.free });
  return t(locale, "overview.seats", { used: usage.used, free: usage.free, total: usage.total });
}

function benefitFacts(locale: Locale, benefit: Benefit, context: BenefitCardContext, pkg: BenefitPackage | undefined): Fact[] {
  const fact = (key: string, value: string): Fact => ({ label: t(locale, `overview.fact.${key}`), value });
  const date = (iso: string) => formatDate(locale, iso);
  const facts: Fact[] = [];
  if (pkg !== undefined) facts.push(fact("package", escapeMarkdown(pkg.name)), fact("purchased", date(pkg.purchasedAt)));
  switch (benefit.category) {
    case "visualStudio": {
      const names = benefit.assignments.map((a) => holderName(locale, context.users, a.userId));
      facts.push(fact("assignedTo", names.length === 0 ? t(locale, "overview.nobody") : names.join(", ")));
      break;
    }
    case "technical":
      facts.push(fact("assignedTo", benefit.assignment === undefined ? t(locale, "overview.nobody") : t(locale, "overview.assignedSince", {
        name: holderName(locale, context.users, benefit.assignment.userId),
        date: date(benefit.assignment.assignedAt),
      })));
      break;
    case "software":
      facts.push(fact("keys", benefit.keysRevealed === undefined
        ? t(locale, "overview.keysHidden", { count: benefit.productKeys.length })
        : t(locale, "overview.keysRevealed", { count: benefit.productKeys.length, date: date(benefit.keysRevealed.at) })));
      facts.push(fact("languages", benefit.languages.map(escapeMarkdown).join(", ")), fact("systems", benefit.operatingSystems.map(escapeMarkdown).join(", ")));
      break;
    case "cloud":
      facts.push(fact("billing", t(locale, `overview.billing.${benefit.billing}`)));
      if (benefit.assignedTo !== undefined) facts.push(fact("assignedTo", holderName(locale, context.users, benefit.assignedTo.userId)));
      break;
    case "goToMarket":
      facts.push(fact("level", escapeMarkdown(benefit.level)));
      if (benefit.requestedAt !== undefined) facts.push(fact("requested", date(benefit.requestedAt)));
      if (benefit.activatedAt !== undefined) facts.push(fact("activated", date(benefit.activatedAt)));
      break;
  }
  if (benefit.cancelRequest !== undefined) {
    facts.push(fact("cancelRequested", t(locale, "overview.cancelRequestedOn", { date: date(benefit.cancelRequest.requestedAt), reference: escapeMarkdown(benefit.cancelRequest.reference) })));
  }
  return facts;
}

interface ActionRule {
  readonly verb: string;
  readonly capability: Capability;
  readonly applies: (benefit: Benefit, context: BenefitCardContext) => boolean;
  /** The button's strings key, when not `overview.action.<verb>`. */
  readonly title?: (benefit: Benefit) => string;
}

/** A technical benefit or usage-based Azure subscription whose one holder left: it waits to be reassigned or removed. */
function heldByLeaver(benefit: Benefit, users: readonly DirectoryUser[]): boolean {
  if (!isHeldKind(benefit)) return false;
  const holders = holdersOfBenefit(benefit);
  return users.some((u) => u.leftAt !== undefined && holders.includes(u.id));
}

// The verbs other flows register; a button shows only where its flow can act on the item.
const ACTION_RULES: readonly ActionRule[] = [
  { verb: "vs.assign", capability: "assignBenefits", applies: (b) => b.category === "visualStudio" && (benefitUsage(b)?.free ?? 0) > 0 },
  { verb: "vs.reassign", capability: "assignBenefits", applies: (b) => b.category === "visualStudio" && b.assignments.length > 0 },
  { verb: "vs.remove", capability: "assignBenefits", applies: (b) => b.category === "visualStudio" && b.assignments.length > 0 },
  { verb: "technical.assign", capability: "assignBenefits", applies: (b) => b.category === "technical" && b.assignment === undefined },
  { verb: "software.keys", capability: "assignBenefits", applies: (b) => b.category === "software" },
  { verb: "cloud.open", capability: "assignBenefits", applies: (b) => b.category === "cloud" },
  { verb: "offers.activate", capability: "manageGoToMarket", applies: (b) => b.category === "goToMarket" && b.state === "available" },
  // Azure usage-based is assigned only to oneself (Partner Center): its "Reassign" is the admin taking it over.
  { verb: "holder.reassign", capability: "assignBenefits", applies: (b, c) => heldByLeaver(b, c.users), title: (b) => `overview.action.holder.${b.category === "cloud" ? "takeOver" : "reassign"}` },
  { verb: "holder.remove", capability: "assignBenefits", applies: (b, c) => heldByLeaver(b, c.users) },
];

function benefitActions(locale: Locale, benefit: Benefit, context: BenefitCardContext, pkg: BenefitPackage | undefined): RowAction[] {
  const action = (verb: string, key = `overview.action.${verb}`): RowAction => ({ title: t(locale, key), verb, id: benefit.id, version: benefit.version });
  const actions = ACTION_RULES.filter((r) => r.applies(benefit, context) && can(context.viewer, r.capability)).map((r) => action(r.verb, r.title?.(benefit)));
  const cancelCapability: Capability = benefit.category === "goToMarket" ? "manageGoToMarket" : "assignBenefits";
  const withinWindow = pkg !== undefined && context.now.getTime() <= cancelDeadline(pkg).getTime();
  if (withinWindow && can(context.viewer, cancelCapability)) actions.push(action("cancel.start"));
  return actions;
}
