import type { FlowDefinition } from "../flow";

export const technicalSoftwareCloudFlows: readonly FlowDefinition[] = [];
