// KPIs on a seeded store with a known answer, through the worker's rollup and
// the API's query — the same numbers on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { getKpis } from "@/lib/core/kpis/get-kpis";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import type { Store } from "@/lib/db/client";
import { seedEvent as seedRow, seedException as seedExceptionRow, type SeedEvent } from "./helpers/seed";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
const clock = { now: new Date("2026-05-01T12:30:00Z") };
const at = (hm: string, plusMs = 0) => new Date(new Date(`2026-05-01T${hm}Z`).getTime() + plusMs);
const seedEvent = (integrationId: string, o: SeedEvent) => seedRow(store, integrationId, { ...o, updated: clock.now });
const seedException = (integrationId: string, eventId: string, o: { opened: Date; resolved?: Date }) =>
  seedExceptionRow(store, integrationId, eventId, o);

beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store, undefined, clock);
  const user = await ctx.repos.users.create({
    email: "ops@kpi.test",
    name: "Ops",
    role: "ops",
    passwordHash: "x",
    now: clock.now,
  });
  const base = {
    mode: "relay" as const,
    sourceSystem: "S",
    targetSystem: "T",
    destination: { url: "https://t.example" },
  };
  const A = (await createIntegration({ ctx, input: { ...base, slug: "kpi-a", name: "A" } })).integration.id;
  const B = (await createIntegration({ ctx, input: { ...base, slug: "kpi-b", name: "B" } })).integration.id;

  const first = await seedEvent(A, {
    received: at("10:00:00"),
    status: "succeeded",
    completed: at("10:00:00", 1024),
    outcome: "success",
  });
  await seedEvent(A, {
    received: at("10:05:00"),
    status: "succeeded",
    completed: at("10:05:00", 2048),
    firstFailed: at("10:05:00", 100),
    outcome: "success",
  });
  const a3 = await seedEvent(A, {
    received: at("10:10:00"),
    status: "succeeded",
    completed: at("10:10:00", 8192),
    firstFailed: at("10:10:00", 50),
    outcome: "success",
  });
  const x3 = await seedException(A, a3.id, { opened: at("10:10:01"), resolved: at("10:10:01", 4096) });
  const a4 = await seedEvent(A, {
    received: at("10:30:00"),
    status: "rejected",
    completed: at("10:30:00"),
    outcome: "failed",
  });
  const x4 = await seedException(A, a4.id, { opened: at("10:30:00") });
  await seedEvent(A, { received: at("10:40:00"), status: "retrying", firstFailed: at("10:40:01") });
  const b1 = await seedEvent(B, {
    received: at("11:00:00"),
    status: "failed",
    completed: at("11:00:00", 16_384),
    firstFailed: at("11:00:01"),
    outcome: "failed",
  });
  await seedException(B, b1.id, { opened: at("11:00:00", 16_384) });
  // a self-test event is never counted
  await store.db.event.create({
    data: {
      integrationId: A,
      idempotencyKey: "selftest:1",
      fingerprint: "f",
      correlationId: "c",
      payload: {},
      status: "discarded",
      source: "self_test",
      receivedAt: at("10:50:00"),
      updatedAt: clock.now,
    },
  });
  for (const [kind, when] of [
    ["duplicate", "10:01:00"],
    ["duplicate", "10:02:00"],
    ["conflict", "10:03:00"],
  ] as const) {
    await store.db.duplicateArrival.create({
      data: { eventId: first.id, integrationId: A, kind, fingerprint: "f", receivedAt: at(when) },
    });
  }
  for (const [action, objectId, when] of [
    ["exception.replay", x3.id, "10:10:00"],
    ["exception.assign", x4.id, "10:35:00"],
    ["session.sign_in", user.id, "10:36:00"],
  ] as const) {
    await store.db.auditEntry.create({
      data: {
        at: at(when),
        actorId: user.id,
        actorLabel: "ops@kpi.test",
        action,
        objectType: action.startsWith("session") ? "user" : "exception",
        objectId,
      },
    });
  }
  await rollupKpis(ctx);
});
afterAll(() => store.close());

describe("KPIs on the seeded store", () => {
  it("match the hand-computed values for the period", async () => {
    const kpis = await getKpis({ ctx, input: { from: "2026-05-01T10:00:00Z", to: "2026-05-01T13:00:00Z" } });
    expect(kpis.totals).toEqual({
      received: 6,
      failureRate: 0.5,
      duplicateRate: 0.25,
      recoveryP50Ms: 4096,
      recoveryP90Ms: 4096,
      manualInterventions: 2,
      manualByAction: { "exception.replay": 1, "exception.assign": 1 },
      autoRecoveryRate: 0.25,
      lagP50Ms: 2048,
      lagP95Ms: 16_384,
      openExceptions: 2,
      pendingDeliveries: 1,
      oldestPendingMs: 110 * 60_000,
    });
    expect(kpis.series.map((s) => [s.at.slice(11, 16), s.received, s.failureRate])).toEqual([
      ["10:00", 5, 0.4],
      ["11:00", 1, 1],
      ["12:00", 0, null],
    ]);
    expect(kpis.previous.received).toBe(0);
    expect(kpis.ranking.map((r) => [r.integration, r.failureRate])).toEqual([
      ["kpi-b", 1],
      ["kpi-a", 0.4],
    ]);
    // 1 and 5 records: under the minimum volume, neither is ranked among the worst.
    expect([kpis.minimumVolume, kpis.worstByFailure]).toEqual([20, []]);
  });

  it("per integration, and by day", async () => {
    const a = await getKpis({
      ctx,
      input: { integration: "kpi-a", from: "2026-05-01T00:00:00Z", to: "2026-05-02T00:00:00Z", bucket: "day" },
    });
    expect(a.series).toHaveLength(1);
    expect(a.totals).toMatchObject({
      received: 5,
      failureRate: 0.4,
      lagP50Ms: 1024,
      openExceptions: 1,
      pendingDeliveries: 1,
    });
    await expect(getKpis({ ctx, input: { integration: "nope" } })).rejects.toMatchObject({ kind: "invalid_input" });
  });

  it("a later change lands in the right hour on the next rollup", async () => {
    const open = await store.db.exception.findFirstOrThrow({
      where: { status: "open", integration: { slug: "kpi-b" } },
    });
    // Resolved now, 2^20 ms after it opened (reopened at 12:22:31.424, so the figure is exact).
    clock.now = new Date("2026-05-01T12:40:00Z");
    await store.db.exception.update({
      where: { id: open.id },
      data: {
        status: "resolved",
        openedAt: new Date(clock.now.getTime() - 2 ** 20),
        resolvedAt: clock.now,
        resolution: "manual_override",
        openForEventId: null,
      },
    });
    clock.now = new Date("2026-05-01T12:41:00Z");
    const { hours } = await rollupKpis(ctx);
    expect(hours).toBeGreaterThanOrEqual(1);
    const kpis = await getKpis({ ctx, input: { from: "2026-05-01T10:00:00Z", to: "2026-05-01T13:00:00Z" } });
    expect([kpis.totals.recoveryP50Ms, kpis.totals.recoveryP90Ms, kpis.totals.openExceptions]).toEqual([
      4096,
      2 ** 20,
      1,
    ]);
    expect(
      (await getKpis({ ctx, input: { from: "2026-05-01T13:00:00Z", to: "2026-05-01T16:00:00Z" } })).previous.received,
    ).toBe(6);
  });

  it("by day over several days: whole days from the day rows, the edges from the hours, the same totals as by hour", async () => {
    const a = (await store.db.integration.findUniqueOrThrow({ where: { slug: "kpi-a" } })).id;
    const day = (d: string, hm: string, plusMs = 0) => new Date(new Date(`2026-${d}T${hm}Z`).getTime() + plusMs);
    await seedEvent(a, {
      received: day("04-29", "05:30:00"),
      status: "succeeded",
      completed: day("04-29", "05:30:00", 512),
      outcome: "success",
    });
    await seedEvent(a, {
      received: day("04-29", "10:00:00"),
      status: "succeeded",
      completed: day("04-29", "10:00:00", 1024),
      outcome: "success",
    });
    const failed = await seedEvent(a, {
      received: day("04-29", "11:00:00"),
      status: "failed",
      completed: day("04-29", "11:00:00", 4096),
      firstFailed: day("04-29", "11:00:01"),
      outcome: "failed",
    });
    await seedException(a, failed.id, { opened: day("04-29", "11:00:00", 4096), resolved: day("04-30", "01:00:00") });
    await seedEvent(a, {
      received: day("04-30", "23:30:00"),
      status: "succeeded",
      completed: day("04-30", "23:30:00", 2048),
      outcome: "success",
    });
    clock.now = new Date("2026-05-01T12:45:00Z");
    await rollupKpis(ctx);
    expect(
      await store.db.kpiDay.count({
        where: {
          integrationId: a,
          day: { in: [day("04-29", "00:00:00"), day("04-30", "00:00:00"), day("05-01", "00:00:00")] },
        },
      }),
    ).toBe(3);

    const range = { integration: "kpi-a", from: "2026-04-29T06:00:00Z", to: "2026-05-01T13:00:00Z" };
    const byDay = await getKpis({ ctx, input: { ...range, bucket: "day" } });
    const byHour = await getKpis({ ctx, input: { ...range, bucket: "hour" } });
    // 04-29 from 06:00 (the 05:30 record is outside), all of 04-30, 05-01 until 13:00.
    expect(byDay.series.map((s) => [s.at.slice(5, 10), s.received])).toEqual([
      ["04-29", 2],
      ["04-30", 1],
      ["05-01", 5],
    ]);
    expect(byDay.totals).toMatchObject({ received: 8, recoveryP50Ms: 4096 });
    expect(byDay.totals).toEqual(byHour.totals);
    expect(byDay.previous).toEqual(byHour.previous);
    expect(byDay.previous.received).toBe(1);
  });
});
