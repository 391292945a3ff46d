// A real Container with faults injected between our code and the embedded Cosmos server: every data call (read,
// replace, delete, create, a transactional batch, a query's fetchAll) is counted, and the plan decides what happens to call number `at`.
import type { Container } from "@azure/cosmos";

/**
 * crash: call `at` and every later one fail without reaching the server (the process died before sending it);
 * lostReply: call `at` reaches the server and is applied, then its answer is lost (a reset after forwarding);
 * refused: call `at` fails without reaching the server, later calls go through.
 */
export type FaultKind = "crash" | "lostReply" | "refused";

export class FaultPlan {
  calls = 0;
  /** What each call of the run was (create, upsert, query, read, replace, delete, patch), in order. */
  readonly names: string[] = [];
  private faults: readonly { readonly kind: FaultKind; readonly at: number }[] = [];
  private crashed = false;

  arm(kind: FaultKind, at: number): void {
    this.armEach([{ kind, at }]);
  }

  /** Several faults in one run, each at its own call (an assignment refused, then the release that undoes it). */
  armEach(faults: readonly { readonly kind: FaultKind; readonly at: number }[]): void {
    this.calls = 0;
    this.names.splice(0);
    this.crashed = false;
    this.faults = faults;
  }

  /** Counting only, no fault. */
  count(): void {
    this.arm("refused", Number.POSITIVE_INFINITY);
  }

  heal(): void {
    this.faults = [];
    this.crashed = false;
  }

  async run<T>(call: () => Promise<T>, name = "call"): Promise<T> {
    this.calls += 1;
    this.names.push(name);
    if (this.crashed) throw injectedReset();
    const fault = this.faults.find((f) => f.at === this.calls);
    if (fault === undefined) return call();
    if (fault.kind === "crash") this.crashed = true;
    if (fault.kind === "lostReply") await call();
    throw injectedReset();
  }
}

/** Shaped like what @azure/cosmos throws when the connection resets: a network code, no HTTP status. */
function injectedReset(): Error {
  return Object.assign(new Error("injected connection reset"), { code: "ECONNRESET" });
}

type AnyMethod = (...args: unknown[]) => unknown;

function method(target: object, name: PropertyKey): AnyMethod {
  const found: unknown = Reflect.get(target, name);
  if (typeof found !== "function") throw new Error(`no method ${String(name)}`);
  return (...args) => Reflect.apply(found, target, args);
}

const ITEM_CALLS = new Set<PropertyKey>(["read", "replace", "delete", "patch"]);

export function faultyContainer(container: Container, plan: FaultPlan): Container {
  const items = new Proxy(container.items, {
    get(target, name, receiver) {
      if (name === "create" || name === "upsert" || name === "batch") {
        const call = method(target, name);
        return (...args: unknown[]) => plan.run(async () => call(...args), name);
      }
      if (name === "query") {
        const query = method(target, name);
        return (...args: unknown[]) => {
          const iterator: unknown = query(...args);
          if (typeof iterator !== "object" || iterator === null) throw new Error("query returned no iterator");
          const fetchAll = method(iterator, "fetchAll");
          return { fetchAll: () => plan.run(async () => fetchAll(), "query") };
        };
      }
      return Reflect.get(target, name, receiver);
    },
  });
  return new Proxy(container, {
    get(target, name, receiver) {
      if (name === "items") return items;
      if (name === "item") {
        return (id: string, partitionKey: string) =>
          new Proxy(target.item(id, partitionKey), {
            get(item, itemName, itemReceiver) {
              if (!ITEM_CALLS.has(itemName)) return Reflect.get(item, itemName, itemReceiver);
              const call = method(item, itemName);
              return (...args: unknown[]) => plan.run(async () => call(...args), String(itemName));
            },
          });
      }
      return Reflect.get(target, name, receiver);
    },
  });
}
