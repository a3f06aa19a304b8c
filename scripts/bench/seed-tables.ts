// Bulk rows for the seeders: one INSERT … SELECT FROM unnest(one array per
// column) per batch — a single round trip and a single plan for thousands of
// rows, without COPY. Times go in as epoch milliseconds (UTC).
import type pg from "pg";

/** "text" | "int" | "jsonb" | "ts" (timestamp(3) from epoch ms, UTC) | a quoted enum type name such as '"EventStatus"' */
type ColumnType = string;
export type Rows = unknown[][];
export interface Table {
  name: string;
  columns: [string, ColumnType][];
}

export const table = (name: string, columns: Record<string, ColumnType>): Table => ({
  name,
  columns: Object.entries(columns),
});

const arrayType = (type: ColumnType) => (type === "int" ? "int[]" : type === "ts" ? "bigint[]" : "text[]");
const select = (type: ColumnType, c: string) =>
  type === "ts"
    ? `(timestamp '1970-01-01' + ${c} * interval '1 millisecond')`
    : type === "int" || type === "text"
      ? c
      : `${c}::${type}`;

export async function insertRows(client: pg.PoolClient | pg.Client, t: Table, rows: Rows): Promise<void> {
  if (rows.length === 0) return;
  const names = t.columns.map((_, i) => `c${i}`);
  const sql = `INSERT INTO "${t.name}" (${t.columns.map(([c]) => `"${c}"`).join(", ")})
    SELECT ${t.columns.map(([, type], i) => select(type, names[i]!)).join(", ")}
    FROM unnest(${t.columns.map(([, type], i) => `$${i + 1}::${arrayType(type)}`).join(", ")}) AS t(${names.join(", ")})`;
  await client.query(
    sql,
    t.columns.map((_, i) => rows.map((r) => r[i] ?? null)),
  );
}

// The tables the seeders fill, with the columns they set.
/** PostgreSQL's dedupe keys (lib/db/event-keys.ts): one per event. */
export const EVENT_KEY = table("EventKey", { integrationId: "text", idempotencyKey: "text", eventId: "text" });
/** The keys of EVENT rows (id, integrationId, idempotencyKey, …) as EVENT_KEY rows. */
export const keysOf = (events: Rows): Rows => events.map(([id, integrationId, key]) => [integrationId, key, id]);
export const EVENT = table("Event", {
  id: "text",
  integrationId: "text",
  idempotencyKey: "text",
  fingerprint: "text",
  correlationId: "text",
  payload: "jsonb",
  status: '"EventStatus"',
  outcome: '"EventOutcome"',
  attempts: "int",
  duplicateCount: "int",
  conflictCount: "int",
  contractVersionId: "text",
  source: "text",
  receivedAt: "ts",
  firstFailedAt: "ts",
  completedAt: "ts",
  updatedAt: "ts",
  deliveryPayload: "jsonb",
});
export const EXCEPTION = table("Exception", {
  id: "text",
  eventId: "text",
  integrationId: "text",
  category: '"ErrorCategory"',
  reason: "text",
  signature: "text",
  message: "text",
  status: '"ExceptionStatus"',
  assigneeId: "text",
  openedAt: "ts",
  dueAt: "ts",
  resolvedAt: "ts",
  resolution: "text",
  openForEventId: "text",
});
export const ARRIVAL = table("DuplicateArrival", {
  id: "text",
  eventId: "text",
  integrationId: "text",
  kind: '"ArrivalKind"',
  fingerprint: "text",
  receivedAt: "ts",
});
export const STAGE = table("StageRun", {
  id: "text",
  eventId: "text",
  stage: "text",
  attempt: "int",
  status: '"StageStatus"',
  startedAt: "ts",
  endedAt: "ts",
  durationMs: "int",
  errorCategory: '"ErrorCategory"',
  error: "text",
  responseStatus: "int",
  detail: "jsonb",
});
/** A person's action in the audit trail (AUDIT's columns), as the seeded operator. */
export const auditRow = (
  id: string,
  at: number,
  actorId: string,
  action: string,
  objectType: string,
  objectId: string,
) => [id, at, actorId, "ops@bench.kpi", action, objectType, objectId, "bench"];
export const AUDIT = table("AuditEntry", {
  id: "text",
  at: "ts",
  actorId: "text",
  actorLabel: "text",
  action: "text",
  objectType: "text",
  objectId: "text",
  reason: "text",
});

/** The instantaneous stages every accepted record gets at ingest, stored as the product stores them: one row, the
 * later steps folded into its detail (lib/db/stage-fold.ts). */
const INGEST_DETAIL = JSON.stringify({
  auth: "api_key",
  steps: [
    { stage: "validated", status: "succeeded", detail: { contractVersion: 1 } },
    { stage: "deduplicated", status: "succeeded", detail: { keySource: "contract" } },
    { stage: "mapped", status: "succeeded", detail: { mapping: "contract" } },
  ],
});
/** What an attempt records: the headers sent, the answer's status, headers and the start of its body. */
export const attemptDetail = (ok: boolean) =>
  JSON.stringify({
    request: {
      headers: {
        "content-type": "application/json",
        "idempotency-key": "bench-0000000000",
        "webhook-id": "msg_0000000000000000",
        "webhook-timestamp": "1765000000",
        "webhook-signature": "••••",
      },
    },
    response: {
      status: ok ? 200 : 503,
      headers: { "content-type": "application/json", date: "Mon, 07 Dec 2026 10:00:00 GMT", "content-length": "27" },
      body: ok ? '{"id":"ERP-000000","ok":true}' : '{"error":"unavailable"}',
      truncated: false,
    },
  });

/** An accepted record's ingest stage row (STAGE's columns). */
export const ingestStages = (nextId: () => string, eventId: string, at: number): Rows => [
  [nextId(), eventId, "received", 1, "succeeded", at, at, 0, null, null, null, INGEST_DETAIL],
];
