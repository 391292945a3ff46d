import type { FlowDefinition } from "./flow";
import { bulkAssignFlow } from "./flows/bulkAssign";
import { cancelFlow } from "./flows/cancelDialog";
import { cloudServicesFlow } from "./flows/cloudServicesDialog";
import { requestDecisionFlow } from "./flows/employeeDecision";
import { mineFlow } from "./flows/employeeMine";
import { remindersFlow } from "./flows/employeeReminders";
import { requestFlow } from "./flows/employeeRequest";
import { requestViewFlow } from "./flows/requestView";
import { exportAssignmentsFlow, exportHistoryFlow } from "./flows/export";
import { historyFlow } from "./flows/history";
import { holderReassignFlow } from "./flows/leftHolderReassign";
import { holderRemoveFlow } from "./flows/leftHolderRemove";
import { marketingContactFlow } from "./flows/marketingContactDialog";
import { offersFlow } from "./flows/offersDialog";
import { overviewFlow } from "./flows/overview";
import { packageImportFlow } from "./flows/packageImport";
import { packageRemoveFlow } from "./flows/packageRemove";
import { rolesFlow } from "./flows/roles";
import { syncPeopleFlow } from "./flows/syncPeople";
import { softwareKeysFlow } from "./flows/softwareKeysDialog";
import { technicalAssistanceFlow } from "./flows/technicalAssistanceDialog";
import { technicalBenefitsFlow } from "./flows/technicalBenefitsDialog";
import { visualStudioAssignFlow, visualStudioReassignFlow, visualStudioRemoveFlow } from "./flows/visualStudio";

/**
 * Every flow the bot offers, in the order the help card lists them. Typed text goes to the first flow whose intents
 * match, so order matters: "request technical assistance" must reach assistance before the technical benefits tab,
 * and "cancel an offer" the refund flow before the offers page.
 */
export const ALL_FLOWS: readonly FlowDefinition[] = [
  mineFlow,
  requestFlow,
  remindersFlow,
  requestDecisionFlow,
  overviewFlow,
  visualStudioAssignFlow,
  visualStudioReassignFlow,
  visualStudioRemoveFlow,
  holderReassignFlow,
  holderRemoveFlow,
  rolesFlow,
  syncPeopleFlow,
  historyFlow,
  technicalAssistanceFlow,
  technicalBenefitsFlow,
  softwareKeysFlow,
  cloudServicesFlow,
  cancelFlow,
  marketingContactFlow,
  offersFlow,
  packageRemoveFlow,
  packageImportFlow,
  requestViewFlow,
  bulkAssignFlow,
  exportAssignmentsFlow,
  exportHistoryFlow,
];
