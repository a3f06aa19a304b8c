// GET /api/v1/alerts and POST /api/v1/alerts/:id/acknowledge: alerts with the
// integration's runbook beside them; acknowledging says "someone is on it".
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { actorId, type Ctx } from "../context";
import { invalidInput, invalidState, notFound } from "../errors";
import { parseInput } from "../parse";
import type { TAlertPage, TAlertView } from "./schemas";
import { RULE_LABELS, type AlertRecord } from "./types";

export const ZAlertQuery = z.object({
  status: z.enum(["open", "firing", "acknowledged", "resolved"]).optional(),
  integration: z.string().optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAlertQuery = z.input<typeof ZAlertQuery>;

async function viewsOf(ctx: Ctx, alerts: AlertRecord[]): Promise<TAlertView[]> {
  const [integrations, users] = await Promise.all([ctx.repos.integrations.list(), ctx.repos.users.list()]);
  return alerts.map((a) => {
    const i = integrations.find((x) => x.id === a.integrationId);
    return {
      id: a.id,
      rule: a.rule,
      title: RULE_LABELS[a.rule],
      status: a.status,
      value: a.value,
      threshold: a.threshold,
      message: a.message,
      firedAt: a.firedAt.toISOString(),
      acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
      acknowledgedBy: users.find((u) => u.id === a.acknowledgedById)?.name ?? null,
      resolvedAt: a.resolvedAt?.toISOString() ?? null,
      lastEvaluatedAt: a.lastEvaluatedAt.toISOString(),
      integration: {
        slug: i?.slug ?? "(deleted)",
        name: i?.name ?? "(deleted integration)",
        runbook: i?.runbook ?? "",
        manualFallback: i?.manualFallback ?? "",
      },
    };
  });
}

export async function listAlerts({ ctx, input }: { ctx: Ctx; input: TAlertQuery }): Promise<TAlertPage> {
  authorize(ctx, "alerts.read");
  const q = parseInput(ZAlertQuery, input, "query");
  let integrationId: string | undefined;
  if (q.integration) {
    const integration = await ctx.repos.integrations.findBySlug(q.integration);
    if (!integration)
      throw invalidInput(`No integration "${q.integration}".`, [{ path: "/integration", message: "unknown" }]);
    integrationId = integration.id;
  }
  const page = await ctx.repos.alerts.list({ status: q.status, integrationId }, { cursor: q.cursor, limit: q.limit });
  return { items: await viewsOf(ctx, page.items), nextCursor: page.nextCursor };
}

export async function acknowledgeAlert({ ctx, id }: { ctx: Ctx; id: string }): Promise<TAlertView> {
  authorize(ctx, "alerts.act");
  const userId = actorId(ctx.actor);
  return ctx.transaction(async (tx) => {
    const existing = await tx.repos.alerts.findById(id);
    if (!existing) throw notFound("Alert");
    if (existing.status !== "firing")
      throw invalidState(
        existing.status === "resolved" ? "This alert is already resolved." : "This alert is already acknowledged.",
      );
    const acknowledged = await tx.repos.alerts.acknowledge(id, userId ?? "", tx.now());
    if (!acknowledged) throw invalidState("This alert changed meanwhile; reload it.");
    await audit(tx, {
      action: "alert.acknowledge",
      objectType: "alert",
      objectId: id,
      before: { status: existing.status },
      after: { status: "acknowledged" },
    });
    const [view] = await viewsOf(tx, [acknowledged]);
    return view!;
  });
}
