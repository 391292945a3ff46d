import type { CloudAdapter, TurnContext } from "botbuilder";
import type { Repositories } from "../benefits";
import { cardFor, type PrivateMessenger, type SentCard } from "../dialogs/privateMessenger";
import { tenantIdOf } from "./activityContext";
import { readerOfRecord } from "./conversationRecorder";
import { personalConversations } from "./notifier";
import { referenceFor } from "./proactive";

/**
 * Reaches one person in their 1:1 chat with the bot, found among the conversation records of the tenant of the current
 * turn (so a card can never be sent into another tenant). Someone who never opened a personal chat is unreachable.
 */
export function createPrivateMessenger(repos: Repositories, adapter: () => CloudAdapter, appId: string, log: (m: string, e?: unknown) => void): PrivateMessenger {
  const personalRecord = async (tenantId: string, userId: string) => personalConversations(await repos.conversations.list(tenantId)).get(userId);

  return {
    async sendToUser(context: TurnContext, userId: string, card): Promise<SentCard | undefined> {
      const tenantId = tenantIdOf(context.activity);
      const record = tenantId === undefined ? undefined : await personalRecord(tenantId, userId);
      if (record === undefined) return undefined;
      let sent: SentCard | undefined;
      await adapter().continueConversationAsync(appId, referenceFor(record), async (proactive) => {
        try {
          const response = await proactive.sendActivity({ type: "message", attachments: [cardFor(card, readerOfRecord(record))] });
          if (response?.id) sent = { conversationId: record.conversationId, activityId: response.id };
        } catch (error) {
          log("A private card could not be sent", error);
        }
      });
      return sent;
    },

    async updateCard(context: TurnContext, target, card): Promise<boolean> {
      const tenantId = tenantIdOf(context.activity);
      const record = tenantId === undefined ? undefined : await personalRecord(tenantId, target.userId);
      if (record === undefined || record.conversationId !== target.conversationId) return false;
      let updated = false;
      await adapter().continueConversationAsync(appId, referenceFor(record), async (proactive) => {
        try {
          await proactive.updateActivity({ type: "message", id: target.activityId, attachments: [cardFor(card, readerOfRecord(record))] });
          updated = true;
        } catch (error) {
          log("A private card could not be updated", error);
        }
      });
      return updated;
    },
  };
}
