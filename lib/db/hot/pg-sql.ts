// SQL helpers shared by the PostgreSQL hot paths: parameters as UTC text, typed placeholders, stage rows, and
// reads with timestamps parsed as UTC.
import pg from "pg";
import type { NewStage } from "@/lib/core/events/types";
import { foldStages } from "../stage-fold";
import { stageValues } from "./rows";

export const T = (d: Date | null | undefined) => (d ? d.toISOString() : null);
export const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/** A column of a table written from parallel arrays: its name and its SQL type. */
export type Column = readonly [name: string, type: string];

/** `("a","b",…)`: the column list of an INSERT. */
const columnList = (columns: readonly Column[]) => `(${columns.map(([name]) => `"${name}"`).join(",")})`;

/**
 * Rows as parallel arrays, one parameter per column: `SELECT * FROM unnest($1::text[], $2::int[], …) AS v("a","b",…)`.
 * The statement's text does not grow with the batch, so PostgreSQL parses and plans it in microseconds: a VALUES list
 * of 32 arrivals (two thousand placeholders) took it longer to parse and plan than to write the rows.
 * Times go in as UTC ISO text to `timestamp` (the zone mark is ignored: the UTC wall time is stored, as Prisma does).
 */
export function rowsFrom(columns: readonly Column[], rows: readonly unknown[][], params: unknown[]): string {
  const at = params.length;
  columns.forEach((_, c) => params.push(rows.map((row) => row[c] ?? null)));
  const arrays = columns.map(([, type], c) => `$${at + c + 1}::${type}[]`).join(", ");
  return `SELECT * FROM unnest(${arrays}) AS v${columnList(columns)}`;
}

export const STAGE_TABLE: readonly Column[] = [
  ["id", "text"],
  ["eventId", "text"],
  ["stage", "text"],
  ["attempt", "int"],
  ["status", '"StageStatus"'],
  ["startedAt", "timestamp"],
  ["endedAt", "timestamp"],
  ["durationMs", "int"],
  ["errorCategory", '"ErrorCategory"'],
  ["error", "text"],
  ["responseStatus", "int"],
  ["detail", "jsonb"],
];

/** Stage runs of one event as rows of STAGE_TABLE. */
export const stageRows = (stages: readonly NewStage[], eventId: string): unknown[][] =>
  foldStages(stages).map((s) => stageValues(eventId, s, T));

/** INSERT `rows` into `table` (described by `columns`), keeping those that pass `where` (SQL on `v`, or empty). */
export const insertRows = (
  table: string,
  columns: readonly Column[],
  rows: readonly unknown[][],
  params: unknown[],
  where = "",
) => `INSERT INTO "${table}" ${columnList(columns)} ${rowsFrom(columns, rows, params)} ${where}`;

/** INSERT the stage runs `rows` (of STAGE_TABLE) whose event passes `where` (SQL on `v."eventId"`, or empty). */
export const insertStages = (rows: readonly unknown[][], params: unknown[], where = "") =>
  insertRows("StageRun", STAGE_TABLE, rows, params, where);

/** Prisma stores UTC in `timestamp(3)`: read it as UTC whatever the process's time zone. */
export const utc = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 1114
      ? (v: string) => new Date(`${v.replace(" ", "T")}Z`)
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};
/**
 * A statement planned on every call (unnamed), timestamps read as UTC. Not a named prepared statement: PostgreSQL
 * keeps a plan for those once they have run a few times, and one made while the tables were small scans them whole
 * for as long as the connection lives (until an ANALYZE that may never come; the soak slowed until its backlog grew).
 * Unnamed statements also pass through a transaction-mode connection pooler.
 */
export const read = <R extends pg.QueryResultRow>(pool: pg.Pool | pg.PoolClient, text: string, values: unknown[]) =>
  pool.query<R>({ text, values, types: utc });
