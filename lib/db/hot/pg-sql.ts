// SQL helpers shared by the PostgreSQL hot paths: parameters as UTC text, typed placeholders, stage rows, and
// reads with timestamps parsed as UTC.
import pg from "pg";
import type { NewStage } from "@/lib/core/events/types";
import { newId } from "../ids";

export const T = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const J = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
export const ts = (n: number) => `($${n}::timestamptz AT TIME ZONE 'UTC')`;

/** Multi-row VALUES for stage runs, with parameters appended to `params`; `eventRef` is SQL naming the event id. */
export function stageValues(stages: NewStage[], eventRef: string, params: unknown[]): string {
  return stages
    .map((s) => {
      const at = params.length;
      params.push(
        newId(),
        s.stage,
        s.attempt ?? 1,
        s.status,
        T(s.startedAt),
        T(s.endedAt),
        s.durationMs ?? null,
        s.errorCategory ?? null,
        s.error ?? null,
        s.responseStatus ?? null,
        J(s.detail),
      );
      return `($${at + 1}, ${eventRef}, $${at + 2}, $${at + 3}::int, $${at + 4}::"StageStatus", ${ts(at + 5)}, ${ts(at + 6)}, $${at + 7}::int, $${at + 8}::"ErrorCategory", $${at + 9}, $${at + 10}::int, $${at + 11}::jsonb)`;
    })
    .join(", ");
}
export const STAGE_COLUMNS = `("id","eventId","stage","attempt","status","startedAt","endedAt","durationMs","errorCategory","error","responseStatus","detail")`;

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
