// The exception queue: filtered, newest first, keyset-paginated; and the same
// queue grouped by cause (integration + category + error signature).
import { authorize } from "../authorize";
import { notFound } from "../errors";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import type { ExceptionFilter, ExceptionListItem } from "../ports";
import { groupKey, parseGroupKey } from "./group-key";
import {
  ZExceptionQuery,
  type TExceptionGroups,
  type TExceptionPage,
  type TExceptionQuery,
  type TExceptionView,
} from "./schemas";

export function exceptionView(x: ExceptionListItem, now: Date): TExceptionView {
  return {
    id: x.id,
    eventId: x.eventId,
    integration: x.integrationSlug,
    integrationName: x.integrationName,
    category: x.category,
    reason: x.reason,
    message: x.message,
    status: x.status,
    assignee: x.assigneeId,
    assigneeName: x.assigneeName,
    openedAt: x.openedAt.toISOString(),
    dueAt: x.dueAt.toISOString(),
    escalatedAt: x.escalatedAt?.toISOString() ?? null,
    resolvedAt: x.resolvedAt?.toISOString() ?? null,
    resolution: x.resolution,
    note: x.note,
    group: groupKey(x.integrationId, x.category, x.signature),
    pastSla: x.status === "open" && x.dueAt.getTime() < now.getTime(),
    event: x.event,
  };
}

/** The repository filter for a queue query; null when it can match nothing (unknown integration or group). */
export async function exceptionFilter(
  ctx: Ctx,
  q: ReturnType<typeof ZExceptionQuery.parse>,
): Promise<ExceptionFilter | null> {
  const filter: ExceptionFilter = { status: q.status, category: q.category };
  if (q.assignee === "me") filter.assigneeId = ctx.actor.kind === "user" ? ctx.actor.userId : "-";
  else if (q.assignee === "none") filter.assigneeId = null;
  else if (q.assignee) filter.assigneeId = q.assignee;
  if (q.integration) {
    const integration = await ctx.repos.integrations.findBySlug(q.integration);
    if (!integration) return null;
    filter.integrationId = integration.id;
  }
  if (q.pastSla === "true") filter.pastSlaAt = ctx.now();
  if (q.group) {
    const group = parseGroupKey(q.group);
    if (!group) return null;
    filter.group = group;
  }
  return filter;
}

export async function listExceptions({ ctx, input }: { ctx: Ctx; input: TExceptionQuery }): Promise<TExceptionPage> {
  authorize(ctx, "exceptions.read");
  const q = parseInput(ZExceptionQuery, input, "query");
  const filter = await exceptionFilter(ctx, q);
  if (!filter) return { items: [], nextCursor: null };
  const page = await ctx.repos.exceptions.list(filter, { cursor: q.cursor, limit: q.limit });
  const now = ctx.now();
  return { items: page.items.map((x) => exceptionView(x, now)), nextCursor: page.nextCursor };
}

/** One exception by id, open or closed (a deep link to it). Throws not_found when there is none. */
export async function getException({ ctx, id }: { ctx: Ctx; id: string }): Promise<TExceptionView> {
  authorize(ctx, "exceptions.read");
  const page = await ctx.repos.exceptions.list({ ids: [id] }, { limit: 1 });
  const item = page.items[0];
  if (!item) throw notFound("Exception");
  return exceptionView(item, ctx.now());
}

export async function exceptionGroups({ ctx, input }: { ctx: Ctx; input: TExceptionQuery }): Promise<TExceptionGroups> {
  authorize(ctx, "exceptions.read");
  const q = parseInput(ZExceptionQuery, input, "query");
  const filter = await exceptionFilter(ctx, { ...q, group: undefined });
  if (!filter) return { items: [] };
  const groups = await ctx.repos.exceptions.groups(filter);
  return {
    items: groups.map((g) => ({
      group: groupKey(g.integrationId, g.category, g.signature),
      integration: g.integrationSlug,
      integrationName: g.integrationName,
      category: g.category,
      reason: g.reason,
      message: g.message,
      count: g.count,
      oldestOpenedAt: g.oldestOpenedAt.toISOString(),
    })),
  };
}
