import type { Benefit } from "../types";
import { maskKey } from "./packageDocuments";

export type QuantityUnit = "keys" | "seats" | "incidents" | "hours" | "engagements" | "subscription" | "offer";

export interface ItemQuantity {
  readonly unit: QuantityUnit;
  readonly amount: number;
  /** The first few keys, masked: a preview shows that keys are there, never what they are. */
  readonly maskedKeys: readonly string[];
}

const SHOWN_KEYS = 3;
const TECHNICAL_UNITS = { supportIncidents: "incidents", advisoryHours: "hours", presalesDeployment: "engagements" } as const;

export function itemQuantity(benefit: Benefit): ItemQuantity {
  switch (benefit.category) {
    case "software":
      return { unit: "keys", amount: benefit.productKeys.length, maskedKeys: benefit.productKeys.slice(0, SHOWN_KEYS).map((k) => maskKey(k.key)) };
    case "cloud":
      return benefit.billing === "usage"
        ? { unit: "subscription", amount: 1, maskedKeys: [] }
        : { unit: "keys", amount: benefit.productKeys.length, maskedKeys: benefit.productKeys.slice(0, SHOWN_KEYS).map((k) => maskKey(k.key)) };
    case "visualStudio":
      return { unit: "seats", amount: benefit.seats, maskedKeys: [] };
    case "technical":
      return { unit: TECHNICAL_UNITS[benefit.kind], amount: benefit.units, maskedKeys: [] };
    case "goToMarket":
      return { unit: "offer", amount: 1, maskedKeys: [] };
  }
}
