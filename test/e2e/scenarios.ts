// What a person does in the Playground, step by step, and what they must then see. Only visible wording here:
// how it is found on the page is test/e2e/page.ts's business.
import { fromCurrentUser } from "./customActivity";
import type { ServedFiles } from "./fileServer";
import { issue8Scenario } from "./issue8Scenario";
import type { ChatPage } from "./page";
import type { PlaygroundConfig } from "./playgroundConfig";
import { rosterScenarios } from "./rosterScenario";

export const ADMIN = "Alex Wilber";
export const EMPLOYEE = "Lee Gu";

/** How long the activation notification may take: the demo switch's delay plus a few scheduler ticks. */
export const NOTIFICATION_TIMEOUT_MS = 30_000;

export interface ScenarioContext {
  readonly chat: ChatPage;
  readonly config: PlaygroundConfig;
  readonly playgroundUrl: string;
  /** Files the runner serves on loopback, for messages that attach one. */
  readonly files: ServedFiles;
}

export interface Scenario {
  readonly name: string;
  /** Who chats: the Playground runs as this person. */
  readonly person: string;
  /** Scenarios whose outcome this one builds on (same bot and data). */
  readonly needs?: readonly string[];
  /** The locale this person's Teams client sends (default: the Playground's own en-US). */
  readonly locale?: string;
  run(context: ScenarioContext): Promise<void>;
}

const ASSIGN_SEAT = "the admin assigns a Visual Studio seat to an employee";

export const scenarios: readonly Scenario[] = [
  {
    name: ASSIGN_SEAT,
    person: ADMIN,
    async run({ chat }) {
      await chat.say("assign visual studio");
      await chat.waitForText("Assign a Visual Studio subscription");
      await chat.choose("Subscription", "Visual Studio Professional subscription");
      await chat.clickButton("Next");
      await chat.waitForText("Who gets a seat of Visual Studio Professional subscription");
      await chat.pickPerson("Person", "Lee", "Lee Gu");
      await chat.clickButton("Next");
      await chat.waitForText(["Assign this seat?", "Lee Gu", "0 of 3 seats used"]);
      await chat.clickButton("Assign");
      await chat.waitForText(["Lee Gu now has a seat of Visual Studio Professional subscription", "1 of 3 seats used"]);
    },
  },
  {
    name: "a technical benefit with the account email is refused, then assigned with another",
    person: ADMIN,
    async run({ chat }) {
      await chat.say("assign support");
      await chat.waitForText("Technical benefits");
      await chat.clickButton("Assign user", "Microsoft product support incidents");
      await chat.waitForText("Assign Microsoft product support incidents");
      await chat.pickPerson("User", "Nestor", "Nestor Wilke");
      await chat.clickButton("Next");
      await chat.waitForText("Alternate email for Nestor Wilke");
      // The account email in other letter case: the rule compares case-insensitively.
      await chat.fill("Alternate email", "Nestor.Wilke@Contoso.com");
      await chat.clickButton("Next");
      await chat.waitForText("must be different from the user's account email");
      await chat.fill("Alternate email", "nestor@fabrikam.example");
      await chat.clickButton("Next");
      await chat.waitForText(["Check and assign", "nestor@fabrikam.example"]);
      await chat.clickButton("Assign user");
      await chat.waitForText(["User assigned", "Pending activation: assigned to Nestor Wilke", "nestor@fabrikam.example"]);
      // Global admins hear when it becomes active (the demo switch, seconds later). Waiting for it here also keeps it
      // from landing in the middle of the next scenario's steps.
      await chat.waitForText(["Microsoft product support incidents is active", "Activated on"], NOTIFICATION_TIMEOUT_MS);
    },
  },
  {
    name: "the marketing contact is set, an offer activated, and its activation notification arrives",
    person: ADMIN,
    async run({ chat }) {
      await chat.say("marketing contact");
      await chat.waitForText(["Company marketing contact", "No marketing contact is set yet"]);
      await chat.clickButton("Add");
      await chat.waitForText("Choose the marketing contact");
      await chat.pickPerson("User", "Megan", "Megan Bowen");
      await chat.clickButton("Next");
      await chat.waitForText("Contact details for Megan Bowen");
      await chat.fill("Alternate email", "megan@fabrikam.example");
      await chat.fill("Contact phone", "+1 425 555 0100");
      await chat.choose("Preferred language", "English");
      await chat.clickButton("Next");
      await chat.waitForText("Assign Megan Bowen as marketing contact?");
      await chat.clickButton("Assign user");
      await chat.waitForText(["Marketing contact saved", "megan@fabrikam.example"]);
      await chat.clickButton("See Go-To-Market offers");
      await chat.waitForText(["Go-To-Market offers", "Marketing contact: Megan Bowen"]);
      await chat.clickButton("Activate", "Marketing campaign kit");
      await chat.waitForText(["Activation requested", "Marketing campaign kit", "Pending activation"]);
      // Sent by the scheduler into this chat once the local demo switch has activated the offer.
      await chat.waitForText(["Marketing campaign kit is active", "Activated on"], NOTIFICATION_TIMEOUT_MS);
    },
  },
  {
    // The Playground's chat box cannot attach a file: the message comes through its custom activity editor, with a
    // plain attachment as the Playground and the Emulator send one (contentUrl), served by the runner on loopback.
    name: "the example package is imported",
    person: ADMIN,
    async run({ chat, config, playgroundUrl, files }) {
      const attachment = { contentType: "application/json", contentUrl: files.url("example-package.json"), name: "example-package.json" };
      await chat.sendCustomActivity({ ...personalMessage(config, playgroundUrl, "", "en-US"), attachments: [attachment] });
      await chat.waitForText(["Import the new package Fabrikam Silver Core membership?", "11 new, 0 changed, 0 unchanged, 0 refused."]);
      await chat.clickButton("Import");
      await chat.waitForText("Imported Fabrikam Silver Core membership: 11 new, 0 changed, 0 unchanged, 0 refused.");
      await chat.say("benefits");
      await chat.waitForText("Your organization's benefits");
      await chat.clickButton("Open", "Visual Studio subscriptions");
      await chat.waitForText(["Visual Studio Enterprise subscription", "Fabrikam Silver Core membership · purchased"]);
    },
  },
  issue8Scenario,
  {
    name: "an employee asks what's assigned to them and sees the seat",
    person: EMPLOYEE,
    needs: [ASSIGN_SEAT],
    async run({ chat }) {
      await chat.say("what's assigned to me");
      await chat.waitForText(["What's assigned to you", "Visual Studio Professional subscription"]);
    },
  },
  {
    // The Playground always sends en-US, so this person's message goes through its custom activity editor.
    name: "a fr-FR person gets French cards",
    person: EMPLOYEE,
    needs: [ASSIGN_SEAT],
    async run({ chat, config, playgroundUrl }) {
      await chat.sendCustomActivity(personalMessage(config, playgroundUrl, "qu'est-ce qui m'est attribué", "fr-FR"));
      await chat.waitForText(["Ce qui vous est attribué", "Abonnement Visual Studio", "Visual Studio Professional subscription"]);
      await chat.sendCustomActivity(personalMessage(config, playgroundUrl, "aide", "fr-FR"));
      await chat.waitForText(["voici ce que je peux faire", "Tapez : qu'est-ce qui m'est attribué"]);
    },
  },
  ...rosterScenarios,
];

/** A message from the Playground's current user in their personal chat, shaped as Teams sends one. */
function personalMessage(config: PlaygroundConfig, playgroundUrl: string, text: string, locale: string): Record<string, unknown> {
  const shape = { type: "message", conversation: { id: config.personalChatId, conversationType: "personal" }, tenantId: config.tenantId, locale };
  return fromCurrentUser(config, playgroundUrl, shape, { text, textFormat: "plain" });
}
