/**
 * The commands Teams suggests in the compose box, per scope. Each `flow` is the id of the router flow its titles reach
 * (or "help"); test/appPackage/teamsCommands.test.ts checks that both titles are routed there, so this list cannot drift
 * from what the bot understands. Teams sends the title in the reader's language, hence a French title per command.
 * To offer a new command, add one line; Teams allows at most 12 per scope.
 */
export type CommandScope = "personal" | "team" | "groupChat";

export interface TeamsCommand {
  readonly flow: string;
  readonly scopes: readonly CommandScope[];
  readonly en: { readonly title: string; readonly description: string };
  readonly fr: { readonly title: string; readonly description: string };
}

const EVERYWHERE: readonly CommandScope[] = ["personal", "team", "groupChat"];
const PERSONAL: readonly CommandScope[] = ["personal"];

export const TEAMS_COMMANDS: readonly TeamsCommand[] = [
  { flow: "help", scopes: EVERYWHERE, en: { title: "help", description: "What you can ask me, for your role" }, fr: { title: "aide", description: "Ce que vous pouvez me demander, selon votre rôle" } },
  { flow: "mine", scopes: EVERYWHERE, en: { title: "what's assigned to me", description: "Your own benefits (answered in your personal chat)" }, fr: { title: "qu'est-ce qui m'est attribué", description: "Vos propres avantages (réponse dans votre conversation personnelle)" } },
  { flow: "overview", scopes: EVERYWHERE, en: { title: "benefits", description: "The organization's benefits and how many are used" }, fr: { title: "avantages", description: "Les avantages de l'organisation et leur utilisation" } },
  { flow: "request", scopes: EVERYWHERE, en: { title: "request a benefit", description: "Ask your admins for a Visual Studio subscription or a technical benefit" }, fr: { title: "demander un avantage", description: "Demander à vos administrateurs un abonnement Visual Studio ou un avantage technique" } },
  { flow: "goToMarketOffers", scopes: EVERYWHERE, en: { title: "go-to-market offers", description: "See and activate Go-To-Market offers" }, fr: { title: "offres go-to-market", description: "Voir et activer les offres Go-To-Market" } },
  { flow: "requestDecision", scopes: PERSONAL, en: { title: "pending requests", description: "Employees' requests to approve or decline" }, fr: { title: "demandes en attente", description: "Les demandes des employés à approuver ou refuser" } },
  { flow: "visualStudio.assign", scopes: PERSONAL, en: { title: "assign visual studio", description: "Assign a Visual Studio subscription to an employee" }, fr: { title: "attribuer visual studio", description: "Attribuer un abonnement Visual Studio à un employé" } },
  { flow: "technicalBenefits", scopes: PERSONAL, en: { title: "technical benefits", description: "Support benefits: assign and activate" }, fr: { title: "avantages techniques", description: "Avantages de support : attribuer et activer" } },
  { flow: "softwareKeys", scopes: PERSONAL, en: { title: "software", description: "Software keys and downloads" }, fr: { title: "logiciels", description: "Clés et téléchargements des logiciels" } },
];
