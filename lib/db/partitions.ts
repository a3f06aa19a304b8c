// PostgreSQL: events and the rows that belong to them (stages, duplicate arrivals, replays) are stored in one
// partition per UTC day of the event's arrival, so that removing a day of records drops tables instead of deleting
// rows. The partition key is the event's id (its stages' `eventId`), which begins with its arrival time in base 36
// (lib/db/ids.ts): a lookup by id reads one partition. The migration `20261208000000_day_partitions` made the tables;
// this module creates the days ahead (the worker and `npm run migrate` call it) and names them.
import { idBound } from "./ids";

const DAY_MS = 86_400_000;
/** Days created ahead of today, so that arrivals never wait for a partition (and none lands in the default). */
export const DAYS_AHEAD = 7;

/** Each partitioned table and the column it is partitioned on. */
export const PARTITIONED = [
  ["Event", "id"],
  ["StageRun", "eventId"],
  ["DuplicateArrival", "eventId"],
  ["EventReplay", "eventId"],
] as const;
export type PartitionedTable = (typeof PARTITIONED)[number][0];

/** A UTC day: its start, its name (`20261208`) and the ids that fall in it. */
export interface Day {
  start: Date;
  name: string;
  from: string;
  to: string;
}

export function dayOf(at: Date | number): Day {
  const ms = typeof at === "number" ? at : at.getTime();
  const start = Math.floor(ms / DAY_MS) * DAY_MS;
  return {
    start: new Date(start),
    name: new Date(start).toISOString().slice(0, 10).replaceAll("-", ""),
    from: idBound(start),
    to: idBound(start + DAY_MS),
  };
}

/** The day a partition named `<table>_p20261208` holds, or null for the others (`_legacy`, `_default`). */
export function dayOfPartition(name: string): Day | null {
  const m = /_p(\d{4})(\d{2})(\d{2})$/.exec(name);
  return m ? dayOf(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

export const partitionName = (table: PartitionedTable, day: Day) => `${table}_p${day.name}`;

/** Runs one statement (Prisma's `$executeRawUnsafe`, or a pg client's `query`). */
export type Exec = (sql: string) => Promise<unknown>;

/** Errors that mean "this day needs no partition of its own": it exists, or older rows (the table kept from before
 * partitioning, or the default partition) already cover it. */
const SKIPPED = new Set(["42P07", "42P17", "23514"]);

/** Whether PostgreSQL refused for one of those reasons (its code, as the driver or Prisma reports it). */
function skipped(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { code?: unknown }; cause?: { code?: unknown } };
  const text = error instanceof Error ? error.message : String(error);
  return [e.code, e.meta?.code, e.cause?.code, ...(text.match(/\b[0-9A-Z]{5}\b/g) ?? [])].some(
    (c) => typeof c === "string" && SKIPPED.has(c),
  );
}

/**
 * Create each table's partition for the days from `from` (today by default) through DAYS_AHEAD days later; days that
 * exist or that older rows cover are left alone. Safe from several processes at once.
 * @returns the partitions created
 */
export async function ensureDayPartitions(exec: Exec, from: Date = new Date(), days = DAYS_AHEAD + 1) {
  const created: string[] = [];
  for (let i = 0; i < days; i++) {
    const day = dayOf(from.getTime() + i * DAY_MS);
    for (const [table] of PARTITIONED) {
      const name = partitionName(table, day);
      try {
        await exec(`CREATE TABLE "${name}" PARTITION OF "${table}" FOR VALUES FROM ('${day.from}') TO ('${day.to}')`);
        created.push(name);
      } catch (error) {
        if (!skipped(error)) throw error;
      }
    }
  }
  return created;
}
