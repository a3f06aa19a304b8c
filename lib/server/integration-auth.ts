// Integration credentials: `Authorization: Bearer sbx_key_…` (hashed API key)
// or a Standard Webhooks signature with the integration's ingest secret(s).
import type { Ctx } from "@/lib/core/context";
import { ConfigCache } from "@/lib/db/config-cache";
import { DomainError } from "@/lib/core/errors";
import type { KeyRecord } from "@/lib/core/ports";
import { hasSignatureHeaders, verifyWebhook } from "@/lib/core/security/webhook-signature";
import { hashSecret, INTEGRATION_KEY_PREFIX } from "@/lib/core/security/tokens";
import type { Inbound } from "./inbound";

const ingestSecrets = new ConfigCache<{ secret: string; expiresAt: Date | null }[]>();

export const badCredentials = () =>
  new DomainError(
    "unauthorized",
    "unauthorized",
    "Send the integration's API key (Authorization: Bearer …) or a valid webhook signature.",
  );

/** SHA-256 of the `Bearer sbx_key_…` secret, or null when the header carries no integration key. */
export function bearerKeyHash(req: Inbound): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header("authorization") ?? "");
  return match && match[1]!.startsWith(INTEGRATION_KEY_PREFIX) ? hashSecret(match[1]!) : null;
}

/** The API key behind the Authorization header, or null when there is none or it is wrong. */
export async function keyFromHeader(ctx: Ctx, req: Inbound): Promise<KeyRecord | null> {
  const hash = bearerKeyHash(req);
  return hash ? ctx.repos.ingest.keyByHash(hash) : null;
}

/**
 * @param key the key already looked up with the integration (saves a query), if any
 * @throws 401 unless the request carries this integration's key or a valid signature over `raw`
 */
export async function authenticateIngest(
  ctx: Ctx,
  req: Inbound,
  integrationId: string,
  raw: string,
  key: KeyRecord | null,
): Promise<"api_key" | "signature"> {
  if (req.header("authorization")) {
    if (key && key.integrationId === integrationId) return "api_key";
    throw badCredentials();
  }
  const headers = {
    "webhook-id": req.header("webhook-id"),
    "webhook-timestamp": req.header("webhook-timestamp"),
    "webhook-signature": req.header("webhook-signature"),
  };
  if (hasSignatureHeaders(headers)) {
    // Cached with the rest of the ingest configuration (a rotation invalidates it); expiry is checked here, per request.
    const now = ctx.now();
    const cached = await ingestSecrets.get(integrationId, () =>
      ctx.repos.secrets.unexpired(integrationId, "ingest", now),
    );
    const secrets = cached.filter((s) => !s.expiresAt || s.expiresAt > now).map((s) => s.secret);
    if (verifyWebhook(secrets, raw, headers)) return "signature";
  }
  throw badCredentials();
}
