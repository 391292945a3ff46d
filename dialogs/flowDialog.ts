import type { TurnContext } from "botbuilder";
import type { WaterfallStep } from "botbuilder-dialogs";
import { WaterfallDialog } from "./dialogClasses";
import type { Actor, UseCaseDeps } from "../benefits";
import type { Locale } from "../cards/strings";
import type { FlowServices } from "./flow";
import type { Responder } from "./responder";
import { flowSteps } from "./steps";
import { turnOf } from "./turn";

export interface StepFacts {
  readonly actor: Actor;
  readonly locale: Locale;
  readonly deps: UseCaseDeps;
}

/** A flow's waterfall: built with its services, its steps wrapped by flowSteps (resume, Back, Cancel). */
export class FlowDialog extends WaterfallDialog {
  constructor(
    id: string,
    protected readonly services: FlowServices,
  ) {
    super(id);
  }

  /** A flow whose steps are plain named functions. */
  static of(id: string, services: FlowServices, steps: readonly WaterfallStep[]): FlowDialog {
    const flow = new FlowDialog(id, services);
    flow.addSteps(...steps);
    return flow;
  }

  protected addSteps(...steps: WaterfallStep[]): void {
    for (const step of flowSteps(this.services.respond, steps)) this.addStep(step);
  }

  protected get respond(): Responder {
    return this.services.respond;
  }

  /** Who acts and in which language (from the activity), with the domain this flow was built with. */
  protected facts(context: TurnContext): StepFacts {
    return factsOf(this.services, context);
  }
}

export function factsOf(services: FlowServices, context: TurnContext): StepFacts {
  return { ...turnOf(context), deps: services.domain };
}
