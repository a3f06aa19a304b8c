// Reading and changing integrations (API.md §4). Every change is audited.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidState } from "../errors";
import { parseInput } from "../parse";
import { integrationBySlug } from "./find";
import { checkOwners } from "./owners";
import { ZPatchIntegration, type TPatchIntegration } from "./schemas";
import type { IntegrationPatch } from "./types";
import { integrationView, type IntegrationView } from "./view";

export async function getIntegration({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<IntegrationView> {
  authorize(ctx, "integrations.read");
  const integration = await integrationBySlug(ctx, slug);
  return integrationView(integration, await ctx.repos.contracts.current(integration.id));
}

/** Change any part of an integration's configuration (admin). Owners keep the roles rule of checkOwners. */
export async function updateIntegration({ ctx, slug, input }: { ctx: Ctx; slug: string; input: TPatchIntegration }): Promise<IntegrationView> {
  authorize(ctx, "integrations.write");
  const patch = parseInput(ZPatchIntegration, input);
  if (patch.owners) await checkOwners(ctx, patch.owners);
  return ctx.transaction(async (tx) => {
    const before = await integrationBySlug(tx, slug);
    const { owners, ...rest } = patch;
    const change: IntegrationPatch = { ...rest };
    if (owners) change.owners = { ...before.owners, ...Object.fromEntries(Object.entries(owners).filter(([, v]) => v !== undefined)) };
    const after = await tx.repos.integrations.update(before.id, change, tx.now());
    const contract = await tx.repos.contracts.current(after.id);
    const view = integrationView(after, contract);
    await audit(tx, { action: "integration.update", objectType: "integration", objectId: after.id, before: integrationView(before, contract), after: view });
    return view;
  });
}

/**
 * Pause: events are still accepted and recorded, deliveries are held.
 * Resume: held deliveries go out again (the queue claims them at once).
 * @throws 409 invalid_state when already paused / not paused
 */
export async function setPaused({ ctx, slug, paused, reason }: { ctx: Ctx; slug: string; paused: boolean; reason?: string }): Promise<IntegrationView> {
  authorize(ctx, "integrations.pause");
  return ctx.transaction(async (tx) => {
    const before = await integrationBySlug(tx, slug);
    if (paused && before.lifecycle === "paused") throw invalidState("This integration is already paused.");
    if (!paused && before.lifecycle !== "paused") throw invalidState("This integration is not paused.");
    const now = tx.now();
    const lifecycle = paused ? "paused" : before.liveAt ? "live" : "draft";
    const after = await tx.repos.integrations.update(before.id, { lifecycle, pausedAt: paused ? now : null }, now);
    if (!paused) await tx.repos.queue.wake();
    await audit(tx, {
      action: paused ? "integration.pause" : "integration.resume",
      objectType: "integration",
      objectId: after.id,
      reason: reason ?? null,
      before: { lifecycle: before.lifecycle },
      after: { lifecycle: after.lifecycle },
    });
    return integrationView(after, await tx.repos.contracts.current(after.id));
  });
}
