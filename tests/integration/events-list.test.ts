// The events list: filters, keyset pages without gaps or repeats, and proof
// that list queries never use OFFSET.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAudit } from "@/lib/core/audit/list-audit";
import type { Ctx } from "@/lib/core/context";
import { listEvents } from "@/lib/core/events/list-events";
import { listExceptions } from "@/lib/core/exceptions/list-exceptions";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore, type Relay } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let a: Relay;
let b: Relay;
const sql: { query: string; params: unknown[] }[] = [];
const clock = { now: new Date("2026-04-01T12:00:00Z") };

beforeAll(async () => {
  store = await freshStore({
    onQuery: (query, params) => sql.push({ query, params: JSON.parse(params) as unknown[] }),
  });
  useGlobalStore(store);
  ctx = testContext(store, undefined, clock);
  a = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 1000, burst: 1000 } });
  b = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 1000, burst: 1000 } });
  for (let i = 0; i < 12; i++)
    await ingest(a.slug, order(`A-${i}`), {
      key: a.key,
      headers: { "x-correlation-id": i < 3 ? "corr-shared" : `corr-a-${i}` },
    });
  for (let i = 0; i < 5; i++)
    await ingest(b.slug, order(`B-${i}`), {
      key: b.key,
      headers: { "x-correlation-id": i === 0 ? "corr-shared" : `corr-b-${i}` },
    });
  await ingest(b.slug, { order: { id: "B-bad", version: 1 } }, { key: b.key });
  await ingest(b.slug, { order: { id: "B-bad-2", version: 1 } }, { key: b.key });
});
afterAll(() => store.close());

describe("events list", () => {
  it("pages newest first with a cursor, with no gaps or repeats", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listEvents({ ctx, input: { limit: 5, cursor } });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(19);
    expect(new Set(seen).size).toBe(19);
    const all = await store.db.event.findMany({
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { id: true },
    });
    expect(seen).toEqual(all.map((e) => e.id));
  });

  it("filters by integration, status, correlation ID, and record key", async () => {
    expect((await listEvents({ ctx, input: { integration: a.slug, limit: 200 } })).items).toHaveLength(12);
    const rejected = await listEvents({ ctx, input: { status: "rejected" } });
    expect(rejected.items.map((e) => e.entityKey)).toEqual(["B-bad-2", "B-bad"]);
    const shared = await listEvents({ ctx, input: { correlationId: "corr-shared" } });
    expect(shared.items.map((e) => e.integration).sort()).toEqual([a.slug, a.slug, a.slug, b.slug].sort());
    expect((await listEvents({ ctx, input: { q: "A-7" } })).items.map((e) => e.entityKey)).toEqual(["A-7"]);
    expect((await listEvents({ ctx, input: { q: "A-7:1" } })).items.map((e) => e.idempotencyKey)).toEqual(["A-7:1"]);
    expect((await listEvents({ ctx, input: { integration: "unknown" } })).items).toEqual([]);
    const item = (await listEvents({ ctx, input: { q: "A-7" } })).items[0]!;
    expect(item).toMatchObject({
      integration: a.slug,
      status: "received",
      contractVersion: 1,
      attempts: 0,
      duplicateCount: 0,
      source: "relay",
    });
  });

  it("search is a case-sensitive prefix match on the record key or the entity key, paged by keyset", async () => {
    const keys = (items: { entityKey: string | null }[]) => items.map((e) => e.entityKey).sort();
    expect(keys((await listEvents({ ctx, input: { q: "A-1", limit: 200 } })).items)).toEqual(["A-1", "A-10", "A-11"]);
    expect(keys((await listEvents({ ctx, input: { q: "B-bad", limit: 200 } })).items)).toEqual(["B-bad", "B-bad-2"]);
    expect((await listEvents({ ctx, input: { q: "A-11:", limit: 200 } })).items.map((e) => e.idempotencyKey)).toEqual([
      "A-11:1",
    ]);
    expect((await listEvents({ ctx, input: { q: "a-1", limit: 200 } })).items).toEqual([]);
    expect((await listEvents({ ctx, input: { q: "-1", limit: 200 } })).items).toEqual([]);
    expect((await listEvents({ ctx, input: { q: "A-%", limit: 200 } })).items).toEqual([]);
    sql.length = 0;
    expect(keys((await listEvents({ ctx, input: { q: "A-", integration: a.slug, limit: 200 } })).items)).toHaveLength(
      12,
    );
    // A range on each key column (what a B-tree serves), not only a LIKE no index can use.
    const search = sql.find((q) => /FROM\s+\S*Event["`]?\s+WHERE/i.test(q.query))!.query;
    expect(search).toMatch(/idempotencyKey["`]?\s*>=/);
    expect(search).toMatch(/entityKey["`]?\s*</);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listEvents({ ctx, input: { q: "A-", limit: 5, cursor } });
      seen.push(...page.items.map((e) => e.entityKey!));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it("refuses a page size over 200 and a malformed time", async () => {
    await expect(listEvents({ ctx, input: { limit: 201 } })).rejects.toMatchObject({ kind: "invalid_input" });
    await expect(listEvents({ ctx, input: { from: "yesterday" } })).rejects.toMatchObject({ kind: "invalid_input" });
  });

  // Prisma always writes "LIMIT ? OFFSET ?"; paging by OFFSET would bind a non-zero value there.
  it("no list query (events, exceptions, audit) pages by OFFSET", async () => {
    sql.length = 0;
    let cursor: string | undefined;
    do {
      const page = await listEvents({ ctx, input: { limit: 4, cursor, integration: a.slug } });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await listAudit({ ctx, input: { limit: 2 } }).then((p) =>
      listAudit({ ctx, input: { limit: 2, cursor: p.nextCursor ?? undefined } }),
    );
    const firstExceptions = await listExceptions({ ctx, input: { limit: 1 } });
    await listExceptions({ ctx, input: { limit: 1, cursor: firstExceptions.nextCursor ?? undefined } });
    expect(sql.length).toBeGreaterThan(4);
    const offsets = sql.filter((q) => /\bOFFSET\s+(\?|\$\d+)\s*$/i.test(q.query)).map((q) => q.params.at(-1));
    expect(offsets.length).toBeGreaterThan(4);
    expect(offsets.every((o) => Number(o) === 0)).toBe(true);
    expect(sql.filter((q) => /\bOFFSET\s+[1-9]/i.test(q.query))).toEqual([]);
  });
});
