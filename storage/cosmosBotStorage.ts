import type { Container } from "@azure/cosmos";
import type { Storage, StoreItems } from "botbuilder";
import { z } from "zod";
import { BenefitsError, isBenefitsError } from "../benefits/errors";
import { botStateDocumentId } from "./botStateDocumentId";
import { withCosmosErrors } from "./cosmosErrors";

const storedStateSchema = z.object({
  id: z.string(),
  /** The botbuilder key itself: an id may be a hash, and a read checks it really is this key's state. */
  realId: z.string(),
  document: z.record(z.string(), z.unknown()),
  _etag: z.string(),
});
const storeItemSchema = z.looseObject({ eTag: z.string().optional() });

/**
 * botbuilder Storage over the botState container (partition key /id), for the dialog stack only: never business data.
 * eTag '*' or none writes unconditionally; any other eTag writes only over that exact version.
 */
export class CosmosBotStorage implements Storage {
  constructor(private readonly container: Container) {}

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    await Promise.all(
      [...new Set(keys)].map(async (key) => {
        const item = await this.readOne(key);
        if (item !== undefined) items[key] = item;
      }),
    );
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const newEtag = await this.writeOne(key, item);
        // As MemoryStorage does: a second save of the same state object within a turn must not look stale.
        item.eTag = newEtag;
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const id = botStateDocumentId(key);
        try {
          await withCosmosErrors(() => this.container.item(id, id).delete());
        } catch (error) {
          if (!isBenefitsError(error, "NOT_FOUND")) throw error;
        }
      }),
    );
  }

  private async readOne(key: string): Promise<Record<string, unknown> | undefined> {
    const id = botStateDocumentId(key);
    let resource: unknown;
    try {
      ({ resource } = await withCosmosErrors(() => this.container.item(id, id).read()));
    } catch (error) {
      if (isBenefitsError(error, "NOT_FOUND")) return undefined;
      throw error;
    }
    if (resource === undefined) return undefined;
    const stored = storedStateSchema.parse(resource);
    if (stored.realId !== key) return undefined;
    return { ...stored.document, eTag: stored._etag };
  }

  private async writeOne(key: string, item: unknown): Promise<string> {
    const { eTag, ...document } = storeItemSchema.parse(item);
    const id = botStateDocumentId(key);
    const body = { id, realId: key, document };
    if (eTag === undefined || eTag === "*") {
      const { etag } = await withCosmosErrors(() => this.container.items.upsert(body));
      return etag;
    }
    try {
      const { etag } = await withCosmosErrors(() =>
        this.container.item(id, id).replace(body, { accessCondition: { type: "IfMatch", condition: eTag } }),
      );
      return etag;
    } catch (error) {
      // The state this eTag names is gone: as stale as a newer version would be.
      if (isBenefitsError(error, "NOT_FOUND")) {
        throw new BenefitsError("CONFLICT", `Bot state "${key}" was deleted since it was read.`);
      }
      throw error;
    }
  }
}
