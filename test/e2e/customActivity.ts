import { randomUUID } from "node:crypto";
import type { PlaygroundConfig } from "./playgroundConfig";

export interface ActivityShape {
  readonly type: string;
  readonly conversation: Readonly<Record<string, unknown>>;
  readonly tenantId: string;
  readonly locale: string;
  readonly channelData?: Readonly<Record<string, unknown>>;
}

/**
 * An activity from the Playground's current user, shaped as Teams sends one, for the Playground's Custom activity
 * editor: what the Playground itself cannot send (another locale, another tenant, an installation into a team).
 */
export function fromCurrentUser(config: PlaygroundConfig, playgroundUrl: string, shape: ActivityShape, fields: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const user = config.currentUser;
  return {
    type: shape.type,
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: "msteams",
    serviceUrl: `${playgroundUrl}/_connector`,
    from: { id: user.id, aadObjectId: user.aadObjectId, name: user.name },
    recipient: { id: config.bot.id, name: config.bot.name },
    conversation: { ...shape.conversation, tenantId: shape.tenantId },
    channelData: { ...shape.channelData, tenant: { id: shape.tenantId } },
    locale: shape.locale,
    ...fields,
  };
}
