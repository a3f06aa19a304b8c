// Pre-launch readiness: the seven checks per integration, admin confirmations
// where the data cannot tell, the dashboard of all integrations, and the gate
// in front of go-live.
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import { actorId, type Ctx } from "../context";
import { DomainError, invalidState } from "../errors";
import { integrationBySlug } from "../integrations/find";
import type { Integration } from "../integrations/types";
import { integrationView } from "../integrations/view";
import { parseInput } from "../parse";
import { assessReadiness, CHECK_KEYS, gate } from "./checks";

export const ZConfirm = z.object({ check: z.enum(CHECK_KEYS), note: z.string().trim().min(1, "say how you know").max(2_000) });
export const ZGoLive = z.object({ note: z.string().trim().max(2_000).optional() });

async function readinessOf(ctx: Ctx, integration: Integration) {
  const [active, confirmations] = await Promise.all([ctx.repos.contracts.active(integration.id), ctx.repos.confirmations.list(integration.id)]);
  return assessReadiness({ integration, active, confirmations });
}

export async function getReadiness({ ctx, slug }: { ctx: Ctx; slug: string }) {
  authorize(ctx, "integrations.read");
  const integration = await integrationBySlug(ctx, slug);
  const { checks, missing } = await readinessOf(ctx, integration);
  return { integration: integration.slug, lifecycle: integration.lifecycle, checks, missing, canGoLive: gate(missing).allowed };
}

/** The readiness of every integration, for the dashboard. */
export async function readinessBoard({ ctx }: { ctx: Ctx }) {
  authorize(ctx, "integrations.read");
  const integrations = await ctx.repos.integrations.list();
  const items = [];
  for (const integration of integrations) {
    const { checks, missing } = await readinessOf(ctx, integration);
    items.push({ slug: integration.slug, name: integration.name, lifecycle: integration.lifecycle, checks: checks.map((c) => ({ key: c.key, ok: c.ok, how: c.how })), missing, canGoLive: gate(missing).allowed });
  }
  return { items };
}

/** An admin vouches for a check the data cannot prove (audited, with the note). */
export async function confirmCheck({ ctx, slug, input }: { ctx: Ctx; slug: string; input: z.input<typeof ZConfirm> }) {
  authorize(ctx, "integrations.go_live");
  const { check, note } = parseInput(ZConfirm, input);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    await tx.repos.confirmations.confirm({ integrationId: integration.id, check, note, confirmedById: actorId(tx.actor), at: tx.now() });
    await audit(tx, { action: "readiness.confirm", objectType: "integration", objectId: integration.id, reason: note, after: { check } });
    const { checks, missing } = await readinessOf(tx, integration);
    return { integration: integration.slug, lifecycle: integration.lifecycle, checks, missing, canGoLive: gate(missing).allowed };
  });
}

/**
 * Take an integration live. Two or more readiness checks missing: refused
 * (409 `readiness_incomplete`, the missing list in details). One missing:
 * allowed, and the warning is written into the audit entry.
 * @throws 409 readiness_incomplete; 409 invalid_state when it is not a draft
 */
export async function goLive({ ctx, slug, input }: { ctx: Ctx; slug: string; input: z.input<typeof ZGoLive> }) {
  authorize(ctx, "integrations.go_live");
  const { note } = parseInput(ZGoLive, input);
  const outcome = await ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    if (integration.lifecycle !== "draft") throw invalidState(`This integration is already ${integration.lifecycle}.`);
    const { checks, missing } = await readinessOf(tx, integration);
    const verdict = gate(missing);
    const missingChecks = checks.filter((c) => !c.ok).map((c) => ({ check: c.key, label: c.label, detail: c.detail }));
    if (!verdict.allowed) {
      await audit(tx, { action: "integration.go_live_refused", objectType: "integration", objectId: integration.id, reason: note ?? null, after: { missing } });
      return { refused: missingChecks };
    }
    const now = tx.now();
    const live = await tx.repos.integrations.update(integration.id, { lifecycle: "live", liveAt: now }, now);
    await audit(tx, {
      action: "integration.go_live",
      objectType: "integration",
      objectId: integration.id,
      reason: note ?? null,
      before: { lifecycle: "draft" },
      after: { lifecycle: "live", ...(verdict.warning ? { warning: `went live with one readiness check missing: ${missingChecks[0]!.label}`, missing } : {}) },
    });
    return { view: integrationView(live, await tx.repos.contracts.current(live.id)), warning: verdict.warning ? missingChecks[0]! : null };
  });
  // The refusal is audited (committed above); only then is the caller told no.
  if (outcome.refused) {
    throw new DomainError("conflict", "readiness_incomplete", `Not ready to go live: ${outcome.refused.length} checks are missing.`, outcome.refused);
  }
  return { integration: outcome.view!, warning: outcome.warning ?? null };
}
