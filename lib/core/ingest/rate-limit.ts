// A token bucket: `burst` tokens, refilled at `perSecond`. Pure; the caller keeps the state.
export interface Bucket {
  tokens: number;
  at: number;
}

export function takeToken(bucket: Bucket | undefined, now: number, perSecond: number, burst: number) {
  const start = bucket ?? { tokens: burst, at: now };
  const tokens = Math.min(burst, start.tokens + ((now - start.at) / 1000) * perSecond);
  if (tokens >= 1) return { ok: true as const, bucket: { tokens: tokens - 1, at: now } };
  return {
    ok: false as const,
    bucket: { tokens, at: now },
    retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perSecond)),
  };
}
