import type { FlowDefinition } from "../flow";
import { overviewFlow } from "./overview";
import { visualStudioFlows } from "./visualStudio";

export const overviewAndSeatsFlows: readonly FlowDefinition[] = [overviewFlow, ...visualStudioFlows];
