import { createHash } from "node:crypto";

/** Cosmos ids are at most 255 characters. */
export const MAX_COSMOS_ID_LENGTH = 255;

const ESCAPE = "*";
const KEPT_AS_IS = /^[A-Za-z0-9._:@-]$/;
const HASHED_ID_PREFIX = `${ESCAPE}sha256${ESCAPE}`;

/**
 * Every character outside a small safe set, including '/', '\\', '?', '#' (forbidden in Cosmos ids) and the escape
 * character itself, becomes '*' plus four hex digits. Fixed width makes the mapping one-to-one: two keys never
 * share an escaped id.
 */
function escapeKey(key: string): string {
  let escaped = "";
  for (let i = 0; i < key.length; i++) {
    const char = key.charAt(i);
    escaped += KEPT_AS_IS.test(char) ? char : ESCAPE + key.charCodeAt(i).toString(16).padStart(4, "0");
  }
  return escaped;
}

/**
 * The Cosmos id for a botbuilder storage key: the escaped key, or a hash of the key when that is too long.
 * Deterministic on purpose: botbuilder-azure's compat mode salts this hash at random, so long keys were never read back.
 * The hashed form starts with '*s', which escaping never produces, so it cannot collide with an escaped id.
 */
export function botStateDocumentId(key: string): string {
  const escaped = escapeKey(key);
  if (escaped.length <= MAX_COSMOS_ID_LENGTH) return escaped;
  return HASHED_ID_PREFIX + createHash("sha256").update(key, "utf8").digest("hex");
}
