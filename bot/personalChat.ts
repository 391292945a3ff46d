import type { CloudAdapter, ConversationParameters } from "botbuilder";
import { z } from "zod";
import type { ConversationRecord } from "../benefits/notificationTypes";
import { conversationRecordId } from "./conversationRecorder";
import type { InstallOutcome } from "./graphInstaller";
import type { ReachOutcome } from "./notifier";

/** The token audience of the Bot Framework channel (Teams included) for a bot's outbound calls. */
const CHANNEL_AUDIENCE = "https://api.botframework.com";

const botAccount = z.object({ id: z.string().min(1), name: z.string().optional() });
const viaReference = z.object({ channelId: z.string().min(1), bot: botAccount });
const failureStatus = z.object({ statusCode: z.number().int() });

export interface PersonalChatDeps {
  readonly adapter: CloudAdapter;
  readonly appId: string;
  /** Installs the app for the person through Graph; absent when GRAPH_PROACTIVE_INSTALL is off. */
  readonly install?: (tenantId: string, userId: string) => Promise<InstallOutcome>;
  readonly now: () => Date;
}

type Attempt = { readonly kind: "reached"; readonly record: ConversationRecord } | { readonly kind: "refused"; readonly status?: number; readonly reason: string };

/**
 * Asks Teams for a 1:1 chat between the bot and the person (their Entra object id), through the service URL and bot
 * account of a conversation already known in the tenant. Teams allows it only once the app is installed for the person.
 */
async function createChat(deps: PersonalChatDeps, tenantId: string, userId: string, via: ConversationRecord): Promise<Attempt> {
  const reference = viaReference.parse(via.reference);
  const parameters: ConversationParameters = {
    isGroup: false,
    bot: { id: reference.bot.id, name: reference.bot.name ?? "" },
    members: [{ id: userId, name: "" }],
    tenantId,
    channelData: { tenant: { id: tenantId } },
  };
  let conversationId: string | undefined;
  try {
    await deps.adapter.createConversationAsync(deps.appId, reference.channelId, via.serviceUrl, CHANNEL_AUDIENCE, parameters, async (context) => {
      conversationId = context.activity.conversation.id;
    });
  } catch (error) {
    const status = failureStatus.safeParse(error);
    const code = status.success ? status.data.statusCode : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return { kind: "refused", status: code, reason: `${code === undefined ? "no HTTP status" : `HTTP ${code}`}: ${message}`.slice(0, 500) };
  }
  if (conversationId === undefined || conversationId === "") return { kind: "refused", reason: "Teams answered without a conversation id" };
  return { kind: "reached", record: chatRecord(tenantId, userId, conversationId, via, reference, deps.now()) };
}

function chatRecord(tenantId: string, userId: string, conversationId: string, via: ConversationRecord, reference: z.infer<typeof viaReference>, now: Date): ConversationRecord {
  return {
    type: "conversation",
    id: conversationRecordId(userId, conversationId),
    tenantId,
    version: 0,
    userId,
    conversationId,
    conversationType: "personal",
    serviceUrl: via.serviceUrl,
    reference: {
      channelId: reference.channelId,
      serviceUrl: via.serviceUrl,
      bot: { id: reference.bot.id, name: reference.bot.name ?? "" },
      user: { id: userId, aadObjectId: userId },
      conversation: { id: conversationId, conversationType: "personal", isGroup: false, tenantId },
    },
    updatedAt: now.toISOString(),
  };
}

/**
 * Opens a personal chat with someone who never talked to the bot. When Teams refuses with 403 (the app is not
 * installed for them) and the Graph install is configured, installs it and tries once more. Anything else leaves them
 * waiting, with the reason the overview shows.
 */
export function personalChatOpener(deps: PersonalChatDeps) {
  return async (tenantId: string, userId: string, via: ConversationRecord): Promise<ReachOutcome> => {
    const first = await createChat(deps, tenantId, userId, via);
    if (first.kind === "reached") return first;
    if (first.status !== 403) return { kind: "waiting", reason: "createFailed", detail: first.reason };
    if (deps.install === undefined) return { kind: "waiting", reason: "appNotInstalled", detail: first.reason };
    const installed = await deps.install(tenantId, userId);
    if (installed.kind === "failed") return { kind: "waiting", reason: "installFailed", detail: installed.reason };
    const second = await createChat(deps, tenantId, userId, via);
    if (second.kind === "reached") return second;
    return { kind: "waiting", reason: "createFailed", detail: `installed through Graph, but Teams has not opened the chat yet: ${second.reason}` };
  };
}
