// Retry policy as data plus one classifier (STYLE habit 9). Pure functions.
import type { RetryPolicy } from "../integrations/types";

export type AttemptClass = "success" | "transient" | "permanent";

export interface AttemptResult {
  status?: number | null;
  /** network-level failure: refused, reset, DNS, TLS, timeout */
  error?: "timeout" | "network" | "refused_by_policy" | "send_error" | null;
}

const TRANSIENT_STATUSES = new Set([408, 425, 429]);

/**
 * API.md §2: 2xx success; 408/425/429/5xx, connection errors and timeouts transient; 3xx and other 4xx permanent;
 * refused by policy and requests the sender could not even send (it threw) permanent.
 */
export function classifyAttempt(result: AttemptResult): AttemptClass {
  if (result.error === "refused_by_policy" || result.error === "send_error") return "permanent";
  if (result.error) return "transient";
  const status = result.status ?? 0;
  if (status >= 200 && status < 300) return "success";
  if (status >= 500 || TRANSIENT_STATUSES.has(status)) return "transient";
  return "permanent";
}

/** Retry-After in ms from delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

/**
 * Exponential backoff with full jitter: a random delay in [0, min(maxDelay,
 * initial·multiplier^(attempt-1))]; a Retry-After asks for at least that long.
 */
export function backoffDelay(
  policy: RetryPolicy,
  attempt: number,
  random: () => number,
  retryAfterMs?: number | null,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, attempt - 1));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs ? Math.max(jittered, Math.min(retryAfterMs, policy.maxDelayMs)) : jittered;
}

export type RetryDecision =
  { retry: true; delayMs: number } | { retry: false; reason: "retries_exhausted" | "max_age_exceeded" };

/** After a transient failure of attempt `attempt`: try again, or give up. */
export function decideRetry(args: {
  policy: RetryPolicy;
  attempt: number;
  receivedAt: Date;
  now: Date;
  retryAfterMs?: number | null;
  random?: () => number;
}): RetryDecision {
  const { policy, attempt, receivedAt, now } = args;
  if (attempt >= policy.maxAttempts) return { retry: false, reason: "retries_exhausted" };
  const delayMs = backoffDelay(policy, attempt, args.random ?? Math.random, args.retryAfterMs);
  if (now.getTime() + delayMs - receivedAt.getTime() > policy.maxAgeMs)
    return { retry: false, reason: "max_age_exceeded" };
  return { retry: true, delayMs };
}
