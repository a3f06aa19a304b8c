// The audit webhook (one per instance, admin only): every new audit entry is forwarded to it, signed (Standard
// Webhooks) with a secret generated whenever the webhook is set and shown that once. The URL is write-only like the
// integrations' notification URLs (secret-urls.ts): sealed at rest, masked when read back (•••• and the last four
// characters), `••••` alone in the audit trail; sending the mask back keeps the stored URL (and rotates the secret).
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidInput, notFound } from "../errors";
import { assertPublicTargets, resolveTargetNames } from "../integrations/destination";
import { isMasked, maskUrl } from "../integrations/secret-urls";
import { parseInput } from "../parse";
import type { AuditWebhook } from "../ports";
import { generateWebhookSecret } from "../security/tokens";
import type { TAuditWebhookSet, TAuditWebhookView } from "./schemas";

export const ZSetAuditWebhook = z.object({
  /** http(s) URL, or the mask from a read to keep the stored one */
  url: z.union([z.url({ protocol: /^https?$/ }).max(2_000), z.string().refine(isMasked, "give an http(s) URL")]),
  allowPrivateNetwork: z.boolean().default(false),
});

function view(hook: AuditWebhook | null, tail: boolean): TAuditWebhookView {
  return {
    configured: Boolean(hook),
    url: maskUrl(hook?.url, tail),
    allowPrivateNetwork: hook?.allowPrivateNetwork ?? false,
    updatedAt: hook?.updatedAt.toISOString() ?? null,
  };
}
/** What the audit trail keeps: no URL, no secret. */
const trail = (hook: AuditWebhook | null) => (hook ? { ...view(hook, false), updatedAt: undefined } : null);

export async function getAuditWebhook({ ctx }: { ctx: Ctx }): Promise<TAuditWebhookView> {
  authorize(ctx, "settings.audit_webhook");
  return view(await ctx.repos.settings.auditWebhook(), true);
}

/**
 * Set (or replace) the audit webhook and generate its signing secret, returned this once.
 * @throws 400 invalid_input (not an http(s) URL; a mask with nothing stored); 422 private_destination
 */
export async function setAuditWebhook({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: z.input<typeof ZSetAuditWebhook>;
}): Promise<TAuditWebhookSet> {
  authorize(ctx, "settings.audit_webhook");
  const q = parseInput(ZSetAuditWebhook, input, "body");
  const resolved = await resolveTargetNames(ctx.resolveHost, [isMasked(q.url) ? null : q.url]);
  const secret = generateWebhookSecret();
  return ctx.transaction(async (tx) => {
    const before = await tx.repos.settings.auditWebhook();
    const url = isMasked(q.url) ? before?.url : q.url;
    if (!url) throw invalidInput("Give the webhook's URL.", [{ path: "/url", message: "give a URL" }]);
    assertPublicTargets([{ path: "/url", url, allowPrivate: q.allowPrivateNetwork }], resolved);
    const hook: AuditWebhook = { url, secret, allowPrivateNetwork: q.allowPrivateNetwork, updatedAt: tx.now() };
    await tx.repos.settings.setAuditWebhook(hook);
    await audit(tx, {
      action: "settings.audit_webhook_set",
      objectType: "setting",
      objectId: "audit_webhook",
      before: trail(before),
      after: trail(hook),
    });
    return { webhook: view(hook, true), secret };
  });
}

/** Stop forwarding; jobs already queued are dropped when they run. @throws 404 when none is set */
export async function removeAuditWebhook({ ctx }: { ctx: Ctx }): Promise<TAuditWebhookView> {
  authorize(ctx, "settings.audit_webhook");
  return ctx.transaction(async (tx) => {
    const before = await tx.repos.settings.auditWebhook();
    if (!before || !(await tx.repos.settings.removeAuditWebhook())) throw notFound("Audit webhook");
    await audit(tx, {
      action: "settings.audit_webhook_remove",
      objectType: "setting",
      objectId: "audit_webhook",
      before: trail(before),
      after: null,
    });
    return view(null, true);
  });
}
