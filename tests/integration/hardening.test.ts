// Abuse of the ways in (issue 11): drift amplification, unbounded validation
// issues, signed webhooks re-sent with a fresh Idempotency-Key, bytes that are
// not UTF-8, and JSON nested too deep — through the real handlers, on a real store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { MAX_JSON_DEPTH } from "@/lib/core/json-text";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { viaLean } from "./helpers/lean";
import { ingest, makeRelay, order, useGlobalStore, type Relay } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let relay: Relay;
let tokens: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  relay = await makeRelay(ctx, "http://127.0.0.1:9");
  ({ tokens } = await tokensByRole(store, ctx, "hard"));
  r.drift = (await import("@/app/api/v1/integrations/[slug]/contracts/[version]/drift/route")).GET;
  r.patch = (await import("@/app/api/v1/integrations/[slug]/route")).PATCH;
  r.track = viaLean("/api/v1/track/events");
  r.reconcile = (await import("@/app/api/v1/integrations/[slug]/reconciliations/route")).POST;
  r.upload = (await import("@/app/api/v1/reconciliations/[id]/upload/route")).POST;
});
afterAll(() => store.close());

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("drift cannot be amplified by one record", () => {
  it("records at most 20 unknown paths per record, each with a short example, and the drift view stays small", async () => {
    const junk = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`unknown_${i}`, "v".repeat(500)]));
    const res = await ingest(relay.slug, { order: { id: "D-1", version: 1, total: 1 }, ...junk }, { key: relay.key });
    expect(res.status).toBe(202);
    const rows = await store.db.driftCount.findMany({ where: { kind: "unknown_field" } });
    expect(rows.length).toBe(20);
    for (const row of rows) expect(JSON.stringify(row.example).length).toBeLessThanOrEqual(210);
    const view = await call(r.drift!, { token: tokens.manager, params: { slug: relay.slug, version: "1" } });
    expect(view.status).toBe(200);
    expect(JSON.stringify(view.body).length).toBeLessThan(30_000);
    expect(view.body.proposal.schema.properties.unknown_0).toEqual({ type: "string", description: "added from drift" });
  });

  it("an array of thousands of items each with an unknown field is one path, counted quickly", async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => ({ sku: `S${i}` }));
    const started = Date.now();
    const res = await ingest(relay.slug, { order: { id: "D-2", version: 1, total: 1, lines } }, { key: relay.key });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await store.db.driftCount.count({ where: { path: "/order/lines" } })).toBe(1);
  });

  it("validation issues are capped in the answer, the stage and the drift rows", async () => {
    const lines = await makeRelay(ctx, "http://127.0.0.1:9", {
      contract: {
        schema: {
          type: "object",
          properties: { lines: { type: "array", items: { type: "object", required: ["sku"] } } },
        },
      },
    });
    const bad = await ingest(
      lines.slug,
      { lines: Array.from({ length: 5_000 }, (_, i) => i) },
      { key: lines.key, headers: { "idempotency-key": "many-issues" } },
    );
    expect(bad.status).toBe(422);
    const details = bad.body.error!.details!;
    expect(details.length).toBe(51);
    expect(details.at(-1)!.message).toMatch(/4950 more/);
    const stage = (await ctx.repos.events.stages(bad.body.id!)).find((s) => s.stage === "validated")!;
    expect(stage).toMatchObject({ status: "failed", errorCategory: "validation" });
    // What is stored, whatever its shape: every row of the event stays small.
    for (const row of await store.db.stageRun.findMany({ where: { eventId: bad.body.id! } }))
      expect(JSON.stringify(row.detail).length).toBeLessThan(10_000);
  });
});

describe("a signed webhook re-sent with a new Idempotency-Key is still a duplicate", () => {
  it("the signed webhook-id decides, not the unsigned header", async () => {
    const raw = JSON.stringify({ note: "no contract key here" });
    const withoutKey = await makeRelay(ctx, "http://127.0.0.1:9", { contract: { schema: { type: "object" } } });
    const secret = { secret: withoutKey.ingestSecret, id: "msg_replayed_1", at: new Date() };
    const first = await ingest(withoutKey.slug, null, {
      raw,
      sign: secret,
      headers: { "idempotency-key": "attacker-1" },
    });
    const again = await ingest(withoutKey.slug, null, {
      raw,
      sign: secret,
      headers: { "idempotency-key": "attacker-2" },
    });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true });
    expect(await store.db.event.count({ where: { integrationId: withoutKey.integrationId } })).toBe(1);
  });

  it("a body that is not UTF-8 is a 400, whoever signed it", async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"order":{"id":"U-1","version":1,"total":1,"note":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}'),
    ]);
    const res = await ingest(relay.slug, null, { key: relay.key, raw: bytes });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe("invalid_utf8");
  });
});

describe("one nesting limit wherever JSON enters", () => {
  it("ingest: deeper than the limit is a 400 json_too_deep, and nothing is recorded", async () => {
    const before = await store.db.event.count();
    for (const depth of [MAX_JSON_DEPTH + 1, 1_000, 5_000]) {
      const res = await ingest(relay.slug, null, {
        key: relay.key,
        raw: `{"order":{"id":"N-${depth}","version":1,"total":1,"note":"x"},"deep":${nested(depth)}}`,
      });
      expect([depth, res.status, res.body.error?.code]).toEqual([depth, 400, "json_too_deep"]);
    }
    expect(await store.db.event.count()).toBe(before);
  });

  it("management and track API bodies: the same limit", async () => {
    const patch = await r.patch!(
      new Request("http://localhost/api", {
        method: "PATCH",
        headers: { authorization: `Bearer ${tokens.admin}`, "content-type": "application/json" },
        body: `{"description":${nested(5_000)}}`,
      }),
      { params: Promise.resolve({ slug: relay.slug }) },
    );
    expect(patch.status).toBe(400);
    expect(((await patch.json()) as { error: { code: string } }).error.code).toBe("json_too_deep");
    const track = await r.track!(
      new Request("http://localhost/api", {
        method: "POST",
        headers: { authorization: `Bearer ${relay.key}`, "content-type": "application/json" },
        body: `{"payload":${nested(5_000)}}`,
      }),
      { params: Promise.resolve({}) },
    );
    expect(track.status).toBe(400);
  });
});

describe("uploads cannot stall the process", () => {
  const upload = async (id: string, body: string | ReadableStream<Uint8Array>, type: string) => {
    const res = await r.upload!(
      new Request(`http://localhost/api/v1/reconciliations/${id}/upload?side=source`, {
        method: "POST",
        headers: { authorization: `Bearer ${tokens.ops}`, "content-type": type },
        body,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ id }) },
    );
    return {
      status: res.status,
      body: (await res.json()) as { error?: { code: string; message: string }; sourceCount?: number },
    };
  };
  const start = async () => {
    const res = await call(r.reconcile!, {
      method: "POST",
      token: tokens.ops,
      params: { slug: relay.slug },
      body: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  it("a line longer than 4,096 characters is a 400 naming the line, read in small chunks", async () => {
    const id = await start();
    const chunks = Array.from({ length: 100 }, () => new TextEncoder().encode("x".repeat(65_536)));
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
    const res = await upload(id, stream, "text/csv");
    expect(res.status).toBe(400);
    expect(res.body.error!.message).toContain("Line 1 is longer than 4096");
    expect(chunks.length).toBeGreaterThan(90); // refused at the first chunk, not after reading 6 MiB
  });

  it("ids split across chunks and CRLF line ends still read right", async () => {
    const id = await start();
    const parts = ["record_id\r\nA-", "1\r\nA-2\nA", "-3\r\n", "A-4"];
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        const next = parts.shift();
        if (next !== undefined) c.enqueue(new TextEncoder().encode(next));
        else c.close();
      },
    });
    const res = await upload(id, stream, "text/csv");
    expect([res.status, res.body.sourceCount]).toEqual([200, 4]);
    const ids = await store.db.reconciliationItem.findMany({
      where: { reconciliationId: id },
      orderBy: { externalId: "asc" },
    });
    expect(ids.map((i) => i.externalId)).toEqual(["A-1", "A-2", "A-3", "A-4"]);
  });

  it("invalid JSON in a JSON upload is a 400 invalid_json", async () => {
    const id = await start();
    const res = await upload(id, '["A-1", ', "application/json");
    expect([res.status, res.body.error?.code]).toEqual([400, "invalid_json"]);
  });
});

void order;
