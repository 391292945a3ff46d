// The README's "What people can say", walked in the Playground as a newcomer would: every flow, in English and in
// French, counting the steps (messages sent + buttons clicked). A flow that breaks, or that takes more steps than the
// budget recorded here (the count when the walk was written; test/e2e/README.md), fails its scenario.
// Form inputs (typing into a field, picking from a list) are not steps: they are the answers, whatever the flow.
import type { ChatPage, Text } from "./page";
import { ADMIN, NOTIFICATION_TIMEOUT_MS, type Scenario } from "./scenarios";

type Language = "en" | "fr";

/** A chat page that counts what the person does. */
class CountedChat {
  steps = 0;
  constructor(private readonly chat: ChatPage) {}
  async say(text: string): Promise<void> {
    this.steps += 1;
    await this.chat.say(text);
  }
  async click(label: Text, near?: Text): Promise<void> {
    this.steps += 1;
    await this.chat.clickButton(label, near);
  }
  see(text: Text | readonly Text[], timeoutMs?: number): Promise<void> {
    return this.chat.waitForText(text, timeoutMs);
  }
  /** A plain message, not a card. */
  hear(text: Text): Promise<void> {
    return this.chat.waitForMessage(text);
  }
  fill(label: Text, value: string): Promise<void> {
    return this.chat.fill(label, value);
  }
  choose(label: Text, option: Text): Promise<void> {
    return this.chat.choose(label, option);
  }
  pick(label: Text, query: string, option: Text): Promise<void> {
    return this.chat.pickPerson(label, query, option);
  }
  radio(option: Text): Promise<void> {
    return this.chat.pickRadio(option);
  }
}

interface WalkFlow {
  /** The README's words for it (the first English command). */
  readonly name: string;
  /** The most steps it may take, the same in both languages. */
  readonly budget: number;
  run(chat: CountedChat, language: Language): Promise<void>;
}

const en = (language: Language) => language === "en";
const pick = <T>(language: Language, english: T, french: T): T => (en(language) ? english : french);

const FLOWS: readonly WalkFlow[] = [
  {
    name: "help",
    budget: 3,
    async run(chat, l) {
      await chat.say(pick(l, "help", "aide"));
      await chat.see(pick(l, "here is what I can do for you", "voici ce que je peux faire pour vous"));
      // The tasks behind More are still one click away.
      await chat.click(pick(l, /^More \(\d+\)$/, /^Plus \(\d+\)$/));
      await chat.click(pick(l, "Show history", "Voir l'historique"));
      await chat.see(pick(l, "Recent changes in your organization", "Modifications récentes dans votre organisation"));
    },
  },
  {
    name: "unknown input",
    budget: 1,
    async run(chat, l) {
      await chat.say(pick(l, "histroy", "historiqe"));
      await chat.hear(pick(l, /I didn't get that\. Did you mean history\b/, /Je n'ai pas compris\. Vouliez-vous dire historique/));
    },
  },
  {
    name: "what's assigned to me",
    budget: 1,
    async run(chat, l) {
      await chat.say(pick(l, "what's assigned to me", "qu'est-ce qui m'est attribué"));
      await chat.see(pick(l, "What's assigned to you", "Ce qui vous est attribué"));
    },
  },
  {
    name: "benefits",
    budget: 3,
    async run(chat, l) {
      await chat.say(pick(l, "benefits", "aperçu"));
      await chat.see(pick(l, "Your organization's benefits", "Les avantages de votre organisation"));
      await chat.click(pick(l, "Open", "Ouvrir"), pick(l, "Visual Studio subscriptions", "Abonnements Visual Studio"));
      await chat.see(pick(l, ["Visual Studio Enterprise subscription", "purchased"], ["Visual Studio Enterprise subscription", "acheté le"]));
      await chat.click(pick(l, "All benefits", "Tous les avantages"));
      await chat.see(pick(l, "Your organization's benefits", "Les avantages de votre organisation"));
    },
  },
  {
    name: "request a benefit (then pending requests, approve)",
    budget: 4,
    async run(chat, l) {
      await chat.say(pick(l, "request a benefit", "demander un avantage"));
      await chat.radio(pick(l, /^Visual Studio Professional subscription/, /^Visual Studio Enterprise subscription/));
      await chat.click(pick(l, "Send the request", "Envoyer la demande"));
      await chat.see(pick(l, "Request sent", "Demande envoyée"));
      await chat.say(pick(l, "pending requests", "demandes en attente"));
      await chat.see(pick(l, "Alex Wilber requests Visual Studio Professional subscription", "Alex Wilber demande Visual Studio Enterprise subscription"));
      await chat.click(pick(l, "Approve", "Approuver"));
      await chat.see(pick(l, "Approved by Alex Wilber", "Approuvée par Alex Wilber"));
    },
  },
  {
    name: "stop reminders, resume reminders",
    budget: 2,
    async run(chat, l) {
      await chat.say(pick(l, "stop reminders", "arrêter les rappels"));
      await chat.see(pick(l, "Reminders stopped", "Rappels arrêtés"));
      await chat.click(pick(l, "Resume reminders", "Reprendre les rappels"));
      await chat.see(pick(l, "Reminders on", "Rappels activés"));
    },
  },
  {
    name: "assign visual studio",
    budget: 4,
    async run(chat, l) {
      const person = pick(l, "Nestor Wilke", "Megan Bowen");
      await chat.say(pick(l, "assign visual studio", "attribuer un abonnement visual studio"));
      await chat.choose(pick(l, "Subscription", "Abonnement"), "Visual Studio Professional subscription");
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.pick(pick(l, "Person", "Personne"), person.split(" ")[0]!, person);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.see(pick(l, "Assign this seat?", "Attribuer cette licence ?"));
      await chat.click(pick(l, "Assign", "Attribuer"));
      await chat.see(pick(l, `${person} now has a seat of Visual Studio Professional subscription`, `${person} a maintenant une licence de Visual Studio Professional subscription`));
    },
  },
  {
    name: "reassign visual studio",
    budget: 4,
    async run(chat, l) {
      const [from, to] = pick(l, ["Nestor Wilke", "Isaiah Langer"], ["Megan Bowen", "Adele Vance"]);
      await chat.say(pick(l, "reassign visual studio", "réattribuer"));
      await chat.choose(pick(l, "Subscription", "Abonnement"), "Visual Studio Professional subscription");
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.pick(pick(l, "Take the seat from", "Retirer la licence à"), from.split(" ")[0]!, from);
      await chat.pick(pick(l, "Give it to", "La donner à"), to.split(" ")[0]!, to);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.see(pick(l, "Reassign this seat?", "Réattribuer cette licence ?"));
      await chat.click(pick(l, "Reassign", "Réattribuer"));
      await chat.see(pick(l, `${to} now has the seat of Visual Studio Professional subscription that ${from} had`, `${to} a maintenant la licence de Visual Studio Professional subscription qu'avait ${from}`));
    },
  },
  {
    name: "remove visual studio assignment",
    budget: 4,
    async run(chat, l) {
      const person = pick(l, "Isaiah Langer", "Adele Vance");
      await chat.say(pick(l, "remove visual studio assignment", "retirer"));
      await chat.choose(pick(l, "Subscription", "Abonnement"), "Visual Studio Professional subscription");
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.pick(pick(l, "Remove the seat of", "Retirer la licence de"), person.split(" ")[0]!, person);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.see(pick(l, "Remove this assignment?", "Retirer cette attribution ?"));
      await chat.click(pick(l, "Remove", "Retirer"));
      await chat.see(pick(l, `${person} no longer has a seat of Visual Studio Professional subscription`, `${person} n'a plus de licence de Visual Studio Professional subscription`));
    },
  },
  {
    name: "technical benefits, assign support",
    budget: 5,
    async run(chat, l) {
      const [benefit, person, email] = pick(l, ["Partner advisory hours", "Lee Gu", "lee@fabrikam.example"], ["Technical presales and deployment services", "Adele Vance", "adele@fabrikam.example"]);
      await chat.say(pick(l, "technical benefits", "avantages techniques"));
      await chat.click(pick(l, "Assign user", "Attribuer un utilisateur"), benefit);
      await chat.pick(pick(l, "User", "Utilisateur"), person.split(" ")[0]!, person);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.fill(pick(l, "Alternate email", "Adresse e-mail de secours"), email);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.see(pick(l, "Check and assign", "Vérifier et attribuer"));
      await chat.click(pick(l, "Assign user", "Attribuer l'utilisateur"));
      await chat.see(pick(l, ["User assigned", email], ["Utilisateur attribué", email]));
      // The demo switch activates it seconds later: waiting keeps its card from landing in the next flow's form.
      await chat.see(pick(l, `${benefit} is active`, `${benefit} : activation terminée`), NOTIFICATION_TIMEOUT_MS);
    },
  },
  {
    name: "request assistance",
    budget: 2,
    async run(chat, l) {
      await chat.say(pick(l, "request assistance", "demander une assistance"));
      await chat.choose(pick(l, "Benefit to use", "Avantage à utiliser"), "Partner advisory hours");
      await chat.fill(pick(l, "Topic", "Sujet"), pick(l, "Landing zone review", "Revue de la zone d'accueil"));
      await chat.choose("Phase", pick(l, "Design", "Conception"));
      await chat.fill(pick(l, "Describe what you need", "Décrivez votre besoin"), pick(l, "Review our hub and spoke design.", "Revoir notre architecture en étoile."));
      await chat.click(pick(l, "Submit request", "Envoyer la demande"));
      await chat.see(pick(l, /Request SR-\S+ submitted/, /Demande SR-\S+ envoyée/));
    },
  },
  {
    // Before software: revealing keys activates software, after which no benefit of that package can be refunded.
    name: "cancel a benefit (review, keep)",
    budget: 3,
    async run(chat, l) {
      const item = pick(l, "Microsoft 365 E3", "Marketplace listing optimization");
      await chat.say(pick(l, "cancel a benefit", "remboursement"));
      await chat.pick(pick(l, "Benefit or offer", "Avantage ou offre"), item.split(" ").slice(-1)[0]!, new RegExp(`^${item} \\(Fabrikam`));
      await chat.click(pick(l, "Check refund", "Vérifier le remboursement"));
      await chat.see(pick(l, `Cancel ${item}?`, `Annuler ${item} ?`));
      await chat.click(pick(l, "Keep it", "Le conserver"));
      await chat.see(pick(l, `Nothing was canceled: you keep ${item}.`, `Rien n'a été annulé : vous conservez ${item}.`));
    },
  },
  {
    name: "software, get keys",
    budget: 4,
    async run(chat, l) {
      const product = pick(l, "Microsoft 365 Apps for enterprise", "Windows Server 2022 Standard");
      await chat.say(pick(l, "software", "logiciels"));
      await chat.click(pick(l, "Open", "Ouvrir"), product);
      await chat.click(pick(l, "Get keys", "Obtenir les clés"));
      await chat.see(pick(l, `Keys for ${product}`, `Clés de ${product}`));
      await chat.choose(pick(l, "Language", "Langue"), "French");
      await chat.choose(pick(l, "Operating system", "Système d'exploitation"), "64-bit");
      await chat.click(pick(l, "Show download links", "Afficher les liens de téléchargement"));
      await chat.see(pick(l, [`Download ${product}`, "Next step"], [`Télécharger ${product}`, "Étape suivante"]));
    },
  },
  {
    name: "cloud, azure",
    budget: 3,
    async run(chat, l) {
      await chat.say(pick(l, "azure", "services cloud"));
      if (en(l)) {
        await chat.click("Open", "Usage-based Azure subscription");
        await chat.click("Assign to me");
        await chat.see(["is assigned to you", "https://portal.azure.com"]);
      } else {
        await chat.click("Ouvrir", "Dynamics 365 Sales");
        await chat.click("Obtenir les clés");
        await chat.see(["Clés de Dynamics 365 Sales", "Instructions particulières"]);
      }
    },
  },
  {
    name: "manage roles",
    budget: 2,
    async run(chat, l) {
      const person = pick(l, "Lee Gu", "Nestor Wilke");
      await chat.say(pick(l, "manage roles", "gérer les rôles"));
      await chat.pick(pick(l, "Person", "Personne"), person.split(" ")[0]!, person);
      await chat.choose(pick(l, "Role", "Rôle"), pick(l, "User admin", "Administrateur des utilisateurs"));
      await chat.click(pick(l, "Grant role", "Attribuer le rôle"));
      await chat.see(pick(l, `${person} now has the role User admin.`, `${person} a maintenant le rôle Administrateur des utilisateurs.`));
    },
  },
  {
    name: "marketing contact",
    budget: 5,
    async run(chat, l) {
      const [person, email] = pick(l, ["Adele Vance", "adele@fabrikam.example"], ["Megan Bowen", "megan.fr@fabrikam.example"]);
      await chat.say(pick(l, "marketing contact", "contact marketing"));
      await chat.click(pick(l, "Update or change", "Mettre à jour ou changer"));
      await chat.pick(pick(l, "User", "Utilisateur"), person.split(" ")[0]!, person);
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.fill(pick(l, "Alternate email", "E-mail secondaire"), email);
      await chat.fill(pick(l, "Contact phone", "Téléphone du contact"), pick(l, "+1 425 555 0101", "+33 1 23 45 67 89"));
      await chat.choose(pick(l, "Preferred language", "Langue préférée"), pick(l, "English", "Français"));
      await chat.click(pick(l, "Next", "Suivant"));
      // Older cards in the chat carry an "Assign user" too: wait for this one before clicking.
      await chat.see(pick(l, `Assign ${person} as marketing contact?`, `Désigner ${person} comme contact marketing ?`));
      await chat.click(pick(l, "Assign user", "Attribuer l'utilisateur"));
      await chat.see(pick(l, ["Marketing contact saved", email], ["Contact marketing enregistré", email]));
    },
  },
  {
    name: "go-to-market, activate offer",
    budget: 2,
    async run(chat, l) {
      const offer = pick(l, "Marketplace listing optimization", "Co-marketing campaign with Microsoft");
      await chat.say(pick(l, "offers", "offres"));
      await chat.see(pick(l, "Go-To-Market offers", "Offres de mise sur le marché"));
      await chat.click(pick(l, "Activate", "Activer"), offer);
      await chat.see(pick(l, ["Activation requested", offer], ["Activation demandée", offer]));
      // The demo switch activates it seconds later; waiting keeps its card out of the next flow's steps.
      // Notifications use the language the person last wrote in: here, this walk's.
      await chat.see(pick(l, `${offer} is active`, `${offer} : activation terminée`), NOTIFICATION_TIMEOUT_MS);
    },
  },
  {
    name: "history",
    budget: 1,
    async run(chat, l) {
      await chat.say(pick(l, "history", "historique"));
      await chat.see(pick(l, ["Recent changes in your organization", "Alex Wilber"], ["Modifications récentes dans votre organisation", "Alex Wilber"]));
    },
  },
  {
    name: "help, back and cancel inside a task",
    budget: 5,
    async run(chat, l) {
      await chat.say(pick(l, "assign visual studio", "attribuer un abonnement visual studio"));
      await chat.choose(pick(l, "Subscription", "Abonnement"), "Visual Studio Professional subscription");
      await chat.click(pick(l, "Next", "Suivant"));
      await chat.say(pick(l, "help", "aide"));
      await chat.hear(pick(l, "You are in: Assign a Visual Studio subscription", "Vous êtes dans : Attribuer un abonnement Visual Studio"));
      await chat.say(pick(l, "back", "retour"));
      await chat.see(pick(l, "Which subscription should the person get a seat of?", "De quel abonnement la personne doit-elle recevoir une licence ?"));
      await chat.say(pick(l, "cancel", "annuler"));
      await chat.hear(pick(l, "Canceled. Nothing was changed.", "Annulé. Rien n'a été modifié."));
    },
  },
];

function walkScenario(flow: WalkFlow, language: Language): Scenario {
  return {
    name: `README walk (${language}): ${flow.name}`,
    person: ADMIN,
    ...(en(language) ? {} : { locale: "fr-FR" }),
    async run({ chat }) {
      const counting = new CountedChat(chat);
      await flow.run(counting, language);
      console.log(`[e2e]   ${counting.steps} step(s), budget ${flow.budget}`);
      if (counting.steps > flow.budget) throw new Error(`took ${counting.steps} steps, more than the ${flow.budget} recorded`);
    },
  };
}

/**
 * The walk's scenarios. French runs always (it is the half that a Playground cannot do by hand); English, whose flows
 * the other scenarios and the unit tests already cover, runs with E2E_WALK_EN=1 (the time budget of CI).
 */
export function readmeWalk(env: NodeJS.ProcessEnv = process.env): Scenario[] {
  const languages: Language[] = env.E2E_WALK_EN === "1" ? ["en", "fr"] : ["fr"];
  return languages.flatMap((language) => FLOWS.map((flow) => walkScenario(flow, language)));
}
