// Every ingest answer of API.md §1 through the real handler and a real store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { setPaused, updateIntegration } from "@/lib/core/integrations/manage";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore, type Relay, markLive } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let relay: Relay;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  relay = await makeRelay(ctx, "http://127.0.0.1:9");
});
afterAll(() => store.close());

describe("ingest answers", () => {
  it("202: accepted, recorded with its stages and a delivery job, in one go", async () => {
    const res = await ingest(relay.slug, order("A-1"), { key: relay.key, headers: { "x-correlation-id": "corr-123" } });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      id: expect.any(String),
      status: "received",
      correlationId: "corr-123",
      duplicate: false,
    });
    const event = await ctx.repos.events.findById(res.body.id!);
    expect(event).toMatchObject({
      idempotencyKey: "A-1:1",
      entityKey: "A-1",
      entityVersion: "1",
      status: "received",
      deliveryPayload: { externalId: "A-1", amount: 10 },
    });
    expect((await ctx.repos.events.stages(event!.id)).map((s) => s.stage)).toEqual([
      "received",
      "validated",
      "deduplicated",
      "version_checked",
      "mapped",
    ]);
    expect(await store.db.queueJob.count({ where: { eventId: event!.id, kind: "deliver" } })).toBe(1);
  });

  it("200: the same key again is a duplicate — the original id, counted, nothing new", async () => {
    const first = await ingest(relay.slug, order("A-2"), { key: relay.key });
    const again = await ingest(relay.slug, { order: { total: 10, version: 1, id: "A-2" } }, { key: relay.key });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.body.id, duplicate: true, status: "received" });
    const event = await ctx.repos.events.findById(first.body.id!);
    expect(event?.duplicateCount).toBe(1);
    expect(await store.db.duplicateArrival.count({ where: { eventId: event!.id, kind: "duplicate" } })).toBe(1);
    expect(await store.db.queueJob.count({ where: { eventId: event!.id } })).toBe(1);
  });

  it("422 idempotency_key_conflict: same key, other payload — recorded on the original, never processed", async () => {
    const first = await ingest(relay.slug, order("A-3"), { key: relay.key });
    const clash = await ingest(relay.slug, order("A-3", 1, { note: "changed" }), { key: relay.key });
    expect(clash.status).toBe(422);
    expect(clash.body).toMatchObject({ id: first.body.id, error: { code: "idempotency_key_conflict" } });
    const arrivals = await store.db.duplicateArrival.findMany({ where: { eventId: first.body.id! } });
    expect(arrivals).toHaveLength(1);
    expect(arrivals[0]).toMatchObject({ kind: "conflict", payload: order("A-3", 1, { note: "changed" }) });
    expect((await ctx.repos.events.findById(first.body.id!))?.conflictCount).toBe(1);
  });

  it("202 stale: an equal or older version of an entity is recorded but never delivered", async () => {
    await ingest(relay.slug, order("A-4", 5), { key: relay.key });
    for (const version of [5, 3]) {
      const stale = await ingest(relay.slug, order("A-4", version), {
        key: relay.key,
        headers: { "idempotency-key": `A-4-again-${version}` },
      });
      expect(stale.status).toBe(202);
      expect(stale.body.status).toBe("stale");
      const event = await ctx.repos.events.findById(stale.body.id!);
      expect(event).toMatchObject({ status: "stale", outcome: "stale" });
      expect(await store.db.queueJob.count({ where: { eventId: event!.id } })).toBe(0);
    }
    const newer = await ingest(relay.slug, order("A-4", 6), { key: relay.key });
    expect(newer.body.status).toBe("received");
  });

  it("422 contract_violation: recorded as rejected with a validation exception, every problem with its path", async () => {
    const res = await ingest(
      relay.slug,
      { order: { id: "A-5", version: 1, total: -1, extra: true } },
      { key: relay.key },
    );
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe("contract_violation");
    expect(res.body.error?.details).toEqual([{ path: "/order/total", message: "must be >= 0" }]);
    const event = await ctx.repos.events.findById(res.body.id!);
    expect(event?.status).toBe("rejected");
    const exception = await ctx.repos.exceptions.findOpenForEvent(event!.id);
    expect(exception).toMatchObject({ category: "validation", reason: "contract_violation", status: "open" });
    expect(await store.db.queueJob.count({ where: { eventId: event!.id } })).toBe(0);
    const missing = await ingest(
      relay.slug,
      { order: { id: "A-6" } },
      { key: relay.key, headers: { "idempotency-key": "A-6" } },
    );
    expect(missing.body.error?.details?.map((d) => d.path).sort()).toEqual(["/order/total", "/order/version"]);
  });

  it("counts unknown fields as drift on the contract version", async () => {
    await ingest(relay.slug, order("A-7", 1, { giftWrap: true }), { key: relay.key });
    await ingest(relay.slug, { ...order("A-8", 1, { giftWrap: false }), channel: "web" }, { key: relay.key });
    const drift = await store.db.driftCount.findMany({
      where: { kind: "unknown_field", path: { in: ["/channel", "/order/giftWrap"] } },
      orderBy: { path: "asc" },
    });
    expect(drift.map((d) => [d.path, d.count])).toEqual([
      ["/channel", 1],
      ["/order/giftWrap", 2],
    ]);
  });

  it("401 for a missing or wrong key, another integration's key, a bad or expired signature", async () => {
    const other = await makeRelay(ctx, "http://127.0.0.1:9");
    const body = order("B-1");
    for (const options of [
      {},
      { key: "sbx_key_wrong" },
      { key: other.key },
      { sign: { secret: relay.ingestSecret, tamper: true } },
      { sign: { secret: relay.ingestSecret, at: new Date(Date.now() - 6 * 60_000) } },
      { sign: { secret: other.ingestSecret } },
    ]) {
      const res = await ingest(relay.slug, body, options);
      expect(res.status, JSON.stringify(options)).toBe(401);
      expect(res.body.error?.code).toBe("unauthorized");
    }
    expect(await store.db.event.count({ where: { integrationId: relay.integrationId, entityKey: "B-1" } })).toBe(0);
  });

  it("accepts a valid Standard Webhooks signature, and webhook-id as the key without contract key fields", async () => {
    const signed = await ingest(relay.slug, order("B-2"), { sign: { secret: relay.ingestSecret, id: "msg_1" } });
    expect(signed.status).toBe(202);
    const plain = await makeRelay(ctx, "http://127.0.0.1:9", { contract: { schema: { type: "object" } } });
    const first = await ingest(plain.slug, { any: 1 }, { sign: { secret: plain.ingestSecret, id: "msg_same" } });
    const second = await ingest(plain.slug, { any: 1 }, { sign: { secret: plain.ingestSecret, id: "msg_same" } });
    expect((await ctx.repos.events.findById(first.body.id!))?.idempotencyKey).toBe("msg_same");
    expect(second.body).toMatchObject({ id: first.body.id, duplicate: true });
  });

  it("404, 415, 413, 400 — in that order of checks", async () => {
    expect((await ingest("no-such-thing", order("C-1"), { key: relay.key })).body.error?.code).toBe(
      "unknown_integration",
    );
    const text = await ingest(relay.slug, order("C-1"), { key: relay.key, contentType: "text/plain" });
    expect([text.status, text.body.error?.code]).toEqual([415, "unsupported_media_type"]);
    const huge = await ingest(relay.slug, { blob: "x".repeat(1_100_000) }, { key: "sbx_key_wrong" });
    expect([huge.status, huge.body.error?.code]).toEqual([413, "payload_too_large"]);
    const broken = await ingest(relay.slug, null, { key: relay.key, raw: "{not json" });
    expect([broken.status, broken.body.error?.code]).toEqual([400, "invalid_json"]);
    const unauthenticatedBroken = await ingest(relay.slug, null, { raw: "{not json" });
    expect(unauthenticatedBroken.status).toBe(401);
  });

  it("422 idempotency_key_required when the contract requires a key and none came", async () => {
    const strict = await makeRelay(ctx, "http://127.0.0.1:9", {
      contract: { schema: { type: "object" }, idempotencyKeyPaths: ["/ref"], requireIdempotencyKey: true },
    });
    const res = await ingest(strict.slug, { other: 1 }, { key: strict.key });
    expect([res.status, res.body.error?.code]).toEqual([422, "idempotency_key_required"]);
    expect(await store.db.event.count({ where: { integrationId: strict.integrationId } })).toBe(0);
    expect((await ingest(strict.slug, { ref: "r1" }, { key: strict.key })).status).toBe(202);
  });

  it("429 with Retry-After over the integration's rate limit", async () => {
    const limited = await makeRelay(ctx, "http://127.0.0.1:9", {
      rateLimit: { perSecond: 1, burst: 2 },
      contract: { schema: { type: "object" } },
    });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await ingest(limited.slug, { n: i }, { key: limited.key }));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 429]);
    expect(answers[2]!.body.error?.code).toBe("rate_limited");
  });

  it("a paused integration still accepts and records events", async () => {
    const paused = await makeRelay(ctx, "http://127.0.0.1:9");
    await markLive(ctx, paused.slug);
    await setPaused({ ctx, slug: paused.slug, paused: true });
    const res = await ingest(paused.slug, order("P-1"), { key: paused.key });
    expect(res.status).toBe(202);
    expect(await store.db.queueJob.count({ where: { eventId: res.body.id! } })).toBe(1);
  });

  it("uses the traceparent's trace id as the correlation ID, else generates one", async () => {
    const traced = await ingest(relay.slug, order("T-1"), {
      key: relay.key,
      headers: { traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" },
    });
    expect(traced.body.correlationId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    const plain = await ingest(relay.slug, order("T-2"), { key: relay.key });
    expect(plain.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("configuration changes are audited", async () => {
    await updateIntegration({ ctx, slug: relay.slug, input: { slaMinutes: 15 } });
    const audit = await ctx.repos.audit.list(
      { objectType: "integration", objectId: relay.integrationId },
      { limit: 5 },
    );
    expect(audit.items[0]).toMatchObject({ action: "integration.update" });
  });
});
