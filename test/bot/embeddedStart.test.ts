// The bot with no COSMOS_ENDPOINT, as `npm start` runs it: it loads and starts its own in-memory Cosmos server (loaded
// only in that case, see bot/main.ts), seeds the demo tenant and answers. A child process, because the loading is
// what is tested.
import { expect } from "chai";
import { ALEX, TestChat } from "../support/botHarness";
import { BotProcess } from "./support/botProcess";

describe("the bot without COSMOS_ENDPOINT (child process)", function () {
  this.timeout(120_000);
  let bot: BotProcess | undefined;
  afterEach(async () => {
    await bot?.kill();
  });

  it("starts its embedded Cosmos server, seeds the demo tenant and answers the global admin's help with the admin actions", async () => {
    bot = await BotProcess.start("embedded");
    const help = await new TestChat(bot, ALEX, { name: "Alex Wilber" }).say("help");
    expect(help.allText()).not.to.include("Sorry, something went wrong");
    // Offered to a global admin only (the demo seed's role for Alex): the seed reached the embedded server.
    expect(help.actions().map((a) => a.verb)).to.include.members(["vs.assign", "roles.manage", "export.assignments"]);
  });
});
