// Retention: what the worker's expiry pass and the legal hold need from the store. Every call does a bounded amount
// of work (`limit` events), so a pass over a large store is many small transactions, never one long one.

export interface RetentionRepo {
  /** The stored policy document (Setting "retention"), or null when none was saved. */
  policy(): Promise<{ value: unknown; updatedAt: Date } | null>;
  savePolicy(value: unknown, at: Date): Promise<void>;
  /**
   * Drop the payloads of up to `limit` of the integration's events received before `before`: the record, the body
   * delivered, replays' bodies, conflicting arrivals' bodies and attempts' response excerpts. Skips events under
   * legal hold, with an open exception, or not finished. @returns how many events
   */
  expirePayloads(integrationId: string, before: Date, limit: number, now: Date): Promise<number>;
  /** Delete up to `limit` finished events received before `before` (with their stages, arrivals, replays and closed
   * exceptions); same exclusions. @returns how many events */
  purgeRecords(integrationId: string, before: Date, limit: number): Promise<number>;
  /** Delete up to `limit` audit entries older than `before`. */
  purgeAudit(before: Date, limit: number): Promise<number>;
  /** What the store holds: its size, estimated rows of the large tables (no full counts), and per integration the
   * oldest event and the oldest that still has its payload (both index-served). */
  overview(): Promise<StoreOverview>;
  /** Give freed space back to the file system a bounded step at a time (SQLite in incremental auto-vacuum mode;
   * PostgreSQL's autovacuum does this itself). @returns pages released */
  reclaim(): Promise<number>;
  /** @returns false when there is no such event */
  setLegalHold(eventId: string, hold: boolean): Promise<boolean>;
}

export interface StoreOverview {
  provider: "sqlite" | "postgresql";
  sizeBytes: number;
  /** estimates (PostgreSQL's statistics; SQLite's highest row number) */
  rows: { events: number; stages: number; exceptions: number; audit: number };
  integrations: { integrationId: string; oldestAt: Date | null; oldestPayloadAt: Date | null }[];
}
