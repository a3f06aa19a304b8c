// Bearer secrets (personal access tokens, integration API keys): 256 random
// bits, shown once, stored only as SHA-256 (a slow hash adds nothing at this entropy).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const PAT_PREFIX = "sbx_pat_";
export const INTEGRATION_KEY_PREFIX = "sbx_key_";

export function generateSecret(prefix: string): { secret: string; hash: string; display: string } {
  const secret = prefix + randomBytes(32).toString("base64url");
  return { secret, hash: hashSecret(secret), display: secret.slice(0, prefix.length + 6) };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return "whsec_" + randomBytes(32).toString("base64");
}
