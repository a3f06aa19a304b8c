// Integration credentials: `Authorization: Bearer sbx_key_…` (hashed API key)
// or a Standard Webhooks signature with the integration's ingest secret(s).
import type { Ctx } from "@/lib/core/context";
import { DomainError } from "@/lib/core/errors";
import type { KeyRecord } from "@/lib/core/ports";
import { hasSignatureHeaders, verifyWebhook } from "@/lib/core/security/webhook-signature";
import { hashSecret, INTEGRATION_KEY_PREFIX } from "@/lib/core/security/tokens";

export const badCredentials = () =>
  new DomainError("unauthorized", "unauthorized", "Send the integration's API key (Authorization: Bearer …) or a valid webhook signature.");

/** The API key behind the Authorization header, or null when there is none or it is wrong. */
export async function keyFromHeader(ctx: Ctx, req: Request): Promise<KeyRecord | null> {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "");
  if (!match || !match[1]!.startsWith(INTEGRATION_KEY_PREFIX)) return null;
  return ctx.repos.keys.findActiveByHash(hashSecret(match[1]!));
}

/** @throws 401 unless the request carries this integration's key or a valid signature over `raw`. */
export async function authenticateIngest(ctx: Ctx, req: Request, integrationId: string, raw: string): Promise<"api_key" | "signature"> {
  if (req.headers.get("authorization")) {
    const key = await keyFromHeader(ctx, req);
    if (key && key.integrationId === integrationId) return "api_key";
    throw badCredentials();
  }
  const headers = {
    "webhook-id": req.headers.get("webhook-id"),
    "webhook-timestamp": req.headers.get("webhook-timestamp"),
    "webhook-signature": req.headers.get("webhook-signature"),
  };
  if (hasSignatureHeaders(headers)) {
    const secrets = await ctx.repos.secrets.valid(integrationId, "ingest", ctx.now());
    if (verifyWebhook(secrets, raw, headers)) return "signature";
  }
  throw badCredentials();
}
