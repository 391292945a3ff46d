import type { FlowDefinition } from "../flow";
import { cloudServicesFlow } from "./cloudServicesDialog";
import { softwareKeysFlow } from "./softwareKeysDialog";
import { technicalAssistanceFlow } from "./technicalAssistanceDialog";
import { technicalBenefitsFlow } from "./technicalBenefitsDialog";

/** Assistance comes first: "request technical assistance" must not be taken for the technical benefits tab. */
export const technicalSoftwareCloudFlows: readonly FlowDefinition[] = [technicalAssistanceFlow, technicalBenefitsFlow, softwareKeysFlow, cloudServicesFlow];
