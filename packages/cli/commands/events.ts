// send, events get, audit export.
import { ok, sendRecord } from "../../client/index.ts";
import {
  baseUrl,
  ingestCredentials,
  managementClient,
  out,
  parse,
  parseIso,
  printJson,
  readRecord,
  str,
  table,
  UsageError,
  GLOBAL_USAGE,
} from "../args";

export { tail, redeliver } from "./follow";

const SEND = `Usage: signalbox send <integration-slug> [file|-] [--key KEY | --secret whsec_…] [--idempotency-key K]

POST the JSON record (a file, or stdin) to /api/ingest/<integration-slug>; prints the event id and status.
  --key KEY              the integration's ingest API key (env SIGNALBOX_INGEST_KEY)
  --secret whsec_…       sign the record with the integration's ingest secret instead (env SIGNALBOX_INGEST_SECRET)
  --idempotency-key K    the record's idempotency key (else the contract's key paths, else the signature's id)
  --correlation-id ID    X-Correlation-Id
${GLOBAL_USAGE}`;

export async function send(argv: string[]) {
  const p = parse(
    argv,
    {
      key: { type: "string" },
      secret: { type: "string" },
      "idempotency-key": { type: "string" },
      "correlation-id": { type: "string" },
    },
    SEND,
    { min: 1, max: 2 },
  );
  const { key, secret } = ingestCredentials(p);
  if (!key && !secret)
    throw new UsageError(
      "no credentials: pass --key or --secret (or set SIGNALBOX_INGEST_KEY / SIGNALBOX_INGEST_SECRET)",
      SEND,
    );
  const answer = await sendRecord({
    baseUrl: baseUrl(p),
    slug: p.positionals[0]!,
    record: readRecord(p.positionals[1], SEND),
    ...(secret ? { secret } : { key }),
    idempotencyKey: str(p, "idempotency-key"),
    correlationId: str(p, "correlation-id"),
  });
  if (p.values.json) printJson(answer);
  else out(`${answer.id} ${answer.status}${answer.duplicate ? " (duplicate of an earlier record)" : ""}`);
}

const EVENTS_GET = `Usage: signalbox events get <event-id> [--json]

The event with its stages (what the console's event page shows).
${GLOBAL_USAGE}`;

export async function eventsGet(argv: string[]) {
  const p = parse(argv, {}, EVENTS_GET, { min: 1, max: 1 });
  const client = managementClient(p, EVENTS_GET);
  const detail = await ok(client.GET("/api/v1/events/{id}", { params: { path: { id: p.positionals[0]! } } }));
  if (p.values.json) return printJson(detail);
  const e = detail.event;
  out(
    table(
      ["field", "value"],
      [
        ["id", e.id],
        ["integration", `${detail.integration.slug} (${detail.integration.name})`],
        ["status", e.status],
        ["outcome", e.outcome],
        ["received", e.receivedAt],
        ["completed", e.completedAt],
        ["attempts", e.attempts],
        ["idempotency key", e.idempotencyKey],
        ["correlation id", e.correlationId],
      ],
    ),
  );
  out("");
  out(
    table(
      ["stage", "attempt", "status", "started", "ms", "error"],
      detail.stages.map((s) => [s.stage, s.attempt, s.status, s.startedAt, s.durationMs, s.error]),
    ),
  );
  for (const x of detail.exceptions) out(`\nexception ${x.id}: ${x.status} ${x.category} ${x.reason} — ${x.message}`);
}

const AUDIT_EXPORT = `Usage: signalbox audit export --from ISO --to ISO [--actor A] [--object type:id] [> file]

Streams the audit log of the period (at most 366 days) as NDJSON, oldest first, to stdout (admin only).
${GLOBAL_USAGE}`;

export async function auditExport(argv: string[]) {
  const p = parse(
    argv,
    { from: { type: "string" }, to: { type: "string" }, actor: { type: "string" }, object: { type: "string" } },
    AUDIT_EXPORT,
    { min: 0, max: 0 },
  );
  const from = parseIso(str(p, "from"), "from", AUDIT_EXPORT);
  const to = parseIso(str(p, "to"), "to", AUDIT_EXPORT);
  if (!from || !to) throw new UsageError("--from and --to are required", AUDIT_EXPORT);
  const client = managementClient(p, AUDIT_EXPORT);
  const query = {
    from,
    to,
    ...(str(p, "actor") ? { actor: str(p, "actor") } : {}),
    ...(str(p, "object") ? { object: str(p, "object") } : {}),
  };
  const body = await ok(client.GET("/api/v1/audit/export", { params: { query }, parseAs: "stream" }));
  if (!body) return;
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once("drain", r));
}
