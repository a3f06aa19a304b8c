// A busy hour's rollup does bounded work: the current and previous hour are kept per minute, so a pass recomputes the
// minutes touched since the last one, not the whole hour from its raw rows every 30 seconds (at 1,000 records a
// second an hour holds 3.6 million rows). The hour is the sum of its minutes; older hours are recomputed whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { getKpis } from "@/lib/core/kpis/get-kpis";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import type { Store } from "@/lib/db/client";
import { seedEvent } from "./helpers/seed";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let a: string;
const clock = { now: new Date("2026-06-01T12:26:00Z") };
const at = (hms: string, plusMs = 0) => new Date(new Date(`2026-06-01T${hms}Z`).getTime() + plusMs);
const delivered = (received: Date, lagMs: number) =>
  seedEvent(store, a, {
    received,
    status: "succeeded",
    completed: new Date(received.getTime() + lagMs),
    outcome: "success",
    updated: clock.now,
  });

beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store, undefined, clock);
  a = (
    await createIntegration({
      ctx,
      input: {
        mode: "relay",
        slug: "slices",
        name: "Slices",
        sourceSystem: "S",
        targetSystem: "T",
        destination: { url: "https://t.example" },
      },
    })
  ).integration.id;
});
afterAll(() => store.close());

describe("the rollup of a busy hour", () => {
  it("recomputes only the minutes touched since the last pass, and the hour still adds up", async () => {
    // 40 records spread over 12:00–12:19, and an older hour (recomputed whole).
    for (let i = 0; i < 40; i++) await delivered(at(`12:${String(Math.floor(i / 2)).padStart(2, "0")}:10`), 100 + i);
    await delivered(at("08:15:00"), 5_000);
    await rollupKpis(ctx);
    clock.now = at("12:31:00");
    await rollupKpis(ctx); // the overlap window still covers the first writes

    clock.now = at("12:40:30");
    await delivered(at("12:40:05"), 50);
    clock.now = at("12:41:00");
    await rollupKpis(ctx);

    const rewritten = await store.db.kpiSlice.findMany({
      where: { integrationId: a, updatedAt: clock.now },
      select: { minute: true },
    });
    expect(rewritten.map((s) => s.minute.toISOString())).toEqual(["2026-06-01T12:40:00.000Z"]);
    const hour = await store.db.kpiHour.findUniqueOrThrow({
      where: { integrationId_hour: { integrationId: a, hour: at("12:00:00") } },
    });
    expect([hour.received, hour.succeeded, hour.completed]).toEqual([41, 41, 41]);

    const kpis = await getKpis({ ctx, input: { from: "2026-06-01T08:00:00Z", to: "2026-06-01T13:00:00Z" } });
    expect(kpis.totals.received).toBe(42);
  });

  it("a late change to a minute of the previous hour is picked up; hours older than that are recomputed whole", async () => {
    clock.now = at("13:05:00");
    await delivered(at("12:05:30"), 70); // arrives late (written now) for the previous hour
    await delivered(at("09:00:00"), 70); // an old hour
    clock.now = at("13:06:00");
    await rollupKpis(ctx);
    const previous = await store.db.kpiHour.findUniqueOrThrow({
      where: { integrationId_hour: { integrationId: a, hour: at("12:00:00") } },
    });
    expect(previous.received).toBe(42);
    const old = await store.db.kpiHour.findUniqueOrThrow({
      where: { integrationId_hour: { integrationId: a, hour: at("09:00:00") } },
    });
    expect(old.received).toBe(1);
    // Minutes are kept for the current and previous hour only.
    expect(await store.db.kpiSlice.count({ where: { integrationId: a, minute: { lt: at("12:00:00") } } })).toBe(0);
    expect(await store.db.kpiSlice.count({ where: { integrationId: a, minute: { gte: at("12:00:00") } } })).toBe(120);
  });
});
