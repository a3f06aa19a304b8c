// Retention: what the worker's expiry pass and the legal hold need from the store. Every call does a bounded amount
// of work (`limit` events), so a pass over a large store is many small transactions, never one long one.

export interface RetentionRepo {
  /** The stored policy document (Setting "retention"), or null when none was saved. */
  policy(): Promise<{ value: unknown; updatedAt: Date } | null>;
  savePolicy(value: unknown, at: Date): Promise<void>;
  /** Up to `limit` of the integration's events received before `before` that retention may change (finished, not
   * under legal hold, no open exception), oldest first; `payloads`: only those still holding their payload. */
  due(kind: "payloads" | "records", integrationId: string, before: Date, limit: number): Promise<string[]>;
  /** Hand these events whole to the archive, a chunk at a time (`withPayloadOnly`: only those still holding their
   * payload — the others were archived when it expired). Outside any transaction: file writes must not hold the store.
   * @returns how many were written */
  archive(eventIds: string[], writer: ArchiveWriter, withPayloadOnly: boolean): Promise<number>;
  /**
   * Drop these events' payloads: the record, the body delivered, replays' bodies, conflicting arrivals' bodies and
   * attempts' response excerpts; each still checked against the same rules. Several tables: called in a transaction.
   * @returns how many events
   */
  expirePayloads(integrationId: string, eventIds: string[], before: Date, now: Date): Promise<number>;
  /** Delete these events (with their stages, arrivals, replays, closed exceptions and keys), each still checked
   * against the same rules. Several tables: called in a transaction. @returns how many events */
  purgeRecords(integrationId: string, eventIds: string[], before: Date): Promise<number>;
  /** Delete up to `limit` audit entries older than `before`. */
  purgeAudit(before: Date, limit: number): Promise<number>;
  /** What the store holds: its size, estimated rows of the large tables (no full counts), and per integration the
   * oldest event and the oldest that still has its payload (both index-served). */
  overview(): Promise<StoreOverview>;
  /** Give freed space back to the file system a bounded step at a time (SQLite in incremental auto-vacuum mode;
   * PostgreSQL's autovacuum does this itself). @returns pages released */
  reclaim(): Promise<number>;
  /** PostgreSQL: create the partitions of the days from `from` on, a week ahead (those that exist are left alone).
   * @returns the partitions created */
  prepareDays(from: Date): Promise<string[]>;
  /** PostgreSQL: the days stored in partitions of their own that ended by `before`, oldest first (none on SQLite). */
  storedDays(before: Date): Promise<StoredDay[]>;
  /** The integrations with events in that day (one index probe each); null when the day is gone meanwhile. */
  integrationsOfDay(day: StoredDay): Promise<string[] | null>;
  /** Up to `limit` of the day's events of one integration after `afterId` (id order) that its removal would take
   * (finished, not held, no open exception): to archive them, and to release their keys, before the day goes. */
  removableInDay(day: StoredDay, integrationId: string, afterId: string, limit: number): Promise<string[]>;
  /** The day's events, by integration (read before the day goes, for the audit entry). */
  countDay(day: StoredDay): Promise<Record<string, number>>;
  /** Before their day goes: release these events' idempotency keys (a later arrival with one is new, as after a
   * purge) and delete their closed exceptions — in small steps, outside the drop's lock. */
  releaseEvents(eventIds: string[]): Promise<void>;
  /** Drop the day's partitions. Events that must stay (legal hold, unfinished, open exception) and their rows are
   * moved out first, with their keys; the others' remaining exceptions go. One worker at a time. In a transaction.
   * @returns the events that stayed, by integration; null when another worker is dropping days or the day is gone */
  dropDay(day: StoredDay): Promise<{ kept: Record<string, number> } | null>;
  /** @returns false when there is no such event */
  setLegalHold(eventId: string, hold: boolean): Promise<boolean>;
  /** Put an archived event back (under legal hold, its exceptions closed), unless the store still has it, its
   * integration is gone, or a newer event took its key. */
  restore(archived: ArchivedEvent): Promise<"restored" | "present" | "no_integration" | "key_taken">;
}

/** A day of events in partitions of its own (PostgreSQL): its name (`20261208`), start, and the ids it holds. */
export interface StoredDay {
  name: string;
  start: Date;
  from: string;
  to: string;
}

export interface StoreOverview {
  provider: "sqlite" | "postgresql";
  sizeBytes: number;
  /** estimates (PostgreSQL's statistics; SQLite's highest row number) */
  rows: { events: number; stages: number; exceptions: number; audit: number };
  integrations: { integrationId: string; oldestAt: Date | null; oldestPayloadAt: Date | null }[];
}

/** One event as archived: its row and everything that goes with it (times as ISO text). */
export interface ArchivedEvent {
  event: Record<string, unknown>;
  stages: Record<string, unknown>[];
  arrivals: Record<string, unknown>[];
  replays: Record<string, unknown>[];
  exceptions: Record<string, unknown>[];
}

/** Writes events about to expire somewhere durable; resolves once they are safely written. */
export type ArchiveWriter = (events: ArchivedEvent[]) => Promise<void>;

/** Where expiring records go first (SIGNALBOX_ARCHIVE_DIR). */
export interface Archive {
  /** Take the archive for one pass; false when another worker holds it (the pass then expires nothing). */
  begin(): Promise<boolean>;
  /** The writer for one integration's events. */
  writer(integrationSlug: string): ArchiveWriter;
  end(): Promise<void>;
}
