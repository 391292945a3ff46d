import type { AuditEntry, VisualStudioBenefit } from "../../../benefits";
import { ADMIN, aVisualStudioBenefit, EMPLOYEE, NOW } from "../fixtures";

/** What a crash right after a change's write leaves: the change stored, its entry still in the document's outbox. */
function leftBehind(tenantId: string, targetId: string, version: number): AuditEntry {
  return {
    type: "audit",
    id: `audit:${targetId}:${version}`,
    tenantId,
    version: 0,
    at: NOW.toISOString(),
    actorId: ADMIN,
    action: "visualStudio.assign",
    targetId,
    before: [],
    after: [EMPLOYEE],
  };
}

export function interruptedSeat(tenantId: string): VisualStudioBenefit {
  return {
    ...aVisualStudioBenefit("vs-interrupted", 5, { assignments: [{ userId: EMPLOYEE, assignedAt: NOW.toISOString(), assignedBy: ADMIN }] }),
    tenantId,
    version: 1,
    outbox: [leftBehind(tenantId, "vs-interrupted", 1)],
  };
}

