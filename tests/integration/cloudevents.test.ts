// CloudEvents 1.0 at ingest (issue 16 item 6): structured and binary modes through the real lean listener, the id as
// idempotency key, time as occurredAt, type/source on the event, and the envelope addressable by the contract.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore, type Relay } from "./helpers/pipeline";
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

const envelope = (id: string, data: unknown, extra: Record<string, unknown> = {}) => ({
  specversion: "1.0",
  id,
  source: "/shop/orders",
  type: "com.example.order.created",
  time: "2026-12-01T10:00:00Z",
  datacontenttype: "application/json",
  data,
  ...extra,
});
const structured = (slug: string, body: unknown, options: { key?: string; raw?: string } = {}) =>
  ingest(slug, body, { key: options.key ?? relay.key, contentType: "application/cloudevents+json", raw: options.raw });
const binary = (slug: string, id: string, data: unknown, headers: Record<string, string> = {}) =>
  ingest(slug, data, {
    key: relay.key,
    headers: {
      "ce-specversion": "1.0",
      "ce-id": id,
      "ce-source": "/shop/orders",
      "ce-type": "com.example.order.updated",
      "ce-time": "2026-12-02T08:30:00.000Z",
      ...headers,
    },
  });

async function stageDetail(eventId: string, stage: string) {
  return (await ctx.repos.events.stages(eventId)).find((s) => s.stage === stage)?.detail as Record<string, unknown>;
}

describe("CloudEvents at ingest", () => {
  it("structured mode: the data is the record, the id its key, the time when it occurred, type and source kept", async () => {
    const first = await structured(relay.slug, envelope("ce-1", order("CE-1")));
    expect([first.status, first.body.duplicate]).toEqual([202, false]);
    const event = (await ctx.repos.events.findById(first.body.id!))!;
    expect(event).toMatchObject({ payload: order("CE-1"), idempotencyKey: "ce-1", entityKey: "CE-1" });
    expect(event.occurredAt?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect((await stageDetail(event.id, "received")).cloudEvent).toEqual({
      mode: "structured",
      id: "ce-1",
      source: "/shop/orders",
      type: "com.example.order.created",
      subject: null,
      time: "2026-12-01T10:00:00.000Z",
      sequence: null,
    });
    expect((await stageDetail(event.id, "deduplicated")).keySource).toBe("cloudevent-id");

    // the same event again is a duplicate; the same data under another id is another record
    const again = await structured(relay.slug, envelope("ce-1", order("CE-1")));
    expect([again.status, again.body.id, again.body.duplicate]).toEqual([200, event.id, true]);
    const other = await structured(relay.slug, envelope("ce-2", order("CE-1")));
    expect([other.status, other.body.duplicate]).toEqual([202, false]);
  });

  it("binary mode: ce-* headers carry the envelope, the body is the record", async () => {
    const res = await binary(relay.slug, "ce-bin-1", order("CE-B1"));
    expect(res.status).toBe(202);
    const event = (await ctx.repos.events.findById(res.body.id!))!;
    expect(event).toMatchObject({ payload: order("CE-B1"), idempotencyKey: "ce-bin-1" });
    expect(event.occurredAt?.toISOString()).toBe("2026-12-02T08:30:00.000Z");
    expect((await stageDetail(event.id, "received")).cloudEvent).toMatchObject({
      mode: "binary",
      type: "com.example.order.updated",
    });
    // an Idempotency-Key header still wins
    const keyed = await binary(relay.slug, "ce-bin-2", order("CE-B2"), { "idempotency-key": "explicit-key" });
    expect((await ctx.repos.events.findById(keyed.body.id!))!.idempotencyKey).toBe("explicit-key");
  });

  it("the contract checks the data, not the envelope: a violation is a 422 with the record kept", async () => {
    const res = await structured(relay.slug, envelope("ce-bad", { order: { id: "CE-X", version: 1, total: -5 } }));
    expect([res.status, res.body.error?.code]).toEqual([422, "contract_violation"]);
    expect(res.body.error?.details?.[0]?.path).toBe("/order/total");
  });

  it("refuses what is not one valid CloudEvent 1.0, saying why", async () => {
    const cases: [string, Promise<Awaited<ReturnType<typeof ingest>>>, number, string, RegExp][] = [
      [
        "no source",
        structured(relay.slug, { ...envelope("x1", order("X1")), source: undefined }),
        400,
        "invalid_cloudevent",
        /source/,
      ],
      [
        "spec 0.3",
        structured(relay.slug, envelope("x2", order("X2"), { specversion: "0.3" })),
        400,
        "invalid_cloudevent",
        /specversion/,
      ],
      [
        "bad time",
        structured(relay.slug, envelope("x3", order("X3"), { time: "yesterday" })),
        400,
        "invalid_cloudevent",
        /time/,
      ],
      [
        "no data",
        structured(relay.slug, { ...envelope("x4", null), data: undefined }),
        400,
        "invalid_cloudevent",
        /no data/,
      ],
      [
        "binary without ce-source",
        binary(relay.slug, "x5", order("X5"), { "ce-source": "" }),
        400,
        "invalid_cloudevent",
        /source/,
      ],
      [
        "text data",
        structured(relay.slug, envelope("x6", "plain", { datacontenttype: "text/plain" })),
        415,
        "unsupported_media_type",
        /datacontenttype text\/plain/,
      ],
      [
        "batch mode",
        ingest(relay.slug, [envelope("x7", order("X7"))], {
          key: relay.key,
          contentType: "application/cloudevents-batch+json",
        }),
        415,
        "unsupported_media_type",
        /one CloudEvent per request/,
      ],
    ];
    for (const [what, answer, status, code, message] of cases) {
      const res = await answer;
      const error = res.body.error as { code: string; message: string } | undefined;
      expect([what, res.status, error?.code], what).toEqual([what, status, code]);
      expect(error?.message, what).toMatch(message);
    }
    for (const key of ["x1", "x2", "x3", "x4", "x5", "x6", "x7"])
      expect(await store.db.event.count({ where: { idempotencyKey: key } }), key).toBe(0);
  });

  it("a contract may take the version from the envelope (/$cloudevent/sequence): an older sequence is stale", async () => {
    const sequenced = await makeRelay(ctx, "http://127.0.0.1:9", {
      contract: {
        schema: { type: "object", required: ["order"], properties: { order: { type: "object" } } },
        idempotencyKeyPaths: [],
        entityKeyPath: "/order/id",
        versionPath: "/$cloudevent/sequence",
        mapping: [],
      },
    });
    const send = (id: string, sequence: string) =>
      structured(sequenced.slug, envelope(id, { order: { id: "SEQ-1" } }, { sequence }), { key: sequenced.key });
    const newer = await send("seq-a", "12");
    const older = await send("seq-b", "7");
    expect([newer.status, older.status]).toEqual([202, 202]);
    expect((await ctx.repos.events.findById(newer.body.id!))!.entityVersion).toBe("12");
    expect((await ctx.repos.events.findById(older.body.id!))!.status).toBe("stale");
    // without the attribute the guard cannot work: the record says so
    const missing = await structured(sequenced.slug, envelope("seq-c", { order: { id: "SEQ-1" } }), {
      key: sequenced.key,
    });
    expect([missing.status, missing.body.error?.details?.[0]?.path]).toEqual([422, "/$cloudevent/sequence"]);
  });
});
