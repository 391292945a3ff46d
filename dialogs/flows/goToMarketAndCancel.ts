import type { FlowDefinition } from "../flow";

export const goToMarketAndCancelFlows: readonly FlowDefinition[] = [];
