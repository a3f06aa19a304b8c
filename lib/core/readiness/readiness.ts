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
import { seesTail } from "../integrations/secret-urls";
import { integrationView } from "../integrations/view";
import { parseInput } from "../parse";
import {
  assessReadiness,
  CHECK_KEYS,
  checkDefinition,
  gate,
  goLiveVerdict,
  isConfirmable,
  meaningfulNote,
} from "./checks";
import type { TGoLiveResult, TReadiness, TReadinessBoard } from "./schemas";

export const ZConfirm = z.object({
  check: z.enum(CHECK_KEYS),
  note: z
    .string()
    .trim()
    .max(2_000)
    .refine(
      meaningfulNote,
      "Say how you know: who checked it, where and when (at least 15 characters and three words).",
    ),
});
export const ZGoLive = z.object({ note: z.string().trim().max(2_000).optional() });

async function readinessOf(ctx: Ctx, integration: Integration) {
  const [active, confirmations] = await Promise.all([
    ctx.repos.contracts.active(integration.id),
    ctx.repos.confirmations.list(integration.id),
  ]);
  return assessReadiness({ integration, active, confirmations });
}

export async function getReadiness({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<TReadiness> {
  authorize(ctx, "integrations.read");
  const integration = await integrationBySlug(ctx, slug);
  const { checks, missing } = await readinessOf(ctx, integration);
  return {
    integration: integration.slug,
    lifecycle: integration.lifecycle,
    checks,
    missing,
    canGoLive: gate(missing).allowed,
  };
}

/** The readiness of every integration, for the dashboard. */
export async function readinessBoard({ ctx }: { ctx: Ctx }): Promise<TReadinessBoard> {
  authorize(ctx, "integrations.read");
  const integrations = await ctx.repos.integrations.list();
  const items = [];
  for (const integration of integrations) {
    const { checks, missing } = await readinessOf(ctx, integration);
    items.push({
      slug: integration.slug,
      name: integration.name,
      lifecycle: integration.lifecycle,
      checks: checks.map((c) => ({ key: c.key, ok: c.ok, how: c.how })),
      missing,
      canGoLive: gate(missing).allowed,
    });
  }
  return { items };
}

/**
 * An admin vouches for a fact outside Signalbox (runbook reviewed, manual
 * fallback rehearsed), audited with the note.
 * @throws 422 check_computed for a check Signalbox computes (it cannot be confirmed by hand)
 */
export async function confirmCheck({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZConfirm>;
}): Promise<TReadiness> {
  authorize(ctx, "integrations.go_live");
  const check = typeof input?.check === "string" ? checkDefinition(input.check) : undefined;
  if (check && !isConfirmable(check.key)) {
    throw new DomainError(
      "unprocessable",
      "check_computed",
      `“${check.label}” is computed by Signalbox and cannot be confirmed by hand: ${check.fix}.`,
      { check: check.key, place: check.place },
    );
  }
  const { check: key, note } = parseInput(ZConfirm, input);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    await tx.repos.confirmations.confirm({
      integrationId: integration.id,
      check: key,
      note,
      confirmedById: actorId(tx.actor),
      at: tx.now(),
    });
    await audit(tx, {
      action: "readiness.confirm",
      objectType: "integration",
      objectId: integration.id,
      reason: note,
      after: { check: key },
    });
    const { checks, missing } = await readinessOf(tx, integration);
    return {
      integration: integration.slug,
      lifecycle: integration.lifecycle,
      checks,
      missing,
      canGoLive: gate(missing).allowed,
    };
  });
}

/**
 * Take an integration live. Two or more readiness checks missing: refused
 * (409 `readiness_incomplete`, the missing list in details). Two or more checks
 * missing by data but confirmed by hand by the admin asking: refused (409
 * `readiness_self_confirmed`, those checks in details). One missing: allowed,
 * and the warning is written into the audit entry. Refusals are audited.
 * @throws 409 readiness_incomplete | readiness_self_confirmed; 409 invalid_state when it is not a draft
 */
export async function goLive({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZGoLive>;
}): Promise<TGoLiveResult> {
  authorize(ctx, "integrations.go_live");
  const { note } = parseInput(ZGoLive, input);
  const describe = (c: { key: string; label: string; detail: string }) => ({
    check: c.key,
    label: c.label,
    detail: c.detail,
  });
  const outcome = await ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    if (integration.lifecycle !== "draft") throw invalidState(`This integration is already ${integration.lifecycle}.`);
    const { checks, missing } = await readinessOf(tx, integration);
    const verdict = goLiveVerdict(checks, actorId(tx.actor));
    if (!verdict.allowed) {
      const refused = verdict.reason === "incomplete" ? verdict.missing.map(describe) : verdict.confirmed.map(describe);
      await audit(tx, {
        action: "integration.go_live_refused",
        objectType: "integration",
        objectId: integration.id,
        reason: note ?? null,
        after: verdict.reason === "incomplete" ? { missing } : { selfConfirmed: refused.map((c) => c.check) },
      });
      return { refused, reason: verdict.reason };
    }
    const now = tx.now();
    const live = await tx.repos.integrations.update(integration.id, { lifecycle: "live", liveAt: now }, now);
    const warning = verdict.warning ? describe(verdict.warning) : null;
    await audit(tx, {
      action: "integration.go_live",
      objectType: "integration",
      objectId: integration.id,
      reason: note ?? null,
      before: { lifecycle: "draft" },
      after: {
        lifecycle: "live",
        ...(warning ? { warning: `went live with one readiness check missing: ${warning.label}`, missing } : {}),
      },
    });
    return {
      view: integrationView(live, await tx.repos.contracts.current(live.id), { tail: seesTail(tx.actor) }),
      warning,
    };
  });
  // The refusal is audited (committed above); only then is the caller told no.
  if (outcome.refused) {
    if (outcome.reason === "self_confirmed") {
      const labels = outcome.refused.map((c) => `“${c.label}”`).join(" and ");
      throw new DomainError(
        "conflict",
        "readiness_self_confirmed",
        `You confirmed ${labels} yourself: another admin must confirm one of them, or ask another admin to take it live.`,
        outcome.refused,
      );
    }
    throw new DomainError(
      "conflict",
      "readiness_incomplete",
      `Not ready to go live: ${outcome.refused.length} checks are missing.`,
      outcome.refused,
    );
  }
  return { integration: outcome.view!, warning: outcome.warning ?? null };
}
