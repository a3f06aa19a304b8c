// GET /api/v1/events: newest first, filtered, keyset-paginated (never OFFSET, no totals).
import { z } from "zod";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { parseInput } from "../parse";
import type { EventListItem } from "../ports";
import type { TEventPage, TEventSummary } from "./schemas";
import { EVENT_STATUSES } from "./types";

export const ZEventQuery = z.object({
  integration: z.string().optional(),
  status: z.enum(EVENT_STATUSES).optional(),
  correlationId: z.string().optional(),
  q: z.string().trim().min(1).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TEventQuery = z.input<typeof ZEventQuery>;

export function eventSummary(e: EventListItem): TEventSummary {
  return {
    id: e.id,
    integration: e.integrationSlug,
    status: e.status,
    outcome: e.outcome,
    idempotencyKey: e.idempotencyKey,
    correlationId: e.correlationId,
    entityKey: e.entityKey,
    entityVersion: e.entityVersion,
    attempts: e.attempts,
    duplicateCount: e.duplicateCount,
    receivedAt: e.receivedAt.toISOString(),
    completedAt: e.completedAt?.toISOString() ?? null,
    contractVersion: e.contractVersion,
    source: e.source,
  };
}

export async function listEvents({ ctx, input }: { ctx: Ctx; input: TEventQuery }): Promise<TEventPage> {
  authorize(ctx, "events.read");
  const q = parseInput(ZEventQuery, input, "query");
  let integrationId: string | undefined;
  if (q.integration) {
    const integration = await ctx.repos.integrations.findBySlug(q.integration);
    if (!integration) return { items: [], nextCursor: null };
    integrationId = integration.id;
  }
  const page = await ctx.repos.events.list(
    {
      integrationId,
      status: q.status,
      correlationId: q.correlationId,
      q: q.q,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    },
    { cursor: q.cursor, limit: q.limit },
  );
  return { items: page.items.map(eventSummary), nextCursor: page.nextCursor };
}
