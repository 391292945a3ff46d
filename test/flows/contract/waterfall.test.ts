import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { expect } from "chai";
import { ConversationState, MemoryStorage, NullTelemetryClient, TestAdapter, type TelemetryEvent } from "botbuilder";
import { DialogSet, type DialogState, type WaterfallStepContext } from "botbuilder-dialogs";
import { FlowDialog } from "../../../dialogs/flowDialog";
import { UNREACHABLE_MESSENGER } from "../../../dialogs/privateMessenger";
import { Responder } from "../../../dialogs/responder";

class RecordingTelemetry extends NullTelemetryClient {
  readonly events: TelemetryEvent[] = [];
  override trackEvent(event: TelemetryEvent): void {
    this.events.push(event);
  }
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourcesUnder(path) : path.endsWith(".ts") ? [path] : [];
  });
}

describe("flows on WaterfallDialog's public API", () => {
  it("never touches a waterfall's own state (stepIndex) anywhere in the dialog layer", () => {
    const touching = sourcesUnder(join(__dirname, "../../../dialogs")).filter((path) => /stepIndex/.test(readFileSync(path, "utf8")));
    expect(touching).to.deep.equal([]);
  });

  it("gives telemetry each step's own name", async () => {
    const domain = { repos: undefined as never, now: () => new Date(), newId: () => "id" };
    async function showThing(step: WaterfallStepContext) {
      return step.next();
    }
    async function finishThing(step: WaterfallStepContext) {
      return step.endDialog();
    }
    const flow = FlowDialog.of("named", { domain, messenger: UNREACHABLE_MESSENGER, respond: new Responder(domain) }, [showThing, finishThing]);
    const telemetry = new RecordingTelemetry();
    flow.telemetryClient = telemetry;
    const state = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(state.createProperty<DialogState>("dialogs"));
    dialogs.add(flow);
    const adapter = new TestAdapter(async (context) => {
      const dc = await dialogs.createContext(context);
      await dc.beginDialog("named");
    });
    await adapter.send("go");
    const names = telemetry.events.filter((e) => e.name === "WaterfallStep").map((e) => e.properties?.StepName);
    expect(names).to.deep.equal(["showThing", "finishThing"]);
  });
});
