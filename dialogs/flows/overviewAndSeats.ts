import type { FlowDefinition } from "../flow";

export const overviewAndSeatsFlows: readonly FlowDefinition[] = [];
