// The backlog beside the previous period's, read from the hourly snapshots the
// rollup takes: never "from 0" when no snapshot was taken then, and a snapshot
// survives its hour's counts being recomputed later. Both stores.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { getKpis } from "@/lib/core/kpis/get-kpis";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import type { Store } from "@/lib/db/client";
import { seedEvent, seedException } from "./helpers/seed";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let A: string;
const clock = { now: new Date("2026-06-01T06:10:00Z") };
const t = (hm: string) => new Date(`2026-06-01T${hm}:00Z`);
const range = (from: string, to: string) =>
  getKpis({ ctx, input: { from: t(from).toISOString(), to: t(to).toISOString() } });

beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store, undefined, clock);
  A = (
    await createIntegration({
      ctx,
      input: {
        slug: "backlog-a",
        name: "A",
        mode: "relay",
        sourceSystem: "S",
        targetSystem: "T",
        destination: { url: "https://t.example" },
      },
    })
  ).integration.id;
  // History written straight into the store (as the demo backfill does): no snapshot was taken in those hours.
  for (const hm of ["02:00", "03:00", "04:00"]) {
    const e = await seedEvent(store, A, {
      received: t(hm),
      status: "failed",
      completed: t(hm),
      outcome: "failed",
      updated: clock.now,
    });
    await seedException(store, A, e.id, { opened: t(hm) });
  }
  await seedEvent(store, A, { received: t("05:30"), status: "retrying", firstFailed: t("05:31"), updated: clock.now });
});
afterAll(() => store.close());

describe("the previous period's backlog", () => {
  it("says there is no earlier figure when no snapshot was taken then (not 0)", async () => {
    await rollupKpis(ctx);
    const kpis = await range("05:00", "06:10");
    expect(kpis.totals).toMatchObject({ openExceptions: 3, pendingDeliveries: 1 });
    expect(kpis.previous.received).toBe(2);
    expect(kpis.previous).toMatchObject({ openExceptions: null, pendingDeliveries: null, oldestPendingMs: null });
  });

  it("is the snapshot taken before the period's end, even after that hour's counts were recomputed", async () => {
    clock.now = t("06:40");
    const e = await seedEvent(store, A, {
      received: t("06:20"),
      status: "failed",
      completed: t("06:20"),
      outcome: "failed",
      updated: clock.now,
    });
    await seedException(store, A, e.id, { opened: t("06:21") });
    await rollupKpis(ctx); // snapshot into 06:00: 4 open, 1 pending

    clock.now = t("07:20");
    await store.db.exception.updateMany({
      where: { integrationId: A, openedAt: { lt: t("04:00") } },
      data: { status: "resolved", resolvedAt: t("07:10"), resolution: "replayed", openForEventId: null },
    });
    // A late change to an event of 06:00 makes that hour's counts be recomputed in this pass.
    await store.db.event.update({ where: { id: e.id }, data: { updatedAt: t("07:15") } });
    await rollupKpis(ctx); // snapshot into 07:00: 2 open, 1 pending

    const kpis = await range("07:00", "07:20");
    expect(kpis.totals).toMatchObject({ openExceptions: 2, pendingDeliveries: 1 });
    expect(kpis.previous).toMatchObject({ openExceptions: 4, pendingDeliveries: 1 });
    expect(kpis.previous.oldestPendingMs).toBe(70 * 60_000);
    // The same by day.
    const byDay = await getKpis({
      ctx,
      input: { from: t("07:00").toISOString(), to: t("07:20").toISOString(), bucket: "day" },
    });
    expect(byDay.previous).toMatchObject({ openExceptions: 4, pendingDeliveries: 1 });
  });
});
