import type { FlowDefinition } from "../flow";
import { requestDecisionFlow } from "./employeeDecision";
import { mineFlow } from "./employeeMine";
import { remindersFlow } from "./employeeReminders";
import { requestFlow } from "./employeeRequest";

/** What every person can do about their own benefits, plus the admins' answer to their requests. */
export const employeeFlows: readonly FlowDefinition[] = [mineFlow, requestFlow, remindersFlow, requestDecisionFlow];
