// Per-process budgets for the calls integrations make (ingest and track): each integration's own rate — one
// bucket per integration, shared by both APIs — and failed authentications per client address, so guessing keys or
// signatures is slowed down before it costs the store anything.
import { DomainError } from "@/lib/core/errors";
import { takeToken, type Bucket } from "@/lib/core/ingest/rate-limit";
import type { Integration } from "@/lib/core/integrations/types";

const integrations = new Map<string, Bucket>();
/** Failed authentications: 30 at once, then one a second, per client address. */
const FAILURES = { perSecond: 1, burst: 30 };
const failures = new Map<string, Bucket>();
const MAX_ADDRESSES = 10_000;

/** @throws 429 `rate_limited` when the integration has used its rate */
export function spendIntegrationToken(integration: Integration): void {
  const limit = takeToken(
    integrations.get(integration.id),
    Date.now(),
    integration.rateLimit.perSecond,
    integration.rateLimit.burst,
  );
  integrations.set(integration.id, limit.bucket);
  if (!limit.ok) {
    throw new DomainError(
      "rate_limited",
      "rate_limited",
      "Too many records for this integration; slow down and retry.",
      undefined,
      {
        retryAfterSeconds: limit.retryAfterSeconds,
      },
    );
  }
}

/** @throws 429 `rate_limited` while this address has used up its budget of failed authentications */
export function refuseRepeatedFailures(address: string | null): void {
  if (!address) return;
  const bucket = failures.get(address);
  if (!bucket) return;
  const tokens = Math.min(FAILURES.burst, bucket.tokens + ((Date.now() - bucket.at) / 1000) * FAILURES.perSecond);
  if (tokens >= 1) return;
  throw new DomainError(
    "rate_limited",
    "rate_limited",
    "Too many failed authentications from your address; check the key or secret, then retry later.",
    undefined,
    {
      retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / FAILURES.perSecond)),
    },
  );
}

/** Count a failed authentication (401) against the client's address. */
export function countFailure(error: unknown, address: string | null): void {
  if (!address || !(error instanceof DomainError) || error.kind !== "unauthorized") return;
  if (failures.size >= MAX_ADDRESSES && !failures.has(address)) failures.clear();
  failures.set(address, takeToken(failures.get(address), Date.now(), FAILURES.perSecond, FAILURES.burst).bucket);
}
