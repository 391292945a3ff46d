import type { FlowDefinition } from "./flow";
import { employeeFlows } from "./flows/employeeFlows";
import { goToMarketAndCancelFlows } from "./flows/goToMarketAndCancel";
import { overviewAndSeatsFlows } from "./flows/overviewAndSeats";
import { technicalSoftwareCloudFlows } from "./flows/technicalSoftwareCloud";

/** Every flow the bot offers, in the order the help card lists them. */
export const ALL_FLOWS: readonly FlowDefinition[] = [...employeeFlows, ...overviewAndSeatsFlows, ...technicalSoftwareCloudFlows, ...goToMarketAndCancelFlows];
