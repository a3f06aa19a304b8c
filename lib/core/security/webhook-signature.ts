// Standard Webhooks signatures (the `standardwebhooks` library): verify an
// incoming message against every currently valid secret (rotation), and sign
// an outgoing one with each (deliveries carry both during a grace period).
import { Webhook, WebhookVerificationError } from "standardwebhooks";

export interface SignatureHeaders {
  "webhook-id"?: string | null;
  "webhook-timestamp"?: string | null;
  "webhook-signature"?: string | null;
}

export function hasSignatureHeaders(h: SignatureHeaders): boolean {
  return Boolean(h["webhook-id"] && h["webhook-timestamp"] && h["webhook-signature"]);
}

/**
 * True when any `v1,` signature matches any of the secrets and the timestamp is
 * within 5 minutes of now (constant-time comparison inside the library).
 */
export function verifyWebhook(secrets: string[], rawBody: string, headers: SignatureHeaders): boolean {
  const plain = {
    "webhook-id": headers["webhook-id"] ?? "",
    "webhook-timestamp": headers["webhook-timestamp"] ?? "",
    "webhook-signature": headers["webhook-signature"] ?? "",
  };
  for (const secret of secrets) {
    try {
      new Webhook(secret).verify(rawBody, plain);
      return true;
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (/timestamp|Invalid Signature Headers|Missing required/.test(error.message)) return false;
    }
  }
  return false;
}

/** `webhook-signature` value: one `v1,…` per secret, space-separated. */
export function signWebhook(secrets: string[], msgId: string, at: Date, body: string): string {
  return secrets.map((secret) => signer(secret).sign(msgId, at, body)).join(" ");
}

// A signer per secret, kept (decoding the secret for every delivery showed in profiles); few secrets are valid at once.
const signers = new Map<string, Webhook>();
function signer(secret: string): Webhook {
  let found = signers.get(secret);
  if (!found) {
    if (signers.size >= 256) signers.clear();
    signers.set(secret, (found = new Webhook(secret)));
  }
  return found;
}
