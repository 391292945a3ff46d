import type { FlowDefinition } from "../flow";
import { historyFlow } from "./history";
import { overviewFlow } from "./overview";
import { rolesFlow } from "./roles";
import { visualStudioFlows } from "./visualStudio";

export const overviewAndSeatsFlows: readonly FlowDefinition[] = [overviewFlow, ...visualStudioFlows, rolesFlow, historyFlow];
