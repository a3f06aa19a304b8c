// exceptions list | retry | replay.
import fs from "node:fs";
import { ok } from "../../client/index.ts";
import { GLOBAL_USAGE, managementClient, note, out, parse, printJson, str, table, UsageError } from "../args";

const LIST = `Usage: signalbox exceptions list [--status open|resolved|ignored] [--integration slug] [--limit n] [--cursor c]

The exceptions queue, newest first (default: open ones).
${GLOBAL_USAGE}`;

const STATUSES = ["open", "resolved", "ignored"] as const;

export async function exceptionsList(argv: string[]) {
  const p = parse(
    argv,
    {
      status: { type: "string" },
      integration: { type: "string" },
      limit: { type: "string" },
      cursor: { type: "string" },
    },
    LIST,
    { min: 0, max: 0 },
  );
  const status = str(p, "status") ?? "open";
  if (!(STATUSES as readonly string[]).includes(status))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`, LIST);
  const limit = Number(str(p, "limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new UsageError("--limit must be 1 to 200", LIST);
  const client = managementClient(p, LIST);
  const page = await ok(
    client.GET("/api/v1/exceptions", {
      params: {
        query: {
          status: status as (typeof STATUSES)[number],
          limit,
          ...(str(p, "integration") ? { integration: str(p, "integration") } : {}),
          ...(str(p, "cursor") ? { cursor: str(p, "cursor") } : {}),
        },
      },
    }),
  );
  if (p.values.json) return printJson(page);
  out(
    table(
      ["id", "opened", "integration", "category", "reason", "status", "event"],
      page.items.map((x) => [x.id, x.openedAt, x.integration, x.category, x.reason, x.status, x.eventId]),
    ),
  );
  if (page.nextCursor) note(`more: --cursor ${page.nextCursor}`);
}

const RETRY = `Usage: signalbox exceptions retry <exception-id> [--reason text]

Delivers the stored payload again (a tracked integration: calls its replay webhook).
${GLOBAL_USAGE}`;

export async function exceptionsRetry(argv: string[]) {
  const p = parse(argv, { reason: { type: "string" } }, RETRY, { min: 1, max: 1 });
  const client = managementClient(p, RETRY);
  const reason = str(p, "reason");
  const moved = await ok(
    client.POST("/api/v1/exceptions/{id}/retry", {
      params: { path: { id: p.positionals[0]! } },
      body: reason ? { reason } : {},
    }),
  );
  if (p.values.json) return printJson(moved);
  out(`${moved.id} retrying: event ${moved.eventId} ${moved.eventStatus}`);
}

const REPLAY = `Usage: signalbox exceptions replay <exception-id> [--payload file|-]

Runs a corrected record through the pipeline (checked against the active contract first; the original is kept).
Without --payload, the event's stored record is replayed as it is.
${GLOBAL_USAGE}`;

export async function exceptionsReplay(argv: string[]) {
  const p = parse(argv, { payload: { type: "string" } }, REPLAY, { min: 1, max: 1 });
  const client = managementClient(p, REPLAY);
  const id = p.positionals[0]!;
  let payload: unknown;
  const file = str(p, "payload");
  if (file) {
    try {
      payload = JSON.parse(fs.readFileSync(file === "-" ? 0 : file, "utf8"));
    } catch (error) {
      throw new UsageError(`--payload: ${(error as Error).message}`, REPLAY);
    }
  } else {
    const x = await ok(client.GET("/api/v1/exceptions/{id}", { params: { path: { id } } }));
    payload = (await ok(client.GET("/api/v1/events/{id}", { params: { path: { id: x.eventId } } }))).event.payload;
  }
  const replayed = await ok(
    client.POST("/api/v1/exceptions/{id}/replay", { params: { path: { id } }, body: { payload } }),
  );
  if (p.values.json) return printJson(replayed);
  out(`${replayed.id} replayed (${replayed.replayId}): event ${replayed.eventId} ${replayed.eventStatus}`);
}
