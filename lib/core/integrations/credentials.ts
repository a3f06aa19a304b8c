// Integration API keys (create: shown once; revoke) and signing-secret rotation
// with a grace period during which the old secret still verifies / still signs.
import { z } from "zod";
import { audit } from "../audit/record";
import { authorize } from "../authorize";
import type { Ctx } from "../context";
import { invalidState, notFound } from "../errors";
import { parseInput } from "../parse";
import type { KeyRecord } from "../ports";
import { generateSecret, generateWebhookSecret, INTEGRATION_KEY_PREFIX } from "../security/tokens";
import { integrationBySlug } from "./find";
import type { TCreatedKey, TKeyView, TRotatedSecret } from "./schemas";

export const ZCreateKey = z.object({ name: z.string().trim().min(1).max(80).default("api key") });
export const ZRotateSecret = z.object({
  which: z.enum(["ingest", "delivery"]),
  graceHours: z
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
});

export function keyView(k: KeyRecord): TKeyView {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  };
}

export async function listKeys({ ctx, slug }: { ctx: Ctx; slug: string }): Promise<TKeyView[]> {
  authorize(ctx, "integrations.read");
  const integration = await integrationBySlug(ctx, slug);
  return (await ctx.repos.keys.listForIntegration(integration.id)).map(keyView);
}

export async function createKey({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZCreateKey>;
}): Promise<TCreatedKey> {
  authorize(ctx, "integrations.keys");
  const { name } = parseInput(ZCreateKey, input);
  const key = generateSecret(INTEGRATION_KEY_PREFIX);
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const row = await tx.repos.keys.create({
      integrationId: integration.id,
      name,
      keyHash: key.hash,
      prefix: key.display,
      now: tx.now(),
    });
    await audit(tx, {
      action: "integration.key_create",
      objectType: "integration",
      objectId: integration.id,
      after: keyView(row),
    });
    return { id: row.id, key: key.secret, name: row.name, prefix: row.prefix };
  });
}

export async function revokeKey({ ctx, slug, keyId }: { ctx: Ctx; slug: string; keyId: string }): Promise<TKeyView> {
  authorize(ctx, "integrations.keys");
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const key = await tx.repos.keys.findById(keyId);
    if (!key || key.integrationId !== integration.id) throw notFound("Key");
    if (key.revokedAt) throw invalidState("This key is already revoked.");
    const revoked = await tx.repos.keys.revoke(keyId, tx.now());
    await audit(tx, {
      action: "integration.key_revoke",
      objectType: "integration",
      objectId: integration.id,
      before: keyView(key),
      after: keyView(revoked),
    });
    return keyView(revoked);
  });
}

/** A new secret for one direction; the old one keeps working for `graceHours`. */
export async function rotateSecret({
  ctx,
  slug,
  input,
}: {
  ctx: Ctx;
  slug: string;
  input: z.input<typeof ZRotateSecret>;
}): Promise<TRotatedSecret> {
  authorize(ctx, "integrations.keys");
  const { which, graceHours } = parseInput(ZRotateSecret, input);
  const secret = generateWebhookSecret();
  return ctx.transaction(async (tx) => {
    const integration = await integrationBySlug(tx, slug);
    const now = tx.now();
    const graceUntil = new Date(now.getTime() + graceHours * 3_600_000);
    await tx.repos.secrets.expireCurrent(integration.id, which, graceUntil);
    await tx.repos.secrets.create({ integrationId: integration.id, purpose: which, secret, now });
    await audit(tx, {
      action: "integration.secret_rotate",
      objectType: "integration",
      objectId: integration.id,
      after: { which, oldValidUntil: graceUntil.toISOString() },
    });
    return { secret, previousValidUntil: graceUntil.toISOString() };
  });
}
