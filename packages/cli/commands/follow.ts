// tail and redeliver: both walk the events list by its keyset cursor (newest first, `nextCursor`), never by offset.
import fs from "node:fs";
import readline from "node:readline/promises";
import { ok, type paths, type SignalboxClient } from "../../client/index.ts";
import { GLOBAL_USAGE, managementClient, note, out, parse, parseIso, printJson, str, UsageError } from "../args";

type EventQuery = NonNullable<paths["/api/v1/events"]["get"]["parameters"]["query"]>;
type EventSummary = paths["/api/v1/events"]["get"]["responses"]["200"]["content"]["application/json"]["items"][number];
type Status = EventQuery["status"];

/** The statuses the events list accepts, as its OpenAPI document (generated from the server's schema) names them. */
const STATUSES: readonly string[] = (() => {
  const document = JSON.parse(fs.readFileSync(new URL("../../client/openapi.json", import.meta.url), "utf8")) as {
    paths: Record<string, { get: { parameters: { name: string; schema: { enum?: string[] } }[] } }>;
  };
  return document.paths["/api/v1/events"]!.get.parameters.find((p) => p.name === "status")?.schema.enum ?? [];
})();

function status(value: string | undefined, usage: string): Status {
  if (value !== undefined && !STATUSES.includes(value))
    throw new UsageError(`--status must be one of ${STATUSES.join(", ")}`, usage);
  return value as Status;
}

/** Events matching `query`, page by page (200 a page), at most `cap` of them; `more` when the cap cut the list. */
async function collect(client: SignalboxClient, query: EventQuery, cap: number) {
  const items: EventSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(
      client.GET("/api/v1/events", {
        params: { query: { ...query, limit: Math.min(200, cap - items.length + 1), ...(cursor ? { cursor } : {}) } },
      }),
    );
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && items.length <= cap);
  return { items: items.slice(0, cap), more: items.length > cap || Boolean(cursor) };
}

const line = (e: EventSummary) => `${e.receivedAt}  ${e.integration}  ${e.status}  ${e.id}`;

const TAIL = `Usage: signalbox tail [--integration slug] [--status s] [--until-delivered <event-id>] [--interval ms]

Prints each new event as it arrives (time, integration, status, id) until Ctrl-C.
  --until-delivered ID   exit 0 when that event is delivered (succeeded), 1 when it fails (failed or rejected)
  --interval ms          how often to ask (default 1000)
${GLOBAL_USAGE}`;

const DONE = new Set(["succeeded"]);
const FAILED = new Set(["failed", "rejected"]);

export async function tail(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      integration: { type: "string" },
      status: { type: "string" },
      "until-delivered": { type: "string" },
      interval: { type: "string" },
    },
    TAIL,
    { min: 0, max: 0 },
  );
  const interval = Number(str(p, "interval") ?? 1000);
  if (!Number.isFinite(interval) || interval < 100) throw new UsageError("--interval must be at least 100 ms", TAIL);
  const client = managementClient(p, TAIL);
  const filter: EventQuery = {
    ...(str(p, "integration") ? { integration: str(p, "integration") } : {}),
    ...(str(p, "status") ? { status: status(str(p, "status"), TAIL) } : {}),
  };
  const watched = str(p, "until-delivered");
  // Start after the newest event there is now; afterwards ask only for events received since the newest seen.
  const first = await ok(client.GET("/api/v1/events", { params: { query: { ...filter, limit: 1 } } }));
  let since: string | undefined = first.items[0]?.receivedAt;
  let seen = new Set(first.items.map((e) => e.id));
  for (;;) {
    const { items } = await collect(client, { ...filter, ...(since ? { from: since } : {}) }, 1_000);
    const fresh = items.filter((e) => !seen.has(e.id)).reverse();
    for (const e of fresh) out(line(e));
    if (fresh.length) {
      since = fresh[fresh.length - 1]!.receivedAt;
      seen = new Set(items.filter((e) => e.receivedAt >= since!).map((e) => e.id));
    }
    if (watched) {
      const { event } = await ok(
        client.GET("/api/v1/events/{id}", { params: { path: { id: watched }, query: { payloads: "brief" } } }),
      );
      if (DONE.has(event.status)) return (note(`${event.id} delivered`), 0);
      if (FAILED.has(event.status)) return (note(`${event.id} ${event.status}`), 1);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

const REDELIVER = `Usage: signalbox redeliver --integration slug [--status s] [--from ISO --to ISO] [--limit n] [--reason text] [--yes]

Lists the matching events, shows how many, asks (or --yes), then delivers each again (admin only).
  --limit n      at most n events (default 1000)
  --reason text  recorded in the audit trail (default "redelivered from the command line")
${GLOBAL_USAGE}`;

export async function redeliver(argv: string[]): Promise<number> {
  const p = parse(
    argv,
    {
      integration: { type: "string" },
      status: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      limit: { type: "string" },
      reason: { type: "string" },
      yes: { type: "boolean", short: "y" },
    },
    REDELIVER,
    { min: 0, max: 0 },
  );
  const integration = str(p, "integration");
  if (!integration) throw new UsageError("--integration is required", REDELIVER);
  const limit = Number(str(p, "limit") ?? 1000);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a whole number above 0", REDELIVER);
  const from = parseIso(str(p, "from"), "from", REDELIVER);
  const to = parseIso(str(p, "to"), "to", REDELIVER);
  const client = managementClient(p, REDELIVER);
  const query: EventQuery = {
    integration,
    ...(str(p, "status") ? { status: status(str(p, "status"), REDELIVER) } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const { items, more } = await collect(client, query, limit);
  if (p.values.json && !p.values.yes) return (printJson(items), 0);
  note(`${items.length} event(s) of ${integration} match${more ? ` (stopped at --limit ${limit}; more match)` : ""}.`);
  if (!items.length) return 0;
  if (!p.values.yes) {
    if (!process.stdin.isTTY) throw new UsageError("not a terminal: pass --yes to redeliver without asking", REDELIVER);
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`Deliver these ${items.length} event(s) again? [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) return (note("nothing redelivered"), 1);
  }
  const reason = str(p, "reason") ?? "redelivered from the command line";
  let done = 0;
  const failures: string[] = [];
  for (const [i, e] of items.entries()) {
    try {
      await ok(client.POST("/api/v1/events/{id}/redeliver", { params: { path: { id: e.id } }, body: { reason } }));
      done += 1;
      out(`${i + 1}/${items.length} ${e.id} redelivering`);
    } catch (error) {
      failures.push(e.id);
      out(`${i + 1}/${items.length} ${e.id} refused: ${(error as Error).message}`);
    }
  }
  note(`redelivered ${done}, refused ${failures.length}`);
  return failures.length ? 1 : 0;
}
