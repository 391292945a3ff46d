import { createHash } from "node:crypto";
import type { NotificationEvent } from "../notificationTypes";

const MAX_ID_LENGTH = 128;

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}

/**
 * `{benefitId}:{event}:{recipientId}`, so planning the same thing twice names the same document. Ids are at most 128
 * characters: a longer combination is replaced by a digest of it, still deterministic.
 */
export function notificationId(benefitId: string, event: NotificationEvent, recipientId: string): string {
  const id = `${benefitId}:${event}:${recipientId}`;
  return id.length <= MAX_ID_LENGTH ? id : `n:${event}:${digest(id)}`;
}
