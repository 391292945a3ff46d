// A peer of the bench: the smallest botbuilder bot (restify, CloudAdapter, local mode without an app id, loopback only).
// `--dialog` adds one WaterfallDialog on MemoryStorage, the cheapest bot that keeps dialog state like ours does.
// Prints one JSON line {"msg":"Bot listening on …","url":…} once it accepts turns.
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, type TurnContext } from "botbuilder";
import restify, { type Request, type Response } from "restify";

type Reply = (context: TurnContext) => Promise<void>;

const echo: Reply = async (context) => {
  await context.sendActivity(`echo: ${context.activity.text ?? ""}`);
};

// Loaded only in --dialog mode: a bare echo bot does not load botbuilder-dialogs, so its cold start does not pay for it.
async function dialogReply(): Promise<Reply> {
  const { DialogSet, DialogTurnStatus, WaterfallDialog } = await import("botbuilder-dialogs");
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogs = new DialogSet(conversationState.createProperty("dialogState"));
  dialogs.add(
    new WaterfallDialog("echo", [
      async (step) => {
        await step.context.sendActivity(`echo: ${step.context.activity.text ?? ""}`);
        return step.endDialog();
      },
    ]),
  );
  return async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog("echo");
    await conversationState.saveChanges(context);
  };
}

class PeerBot extends ActivityHandler {
  constructor(reply: Reply) {
    super();
    this.onMessage(async (context, next) => {
      await reply(context);
      await next();
    });
  }
}

async function main(): Promise<void> {
  const bot = new PeerBot(process.argv.includes("--dialog") ? await dialogReply() : echo);
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = restify.createServer({ name: "bench-peer" });
  server.use(restify.plugins.bodyParser());
  server.post("/api/messages", async (req: Request, res: Response) => {
    await adapter.process(req, res, (context) => bot.run(context));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = server.url.replace("[::]", "127.0.0.1");
  process.stdout.write(`${JSON.stringify({ msg: `Bot listening on ${url}`, url })}\n`);
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
