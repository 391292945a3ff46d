import { jsonObjectBody, LoopbackStandIn, type LoopbackAnswer, type LoopbackRequest } from "./loopbackServer";

export interface StandInMember {
  readonly id: string;
  readonly aadObjectId: string;
  readonly name: string;
  readonly email?: string;
  readonly userPrincipalName: string;
  readonly tenantId: string;
}

export interface RosterCall {
  readonly conversationId: string;
  /** On the test's clock, so a timeline can be checked without real time. */
  readonly at: number;
  readonly pageSize: number | undefined;
  readonly continuationToken: string | undefined;
}

const PAGED_MEMBERS = /^\/v3\/conversations\/([^/]+)\/pagedmembers$/;
const ACTIVITIES = /^\/v3\/conversations\/([^/]+)\/activities(?:\/[^/]+)?$/;

/** A person of a stand-in roster: deterministic ids and addresses from a number. */
export function standInMember(tenantId: string, n: number): StandInMember {
  const hex = n.toString(16).padStart(12, "0");
  const aadObjectId = `b2b2b2b2-0000-4000-8000-${hex}`;
  return { id: `29:${aadObjectId}`, aadObjectId, name: `Person ${n}`, email: `person${n}@contoso.example`, userPrincipalName: `person${n}@contoso.example`, tenantId };
}

/**
 * The Teams side of roster reads on loopback: GET …/pagedmembers serves each conversation's members in pages of at
 * most `servedPageSize` (Teams may serve fewer than asked), with an opaque continuation token; activities posted
 * (the admins' cards) are recorded. A conversation can be scripted to fail on a page.
 */
export class RosterConnector extends LoopbackStandIn {
  readonly calls: RosterCall[] = [];
  readonly posts: { conversationId: string; activity: Record<string, unknown> }[] = [];
  private readonly rosters = new Map<string, StandInMember[]>();
  private readonly failing = new Map<string, number>();

  private constructor(
    private readonly clock: () => number,
    private readonly servedPageSize: number,
  ) {
    super();
  }

  static start(options: { clock?: () => number; servedPageSize?: number } = {}): Promise<RosterConnector> {
    return new RosterConnector(options.clock ?? (() => 0), options.servedPageSize ?? 50).listen();
  }

  setRoster(conversationId: string, members: readonly StandInMember[]): void {
    this.failing.delete(conversationId);
    this.rosters.set(conversationId, [...members]);
  }

  /**
   * The page with this index (0 = first) answers 403, as Teams does once the bot is no longer in the conversation, until
   * the roster is set again. (A 5xx would be retried by botframework-connector itself.)
   */
  failPage(conversationId: string, pageIndex: number): void {
    this.failing.set(conversationId, pageIndex);
  }

  callsTo(conversationId: string): RosterCall[] {
    return this.calls.filter((c) => c.conversationId === conversationId);
  }

  protected respond(request: LoopbackRequest): LoopbackAnswer {
    const paged = PAGED_MEMBERS.exec(request.url.pathname);
    if (request.method === "GET" && paged !== null) return this.page(decodeURIComponent(paged[1] ?? ""), request.url);
    const posted = ACTIVITIES.exec(request.url.pathname);
    if ((request.method === "POST" || request.method === "PUT") && posted !== null) {
      this.posts.push({ conversationId: decodeURIComponent(posted[1] ?? ""), activity: jsonObjectBody(request) });
      return { status: 200, body: { id: `sent-${this.posts.length}` } };
    }
    return { status: 404, body: { error: { code: "NotFound", message: "not a route of this stand-in" } } };
  }

  private page(conversationId: string, url: URL): LoopbackAnswer {
    const token = url.searchParams.get("continuationToken") ?? undefined;
    const asked = url.searchParams.get("pageSize");
    this.calls.push({ conversationId, at: this.clock(), pageSize: asked === null ? undefined : Number(asked), continuationToken: token });
    const members = this.rosters.get(conversationId);
    if (members === undefined) return { status: 404, body: { error: { code: "ConversationNotFound", message: "no such conversation" } } };
    const index = token === undefined ? 0 : Number(token.replace("page-", ""));
    if (this.failing.get(conversationId) === index) return { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "scripted failure" } } };
    const size = Math.min(this.servedPageSize, asked === null ? this.servedPageSize : Number(asked));
    const slice = members.slice(index * size, (index + 1) * size);
    const more = (index + 1) * size < members.length;
    return { status: 200, body: { members: slice, ...(more ? { continuationToken: `page-${index + 1}` } : {}) } };
  }
}
