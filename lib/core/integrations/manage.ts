// Reading and changing integrations (API.md §4). Every change is audited.
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidState } from "../errors";
import { parseInput } from "../parse";
import { assertNoIssues, assertPublicTargets, mergeTarget, resolveTargetNames, type Resolved } from "./destination";
import { integrationBySlug } from "./find";
import { checkOwners } from "./owners";
import { ZPatchIntegration, type TPatchIntegration } from "./schemas";
import type { Integration, IntegrationPatch } from "./types";
import { isMasked, mergeSecretUrls, seesTail } from "./secret-urls";
import { integrationView, type IntegrationView } from "./view";

export async function getIntegration({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<IntegrationView> {
  authorize(ctx, "integrations.read");
  const integration = await integrationBySlug(ctx, slug);
  return integrationView(integration, await ctx.repos.contracts.current(integration.id), { tail: seesTail(ctx.actor) });
}

/**
 * The URLs an integration sends to — destination, replay webhook, notification
 * webhook and the alert channels — refused at save time when they name a
 * private address and private targets are not allowed (API.md §2).
 * Notifications may go where the integration's own targets may.
 * @throws 422 private_destination
 */
export function assertTargetsAllowed(i: TargetFields, resolved?: Resolved): void {
  const allowPrivate = Boolean(i.destination?.allowPrivateNetwork || i.replayWebhook?.allowPrivateNetwork);
  const notify = notifyOf(i.alertThresholds);
  assertPublicTargets(
    [
      { path: "/destination/url", url: i.destination?.url, allowPrivate: Boolean(i.destination?.allowPrivateNetwork) },
      {
        path: "/replayWebhook/url",
        url: i.replayWebhook?.url,
        allowPrivate: Boolean(i.replayWebhook?.allowPrivateNetwork),
      },
      { path: "/notificationWebhook", url: i.notificationWebhook, allowPrivate },
      { path: "/alertThresholds/notify/webhookUrl", url: notify?.webhookUrl, allowPrivate },
      { path: "/alertThresholds/notify/slackUrl", url: notify?.slackUrl, allowPrivate },
    ],
    resolved,
  );
}

type TargetFields = Pick<Integration, "destination" | "replayWebhook" | "notificationWebhook" | "alertThresholds">;
const notifyOf = (t: unknown) =>
  (t as { notify?: { webhookUrl?: string; slackUrl?: string } } | null | undefined)?.notify;

/** Resolve the host names of the URLs being saved (masked values are stored ones: not resolved again). */
export function resolveSavedTargets(ctx: Ctx, i: Partial<TargetFields>): Promise<Resolved> {
  const notify = notifyOf(i.alertThresholds);
  const urls = [i.destination?.url, i.replayWebhook?.url, i.notificationWebhook, notify?.webhookUrl, notify?.slackUrl];
  return resolveTargetNames(
    ctx.resolveHost,
    urls.filter((u) => !isMasked(u)),
  );
}

/**
 * Change any part of an integration's configuration (admin). Owners keep the roles rule of checkOwners.
 * Header values and notification URLs are write-only: a blank header value (or the mask) keeps the stored one,
 * a masked URL or a PATCH without it keeps the stored URL.
 * @throws 422 private_destination; 400 invalid_input for bad headers or a mask with nothing stored
 */
export async function updateIntegration({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: TPatchIntegration;
}): Promise<IntegrationView> {
  authorize(ctx, "integrations.write");
  const patch = parseInput(ZPatchIntegration, input);
  if (patch.owners) await checkOwners(ctx, patch.owners);
  const resolved = await resolveSavedTargets(ctx, patch as Partial<TargetFields>);
  return ctx.transaction(async (tx) => {
    const before = await integrationBySlug(tx, slug);
    const { owners, destination, replayWebhook, notificationWebhook, alertThresholds, ...rest } = patch;
    const dest = mergeTarget(destination, before.destination, "/destination");
    const replay = mergeTarget(replayWebhook, before.replayWebhook, "/replayWebhook");
    const urls = mergeSecretUrls({ notificationWebhook, alertThresholds }, before);
    assertNoIssues([...dest.issues, ...replay.issues, ...urls.issues]);
    const change: IntegrationPatch = { ...rest };
    if (urls.notificationWebhook !== undefined) change.notificationWebhook = urls.notificationWebhook;
    if (urls.alertThresholds !== undefined) change.alertThresholds = urls.alertThresholds;
    if (dest.target !== undefined) change.destination = dest.target;
    if (replay.target !== undefined) change.replayWebhook = replay.target;
    if (owners)
      change.owners = {
        ...before.owners,
        ...Object.fromEntries(Object.entries(owners).filter(([, v]) => v !== undefined)),
      };
    const touchesTargets =
      destination !== undefined ||
      replayWebhook !== undefined ||
      notificationWebhook !== undefined ||
      alertThresholds !== undefined;
    if (touchesTargets) assertTargetsAllowed({ ...before, ...change } as Integration, resolved);
    const after = await tx.repos.integrations.update(before.id, change, tx.now());
    const contract = await tx.repos.contracts.current(after.id);
    await audit(tx, {
      action: "integration.update",
      objectType: "integration",
      objectId: after.id,
      before: integrationView(before, contract),
      after: integrationView(after, contract),
    });
    return integrationView(after, contract, { tail: seesTail(tx.actor) });
  });
}

/**
 * Pause: events are still accepted and recorded, deliveries are held.
 * Resume: held deliveries go out again (the queue claims them at once).
 * A draft has nothing to pause: it is not live yet.
 * @throws 409 invalid_state when already paused / not paused / a draft / archived
 */
export async function setPaused({
  ctx,
  slug,
  paused,
  reason,
}: {
  ctx: Ctx;
  slug: string;
  paused: boolean;
  reason?: string;
}): Promise<IntegrationView> {
  authorize(ctx, "integrations.pause");
  return ctx.transaction(async (tx) => {
    const before = await integrationBySlug(tx, slug);
    if (paused && before.archivedAt) throw invalidState("This integration is archived: restore it first.");
    if (paused && before.lifecycle === "draft")
      throw invalidState("This integration is a draft: it is not live, so there are no deliveries to pause.");
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
    return integrationView(after, await tx.repos.contracts.current(after.id), { tail: seesTail(tx.actor) });
  });
}

/**
 * Archive: ingest and reports answer 410 `integration_archived`, the
 * integration leaves pickers and KPI rankings; its events, exceptions and
 * audit trail are kept. Restore brings it back as it was.
 * @throws 409 invalid_state when already archived / not archived
 */
export async function setArchived({
  ctx,
  slug,
  archived,
  reason,
}: {
  ctx: Ctx;
  slug: string;
  archived: boolean;
  reason?: string;
}): Promise<IntegrationView> {
  authorize(ctx, "integrations.write");
  return ctx.transaction(async (tx) => {
    const before = await integrationBySlug(tx, slug);
    if (archived && before.archivedAt) throw invalidState("This integration is already archived.");
    if (!archived && !before.archivedAt) throw invalidState("This integration is not archived.");
    const now = tx.now();
    const after = await tx.repos.integrations.update(before.id, { archivedAt: archived ? now : null }, now);
    await audit(tx, {
      action: archived ? "integration.archive" : "integration.restore",
      objectType: "integration",
      objectId: after.id,
      reason: reason ?? null,
      before: { archivedAt: before.archivedAt?.toISOString() ?? null },
      after: { archivedAt: after.archivedAt?.toISOString() ?? null },
    });
    return integrationView(after, await tx.repos.contracts.current(after.id), { tail: seesTail(tx.actor) });
  });
}
