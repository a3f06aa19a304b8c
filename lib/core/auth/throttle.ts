// Sign-in throttling, pure: after a few failures in a row, each further try
// must wait longer (1 s, 2 s, 4 s … up to 5 min), and many failures within an
// hour lock the account (or the client address) for 15 minutes. A success starts afresh.

/** Failures older than this are forgotten. */
export const THROTTLE_WINDOW_MS = 60 * 60_000;
export const MAX_DELAY_MS = 5 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface ThrottlePolicy {
  /** failures allowed before any waiting */
  free: number;
  /** failures after which the key is locked for the whole window */
  lockAt: number;
}

/** Per account: five free tries, locked after twenty within the hour. */
export const ACCOUNT_POLICY: ThrottlePolicy = { free: 5, lockAt: 20 };
/** Per client address (offices share one): more room before waiting. */
export const ADDRESS_POLICY: ThrottlePolicy = { free: 20, lockAt: 100 };

/** Milliseconds to wait before the next try is even checked; 0 when it may go ahead. */
export function throttleWait(failures: number, lastFailureAt: Date | null, now: Date, policy: ThrottlePolicy): number {
  if (!lastFailureAt || failures < policy.free) return 0;
  const delay = failures >= policy.lockAt ? LOCK_MS : Math.min(MAX_DELAY_MS, 1_000 * 2 ** (failures - policy.free));
  return Math.max(0, lastFailureAt.getTime() + delay - now.getTime());
}
