// Races decided by the database: many identical arrivals at once, and many
// versions of one entity at once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { ingest, makeRelay, order, useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
});
afterAll(() => store.close());

describe("concurrent arrivals", () => {
  it("50 parallel requests with one idempotency key make one event and 49 counted duplicates", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 1000, burst: 1000 } });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => ingest(relay.slug, order("SAME-1"), { key: relay.key })),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    const events = await store.db.event.findMany({ where: { integrationId: relay.integrationId } });
    expect(events).toHaveLength(1);
    expect(events[0]!.duplicateCount).toBe(49);
    expect(await store.db.duplicateArrival.count({ where: { eventId: events[0]!.id, kind: "duplicate" } })).toBe(49);
    expect(await store.db.queueJob.count({ where: { eventId: events[0]!.id } })).toBe(1);
  });

  it("parallel versions of one entity: the newest wins, stale ones are never queued", async () => {
    const relay = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 1000, burst: 1000 } });
    const versions = Array.from({ length: 30 }, (_, i) => i + 1).sort(() => Math.random() - 0.5);
    const answers = await Promise.all(versions.map((v) => ingest(relay.slug, order("ENT-1", v), { key: relay.key })));
    expect(answers.every((a) => a.status === 202)).toBe(true);
    const events = await store.db.event.findMany({
      where: { integrationId: relay.integrationId },
      orderBy: [{ receivedAt: "asc" }, { id: "asc" }],
    });
    expect(events).toHaveLength(30);
    const top = events.find((e) => e.entityVersion === "30")!;
    expect(top.status).toBe("received");
    const entity = await store.db.entityVersion.findUniqueOrThrow({
      where: { integrationId_entityKey: { integrationId: relay.integrationId, entityKey: "ENT-1" } },
    });
    expect([entity.version, entity.eventId]).toEqual([30, top.id]);
    const accepted = events.filter((e) => e.status !== "stale").map((e) => Number(e.entityVersion));
    const stale = events.filter((e) => e.status === "stale");
    expect(accepted.length + stale.length).toBe(30);
    expect(await store.db.queueJob.count({ where: { eventId: { in: stale.map((e) => e.id) } } })).toBe(0);
    expect(await store.db.queueJob.count({ where: { integrationId: relay.integrationId } })).toBe(accepted.length);
    const guard = (await ctx.repos.events.stagesOf(events.map((e) => e.id))).filter(
      (s) => s.stage === "version_checked",
    );
    expect(guard.filter((g) => g.status === "succeeded")).toHaveLength(accepted.length);
  });
});
