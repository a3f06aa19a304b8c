// Seed N events (default 1 000 000) over the last 30 days into a migrated PostgreSQL store, fast: integrations and
// users through the real domain operations (seed-fixtures.ts), the history in multi-row INSERT … SELECT FROM
// unnest(arrays) (seed-tables.ts). Deterministic for a seed. Mix: ~93 % succeeded (some after a failed first attempt),
// ~3 % failed or rejected with an exception (most later retried, resolved or discarded by a person, with the audit
// entry), a few pending, ~2 % duplicate arrivals, 'delivered' stage runs per attempt.
// From the command line: tsx scripts/bench/seed.ts <postgres-url> [n]
import pg from "pg";
import { newId } from "../../lib/db/ids";
import { ensureDayPartitions } from "../../lib/db/partitions";
import { fixtures, prng } from "./seed-fixtures";
import {
  ARRIVAL,
  attemptDetail,
  AUDIT,
  auditRow,
  EVENT,
  EVENT_KEY,
  EXCEPTION,
  ingestStages,
  insertRows,
  keysOf,
  STAGE,
  type Rows,
} from "./seed-tables";

export interface SeedOptions {
  url: string;
  events?: number;
  days?: number;
  /** share of events whose delivery attempts get 'delivered' stage runs (default 1) */
  stageFraction?: number;
  /** every row as ingest and delivery write it: the ingest stages (one row), the delivered body, attempts' details */
  full?: boolean;
  now?: Date;
  seed?: number;
  log?: (line: string) => void;
}

export interface SeedResult {
  now: Date;
  seconds: number;
  integrations: { id: string; slug: string }[];
  opsUserId: string;
  managerUserId: string;
  counts: { events: number; exceptions: number; duplicates: number; stageRuns: number; audit: number };
}

const MIN = 60_000;
const HOUR = 3_600_000;
const FAILURE = 0.03;
const CHUNK = 10_000;

/** Insert the history; returns counts. Needs a migrated store (the CLI migrates first). */
export async function seedEvents(options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const n = options.events ?? 1_000_000;
  const now = options.now ?? new Date();
  const span = (options.days ?? 30) * 24 * HOUR;
  const stageFraction = options.stageFraction ?? 1;
  const log = options.log ?? (() => {});
  const fx = await fixtures(options.url, now);
  log(
    `  users and ${fx.integrations.length} integrations ready in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  const rnd = prng(options.seed ?? 42);
  const tag = now.getTime().toString(36);
  const id = (kind: string, i: number) => `${kind}${tag}${i.toString(36).padStart(6, "0")}`;
  const start = now.getTime() - span;
  const last = now.getTime() - 1_000;
  const counts = { events: 0, exceptions: 0, duplicates: 0, stageRuns: 0, audit: 0 };
  const pool = new pg.Pool({ connectionString: options.url, max: 2, options: "-c synchronous_commit=off" });
  let seq = 0;
  const T = (ms: number) => Math.round(ms); // epoch ms; seed-tables makes timestamps of them

  const chunk = (from: number, to: number) => {
    const rows: Record<"event" | "exception" | "arrival" | "stage" | "audit", Rows> = {
      event: [],
      exception: [],
      arrival: [],
      stage: [],
      audit: [],
    };
    const manual = (at: number, action: string, objectType: string, objectId: string) =>
      rows.audit.push(auditRow(id("a", seq++), T(at), fx.opsUserId, action, objectType, objectId));
    for (let i = from; i < to; i++) {
      const pick = rnd.next();
      let acc = 0;
      const integ =
        fx.integrations.find((x) => (acc += x.share) > pick) ?? fx.integrations[fx.integrations.length - 1]!;
      const received = Math.min(last, Math.floor(start + ((i + rnd.next()) * span) / n));
      const eventId = newId(received); // as ingest makes them: the arrival time first (the day partitions' key)
      const age = now.getTime() - received;
      let status = "succeeded";
      let outcome: string | null = "success";
      let firstFailed: number | null = null;
      let completed: number | null = null;
      let updated = received;
      let attempt = 0;
      const withStages = rnd.next() < stageFraction;
      const deliver = (at: number, ok: boolean) => {
        attempt += 1;
        const ms = ok ? rnd.lognormal(120, 0.8) : rnd.lognormal(900, 1);
        if (withStages && at < last)
          rows.stage.push([
            id("s", seq++),
            eventId,
            "delivered",
            attempt,
            ok ? "succeeded" : "failed",
            T(at),
            T(at + ms),
            ms,
            ok ? null : "transient",
            ok ? null : "HTTP 503",
            ok ? 200 : 503,
            options.full ? attemptDetail(ok) : null,
          ]);
        if (!ok) firstFailed ??= at;
        return at + ms;
      };
      const u = rnd.next();
      const failure = FAILURE * integ.failure;
      if (age < 2 * MIN && rnd.next() < 0.3) [status, outcome] = ["received", null];
      else if (age < 6 * HOUR && rnd.next() < 0.004) {
        [status, outcome] = ["retrying", null];
        updated = deliver(received + rnd.lognormal(300, 0.5), false);
      } else if (u < failure && (u < failure * 0.15 || age > HOUR)) {
        // Rejected at the door, or failed after up to five attempts (at most ~30 min of backoff).
        const rejected = u < failure * 0.15;
        let opened = received;
        let at = received + rnd.lognormal(300, 0.5);
        for (let k = 0, attempts = 1 + Math.floor(rnd.next() * 5); !rejected && k < attempts; k++) {
          opened = deliver(at, false);
          at = opened + 5_000 * 4 ** k * rnd.next();
        }
        [status, outcome, completed] = [rejected ? "rejected" : "failed", "failed", opened];
        const xId = id("x", seq++);
        // Most are handled within hours; some wait in the queue.
        const handled = rnd.next() < 0.08 ? Number.POSITIVE_INFINITY : opened + 60_000 + rnd.exponential(3 * HOUR);
        let x = { status: "open", resolvedAt: null as number | null, resolution: null as string | null };
        if (rnd.next() < 0.3 && opened + 20 * MIN < Math.min(handled, now.getTime()))
          manual(opened + rnd.next() * 20 * MIN, "exception.assign", "exception", xId);
        if (handled < last - 5 * MIN) {
          const how = rnd.next();
          if (how < (rejected ? 0.6 : 0.5)) {
            manual(handled, rejected ? "exception.replay" : "exception.retry", "exception", xId);
            completed = deliver(handled + rnd.lognormal(500, 0.5), true);
            [status, outcome] = ["succeeded", "success"];
            x = { status: "resolved", resolvedAt: completed, resolution: rejected ? "replayed" : "retried" };
          } else if (how < 0.8 && !rejected) {
            manual(handled, "exception.resolve", "exception", xId);
            [status, outcome, completed] = ["overridden", "manual_override", handled];
            x = { status: "resolved", resolvedAt: handled, resolution: "manual_override" };
          } else {
            manual(handled, "exception.discard", "exception", xId);
            [status, outcome, completed] = ["discarded", "discarded", handled];
            x = { status: "ignored", resolvedAt: handled, resolution: "discarded" };
          }
        }
        const category = rejected ? "validation" : rnd.next() < 0.7 ? "permanent" : "transient";
        const reason = rejected ? "schema_invalid" : category === "permanent" ? "http_422" : "retries_exhausted";
        rows.exception.push([
          xId,
          eventId,
          integ.id,
          category,
          reason,
          `${integ.slug}:${reason}`,
          reason,
          x.status,
          fx.opsUserId,
          T(opened),
          T(opened + 4 * HOUR),
          x.resolvedAt === null ? null : T(x.resolvedAt),
          x.resolution,
          x.status === "open" ? eventId : null,
        ]);
        updated = Math.max(opened, completed ?? 0, x.resolvedAt ?? 0);
      } else {
        let at = received + rnd.lognormal(250, 0.9);
        if (rnd.next() < 0.05)
          at = deliver(at, false) + 5_000 * (0.5 + rnd.next()) + (rnd.next() < 0.3 ? 20_000 * rnd.next() : 0);
        completed = deliver(at, true);
        updated = completed;
        if (completed > last) [status, outcome, completed, updated] = ["processing", null, null, received];
      }
      let duplicates = 0;
      let conflicts = 0;
      const fingerprint = rnd.hex(8);
      const dupAt = received + 200 + rnd.exponential(30_000);
      if (rnd.next() < 0.02 && dupAt < last) {
        rows.arrival.push([id("d", seq++), eventId, integ.id, "duplicate", fingerprint, T(dupAt)]);
        duplicates += 1;
      }
      if (rnd.next() < 0.0005 && received + 60_000 < last) {
        rows.arrival.push([id("d", seq++), eventId, integ.id, "conflict", rnd.hex(8), T(received + 60_000)]);
        conflicts += 1;
      }
      const payload = JSON.stringify({
        id: `${integ.slug}-${i}`,
        total: Math.round(rnd.next() * 100_000) / 100,
        currency: "EUR",
        customer: { id: `cus_${rnd.hex(1)}`, country: "DE" },
        lines: Math.ceil(rnd.next() * 5),
        note: "bench",
      });
      rows.event.push([
        eventId,
        integ.id,
        `${integ.slug}-${i}`,
        fingerprint,
        rnd.hex(4),
        payload,
        status,
        outcome,
        attempt,
        duplicates,
        conflicts,
        integ.contractId,
        "relay",
        T(received),
        firstFailed === null ? null : T(firstFailed),
        completed === null ? null : T(completed),
        T(updated),
        options.full ? JSON.stringify({ externalId: `${integ.slug}-${i}`, amount: 1 }) : null,
      ]);
      if (options.full) rows.stage.push(...ingestStages(() => id("s", seq++), eventId, T(received)));
    }
    return rows;
  };

  const write = async (rows: ReturnType<typeof chunk>) => {
    const client = await pool.connect();
    try {
      await insertRows(client, EVENT, rows.event);
      await insertRows(client, EVENT_KEY, keysOf(rows.event));
      await insertRows(client, EXCEPTION, rows.exception);
      await insertRows(client, ARRIVAL, rows.arrival);
      await insertRows(client, STAGE, rows.stage);
      await insertRows(client, AUDIT, rows.audit);
    } finally {
      client.release();
    }
    counts.events += rows.event.length;
    counts.exceptions += rows.exception.length;
    counts.duplicates += rows.arrival.length;
    counts.stageRuns += rows.stage.length;
    counts.audit += rows.audit.length;
  };

  try {
    // Each day of the span in partitions of its own, as the worker creates them ahead.
    await ensureDayPartitions((sql) => pool.query(sql), new Date(start), Math.ceil(span / (24 * HOUR)) + 2);
    // Two writers: one chunk in flight while the next is generated.
    const inFlight = new Set<Promise<void>>();
    for (let from = 0; from < n; from += CHUNK) {
      const p = write(chunk(from, Math.min(n, from + CHUNK))).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 2) await Promise.race(inFlight);
      if ((from / CHUNK) % 10 === 9)
        log(`  seeded ${(from + CHUNK).toLocaleString("en")} / ${n.toLocaleString("en")} events`);
    }
    await Promise.all(inFlight);
    // A few manual actions on the integrations themselves.
    const pauses: Rows = fx.integrations.flatMap((integ) => {
      const at = start + rnd.next() * (span - HOUR);
      const row = (when: number, action: string) =>
        auditRow(id("a", seq++), T(when), fx.opsUserId, action, "integration", integ.id);
      return [row(at, "integration.pause"), row(at + 20 * MIN, "integration.resume")];
    });
    const client = await pool.connect();
    await insertRows(client, AUDIT, pauses).finally(() => client.release());
    counts.audit += pauses.length;
    await pool.query(
      `ANALYZE "Event"; ANALYZE "Exception"; ANALYZE "DuplicateArrival"; ANALYZE "StageRun"; ANALYZE "AuditEntry"`,
    );
  } finally {
    await pool.end();
  }
  return {
    now,
    seconds: (performance.now() - started) / 1000,
    integrations: fx.integrations.map((i) => ({ id: i.id, slug: i.slug })),
    opsUserId: fx.opsUserId,
    managerUserId: fx.managerUserId,
    counts,
  };
}
