// track start | stage | outcome — tracked mode (docs/API.md §3), authenticated with the integration's API key.
import { createSignalboxClient, ok } from "../../client/index.ts";
import {
  baseUrl,
  GLOBAL_USAGE,
  ingestCredentials,
  out,
  parse,
  printJson,
  readRecord,
  str,
  UsageError,
  type Parsed,
} from "../args";

const KEY = `  --key KEY              the integration's API key (env SIGNALBOX_INGEST_KEY)
${GLOBAL_USAGE}`;

function keyClient(p: Parsed, usage: string) {
  const { key } = ingestCredentials(p);
  if (!key) throw new UsageError("no integration key: pass --key or set SIGNALBOX_INGEST_KEY", usage);
  return createSignalboxClient({ baseUrl: baseUrl(p), token: key });
}

const CATEGORIES = ["transient", "permanent", "validation"] as const;
type Category = (typeof CATEGORIES)[number];

function category(p: Parsed, usage: string): { errorCategory?: Category } {
  const c = str(p, "category");
  if (c === undefined) return {};
  if (!(CATEGORIES as readonly string[]).includes(c))
    throw new UsageError(`--category must be one of ${CATEGORIES.join(", ")}`, usage);
  return { errorCategory: c as Category };
}

const START = `Usage: signalbox track start <integration> [payload-file|-] [--correlation-id ID] [--idempotency-key K]
                             [--entity-key E] [--entity-version V]

Reports a new event of a tracked integration; prints its id and status.
${KEY}`;

export async function trackStart(argv: string[]) {
  const p = parse(
    argv,
    {
      key: { type: "string" },
      "correlation-id": { type: "string" },
      "idempotency-key": { type: "string" },
      "entity-key": { type: "string" },
      "entity-version": { type: "string" },
    },
    START,
    { min: 1, max: 2 },
  );
  const client = keyClient(p, START);
  const optional = (name: string, field: string) => (str(p, name) ? { [field]: str(p, name) } : {});
  const body = {
    integration: p.positionals[0]!,
    ...optional("correlation-id", "correlationId"),
    ...optional("idempotency-key", "idempotencyKey"),
    ...optional("entity-key", "entityKey"),
    ...optional("entity-version", "entityVersion"),
    ...(p.positionals[1] ? { payload: JSON.parse(readRecord(p.positionals[1], START)) } : {}),
  };
  const answer = await ok(client.POST("/api/v1/track/events", { body }));
  if (p.values.json) return printJson(answer);
  out(`${answer.id} ${answer.status}${answer.duplicate ? " (duplicate of an earlier report)" : ""}`);
}

const STAGE = `Usage: signalbox track stage <event-id> <stage> <started|succeeded|failed> [--attempt n] [--error text]
                             [--category transient|permanent|validation]

Reports a stage of a tracked event.
${KEY}`;

const STAGE_STATUSES = ["started", "succeeded", "failed"] as const;

export async function trackStage(argv: string[]) {
  const p = parse(
    argv,
    { key: { type: "string" }, attempt: { type: "string" }, error: { type: "string" }, category: { type: "string" } },
    STAGE,
    { min: 3, max: 3 },
  );
  const [id, stage, status] = p.positionals as [string, string, string];
  if (!(STAGE_STATUSES as readonly string[]).includes(status))
    throw new UsageError(`the status must be one of ${STAGE_STATUSES.join(", ")}`, STAGE);
  const attempt = str(p, "attempt") === undefined ? undefined : Number(str(p, "attempt"));
  if (attempt !== undefined && !Number.isInteger(attempt))
    throw new UsageError("--attempt must be a whole number", STAGE);
  const client = keyClient(p, STAGE);
  const answer = await ok(
    client.POST("/api/v1/track/events/{id}/stages", {
      params: { path: { id } },
      body: {
        stage,
        status: status as (typeof STAGE_STATUSES)[number],
        ...(attempt !== undefined ? { attempt } : {}),
        ...(str(p, "error") ? { error: str(p, "error") } : {}),
        ...category(p, STAGE),
      },
    }),
  );
  if (p.values.json) return printJson(answer);
  out(`${answer.id} ${answer.status}`);
}

const OUTCOME = `Usage: signalbox track outcome <event-id> <success|failed> [--error text] [--category c]

Reports how a tracked event ended; a failed outcome opens an exception.
${KEY}`;

export async function trackOutcome(argv: string[]) {
  const p = parse(argv, { key: { type: "string" }, error: { type: "string" }, category: { type: "string" } }, OUTCOME, {
    min: 2,
    max: 2,
  });
  const [id, outcome] = p.positionals as [string, string];
  if (outcome !== "success" && outcome !== "failed")
    throw new UsageError("the outcome must be success or failed", OUTCOME);
  const client = keyClient(p, OUTCOME);
  const answer = await ok(
    client.POST("/api/v1/track/events/{id}/outcome", {
      params: { path: { id } },
      body: { outcome, ...(str(p, "error") ? { error: str(p, "error") } : {}), ...category(p, OUTCOME) },
    }),
  );
  if (p.values.json) return printJson(answer);
  out(`${answer.id} ${answer.status}`);
}
