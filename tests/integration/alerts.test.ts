// Every alert rule fires and resolves on a real store (both databases), with
// audit entries and queued notifications; acknowledging goes through the API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "@/lib/core/alerts/evaluate";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import type { TCreateIntegration } from "@/lib/core/integrations/schemas";
import type { Store } from "@/lib/db/client";
import { GET as listRoute } from "@/app/api/v1/alerts/route";
import { POST as acknowledgeRoute } from "@/app/api/v1/alerts/[id]/acknowledge/route";
import { call, tokensByRole } from "./helpers/api";
import { useGlobalStore } from "./helpers/pipeline";
import { seedEvent, seedException } from "./helpers/seed";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
// A Monday, inside the active hours used below.
const clock = { now: new Date("2026-06-01T10:00:00Z") };
const ago = (minutes: number) => new Date(clock.now.getTime() - minutes * 60_000);
const advance = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));
let n = 0;

async function liveIntegration(
  alertThresholds: TCreateIntegration["alertThresholds"],
  extra: Partial<TCreateIntegration> = {},
) {
  const created = await createIntegration({
    ctx,
    input: {
      slug: `alert-${++n}`,
      name: `Alerting ${n}`,
      mode: "relay",
      sourceSystem: "S",
      targetSystem: "T",
      destination: { url: "https://t.example/in" },
      runbook: `Runbook ${n}: call the ERP team.`,
      alertThresholds,
      ...extra,
    },
  });
  const id = created.integration.id;
  await ctx.repos.integrations.update(id, { lifecycle: "live", liveAt: ago(24 * 60) }, clock.now);
  return { id, slug: created.integration.slug, deliverySecret: created.deliverySecret };
}

const pass = () => evaluateAlerts(ctx, { consoleUrl: "https://signalbox.example" });
const alertsOf = (integrationId: string) =>
  store.db.alert.findMany({ where: { integrationId }, orderBy: { firedAt: "asc" } });
const openRule = async (integrationId: string, rule: string) =>
  (await alertsOf(integrationId)).find((a) => a.rule === rule && a.status !== "resolved") ?? null;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store, undefined, clock);
});
afterAll(() => store.close());

describe("alert rules", () => {
  it("failure rate over the window fires, notifies, and resolves when the window clears", async () => {
    const i = await liveIntegration({
      failureRatePct: 5,
      failureWindowMinutes: 15,
      notify: {
        webhookUrl: "https://hooks.example/generic",
        slackUrl: "https://hooks.example/slack",
        email: ["oncall@example.com"],
      },
    });
    for (let k = 0; k < 10; k++) {
      const e = await seedEvent(store, i.id, {
        received: ago(10 - k * 0.5),
        status: k === 0 ? "failed" : "succeeded",
        completed: ago(9 - k * 0.5),
      });
      if (k === 0) await seedException(store, i.id, e.id, { opened: ago(9) });
    }
    await pass();
    const alert = await openRule(i.id, "failure_rate");
    expect(alert).toMatchObject({ status: "firing", value: 10, threshold: 5, firedAt: clock.now });
    expect(alert!.message).toContain("10 % of records failed in the last 15 min (1 of 10)");
    expect(await store.db.auditEntry.count({ where: { action: "alert.fire", objectId: alert!.id } })).toBe(1);
    const jobs = await store.db.queueJob.findMany({ where: { kind: { in: ["notify", "email"] } } });
    const payloads = jobs.map(
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      (j) => (typeof j.payload === "string" ? JSON.parse(j.payload) : j.payload) as Record<string, any>,
    );
    // Webhook jobs name the channel, never its URL (sealed at rest); the worker opens it when sending.
    expect(JSON.stringify(payloads)).not.toContain("hooks.example");
    expect(payloads.map((p) => p.to?.channel ?? p.to[0]).sort()).toEqual([
      "alert_slack",
      "alert_webhook",
      "oncall@example.com",
    ]);
    expect(payloads.find((p) => p.to?.channel === "alert_webhook")!.signWith).toEqual({
      integrationId: i.id,
      messageId: `alert_${alert!.id}_firing`,
    });
    expect(payloads.find((p) => Array.isArray(p.to))!.text).toContain(`Runbook ${n}: call the ERP team.`);

    await pass(); // still firing: one alert, refreshed, no new notifications
    expect((await alertsOf(i.id)).filter((a) => a.rule === "failure_rate")).toHaveLength(1);
    expect(await store.db.queueJob.count({ where: { kind: { in: ["notify", "email"] } } })).toBe(3);

    advance(16);
    await pass();
    const resolved = await store.db.alert.findUniqueOrThrow({ where: { id: alert!.id } });
    expect(resolved).toMatchObject({ status: "resolved", resolvedAt: clock.now, openKey: null });
    expect(await store.db.queueJob.count({ where: { kind: { in: ["notify", "email"] } } })).toBe(6);
    await store.db.queueJob.deleteMany({});
  });

  it("first-attempt failures fire even when retries later succeed", async () => {
    const i = await liveIntegration({ firstAttemptFailureRatePct: 20 });
    for (let k = 0; k < 4; k++)
      await seedEvent(store, i.id, {
        received: ago(5),
        status: "succeeded",
        completed: ago(4),
        firstFailed: k === 0 ? ago(5) : undefined,
      });
    await pass();
    expect(await openRule(i.id, "first_attempt_failures")).toMatchObject({ status: "firing", value: 25 });
    expect(await openRule(i.id, "failure_rate")).toBeNull();
    advance(16);
    await pass();
    expect(await openRule(i.id, "first_attempt_failures")).toBeNull();
  });

  it("p95 lag: more than 5 % slower than the limit fires, counting records still waiting", async () => {
    const i = await liveIntegration({ p95LagMs: 60_000 });
    for (let k = 0; k < 19; k++)
      await seedEvent(store, i.id, {
        received: ago(5),
        status: "succeeded",
        completed: new Date(ago(5).getTime() + 1_000),
      });
    await seedEvent(store, i.id, { received: ago(5), status: "succeeded", completed: ago(3) }); // 2 min: 1 of 20 = 5 %, not over
    await pass();
    expect(await openRule(i.id, "lag_p95")).toBeNull();
    const waiting = await seedEvent(store, i.id, { received: ago(2), status: "retrying" }); // waiting 2 min: 2 of 21
    await pass();
    const alert = await openRule(i.id, "lag_p95");
    expect(alert).toMatchObject({ status: "firing", threshold: 60_000 });
    expect(alert!.value).toBeCloseTo((2 / 21) * 100, 6);
    expect(alert!.message).toContain("longer than 1 min");
    advance(16);
    await store.db.event.update({
      where: { id: waiting.id },
      data: { status: "discarded", completedAt: ago(20), updatedAt: ago(20) },
    });
    await pass();
    expect(await openRule(i.id, "lag_p95")).toBeNull();
  });

  it("open backlog over N fires and resolves as exceptions close", async () => {
    const i = await liveIntegration({ backlogMax: 2 });
    const opened = [];
    for (let k = 0; k < 3; k++) {
      const e = await seedEvent(store, i.id, { received: ago(30), status: "failed", completed: ago(29) });
      opened.push(
        await seedException(store, i.id, e.id, { opened: ago(29), dueAt: new Date(clock.now.getTime() + 3_600_000) }),
      );
    }
    await pass();
    expect(await openRule(i.id, "backlog")).toMatchObject({ status: "firing", value: 3, threshold: 2 });
    await store.db.exception.update({
      where: { id: opened[0]!.id },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    await pass();
    expect(await openRule(i.id, "backlog")).toBeNull();
  });

  it("an exception past its SLA fires (without any threshold set) until it is resolved", async () => {
    const i = await liveIntegration(null);
    const e = await seedEvent(store, i.id, { received: ago(300), status: "failed", completed: ago(299) });
    const x = await seedException(store, i.id, e.id, { opened: ago(299), dueAt: ago(59) });
    await pass();
    expect(await openRule(i.id, "sla")).toMatchObject({ status: "firing", value: 1 });
    await store.db.exception.update({
      where: { id: x.id },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    await pass();
    expect(await openRule(i.id, "sla")).toBeNull();
  });

  it("silence fires only during active hours and resolves when records arrive", async () => {
    const i = await liveIntegration({ silenceMinutes: 30, activeHours: { from: 8, to: 18, days: [1, 2, 3, 4, 5] } });
    await seedEvent(store, i.id, { received: ago(45), status: "succeeded", completed: ago(45) });
    await pass();
    const alert = await openRule(i.id, "silence");
    expect(alert).toMatchObject({ status: "firing", threshold: 30 });
    expect(alert!.message).toContain("No records for");
    await seedEvent(store, i.id, { received: clock.now, status: "received" });
    await pass();
    expect(await openRule(i.id, "silence")).toBeNull();
    // Outside active hours (20:00) nothing fires however long it is quiet; at 08:10 the next
    // morning the quiet time counts from 08:00, so it fires only once 30 active minutes have passed.
    clock.now = new Date("2026-06-01T20:00:00Z");
    await pass();
    expect(await openRule(i.id, "silence")).toBeNull();
    clock.now = new Date("2026-06-02T08:10:00Z");
    await pass();
    expect(await openRule(i.id, "silence")).toBeNull();
    clock.now = new Date("2026-06-02T08:31:00Z");
    await pass();
    expect(await openRule(i.id, "silence")).toMatchObject({ status: "firing" });
  });

  it("a stalled tracked record opens an exception, and the alert resolves when it is dealt with", async () => {
    const i = await liveIntegration({ stalledStageMinutes: 10 }, { mode: "tracked", destination: undefined });
    const e = await seedEvent(store, i.id, { received: ago(30), status: "processing", source: "tracked" });
    await store.db.stageRun.create({
      data: {
        eventId: e.id,
        stage: "transformed",
        attempt: 1,
        status: "succeeded",
        startedAt: ago(25),
        endedAt: ago(25),
        durationMs: 0,
      },
    });
    const fresh = await seedEvent(store, i.id, { received: ago(30), status: "processing", source: "tracked" });
    await store.db.stageRun.create({
      data: { eventId: fresh.id, stage: "transformed", attempt: 1, status: "started", startedAt: ago(5) },
    });
    const result = await pass();
    expect(result.stalled).toBe(1);
    const exception = await store.db.exception.findFirstOrThrow({ where: { eventId: e.id } });
    expect(exception).toMatchObject({ status: "open", reason: "stalled", category: "transient" });
    expect(exception.message).toContain('after "transformed" (expected within 10 min)');
    expect(await store.db.exception.count({ where: { eventId: fresh.id } })).toBe(0);
    expect(await store.db.stageRun.count({ where: { eventId: e.id, stage: "stalled", status: "failed" } })).toBe(1);
    expect(await openRule(i.id, "stalled")).toMatchObject({ status: "firing", value: 1 });
    expect((await pass()).stalled).toBe(0); // not opened twice
    await store.db.exception.update({
      where: { id: exception.id },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    await store.db.event.update({ where: { id: e.id }, data: { status: "succeeded", completedAt: clock.now } });
    await pass();
    expect(await openRule(i.id, "stalled")).toBeNull();
  });

  it("an integration that leaves live, or loses the threshold, has its alerts resolved", async () => {
    const i = await liveIntegration({ backlogMax: 1 });
    for (let k = 0; k < 2; k++) {
      const e = await seedEvent(store, i.id, { received: ago(5), status: "failed", completed: ago(5) });
      await seedException(store, i.id, e.id, { opened: ago(5) });
    }
    await pass();
    const alert = await openRule(i.id, "backlog");
    expect(alert).not.toBeNull();
    await ctx.repos.integrations.update(i.id, { alertThresholds: { silenceMinutes: 600 } }, clock.now);
    await pass();
    expect(await openRule(i.id, "backlog")).toBeNull();
    const audit = await store.db.auditEntry.findFirstOrThrow({
      where: { action: "alert.resolve", objectId: alert!.id },
    });
    expect(audit.reason).toBe("the rule no longer applies");
  });

  it("draft integrations are not alerted on", async () => {
    const created = await createIntegration({
      ctx,
      input: {
        slug: "alert-draft",
        name: "Draft",
        mode: "relay",
        sourceSystem: "S",
        targetSystem: "T",
        destination: { url: "https://t.example" },
        alertThresholds: { backlogMax: 1 },
      },
    });
    for (let k = 0; k < 3; k++) {
      const e = await seedEvent(store, created.integration.id, {
        received: ago(5),
        status: "failed",
        completed: ago(5),
      });
      await seedException(store, created.integration.id, e.id, { opened: ago(5), dueAt: ago(1) });
    }
    await pass();
    expect(await alertsOf(created.integration.id)).toEqual([]);
  });

  it("one worker evaluates per pass when several race", async () => {
    advance(1);
    const results = await Promise.all([1, 2, 3].map(() => evaluateAlerts(ctx, { consoleUrl: null, minGapMs: 20_000 })));
    expect(results.filter((r) => !r.skipped)).toHaveLength(1);
  });
});

describe("alerts API", () => {
  it("lists open alerts with the runbook and lets ops acknowledge once; managers may not", async () => {
    const { tokens } = await tokensByRole(store, ctx, "alerts");
    const i = await liveIntegration({ backlogMax: 1 });
    for (let k = 0; k < 2; k++) {
      const e = await seedEvent(store, i.id, { received: ago(5), status: "failed", completed: ago(5) });
      await seedException(store, i.id, e.id, { opened: ago(5) });
    }
    advance(1);
    await pass();
    const list = await call(listRoute, { token: tokens.manager, query: { integration: i.slug, status: "open" } });
    expect(list.status).toBe(200);
    const mine = list.body.items.find((a: { integration: { slug: string } }) => a.integration.slug === i.slug);
    expect(mine).toMatchObject({
      rule: "backlog",
      title: "Exception backlog high",
      status: "firing",
      integration: { runbook: `Runbook ${n}: call the ERP team.` },
    });
    expect((await call(listRoute, { token: tokens.ops, query: { integration: "no-such" } })).status).toBe(400);

    expect(
      (await call(acknowledgeRoute, { method: "POST", token: tokens.manager, params: { id: mine.id } })).status,
    ).toBe(403);
    const ack = await call(acknowledgeRoute, { method: "POST", token: tokens.ops, params: { id: mine.id } });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: "acknowledged", acknowledgedBy: "ops alerts" });
    expect((await call(acknowledgeRoute, { method: "POST", token: tokens.ops, params: { id: mine.id } })).status).toBe(
      409,
    );
    expect((await call(acknowledgeRoute, { method: "POST", token: tokens.ops, params: { id: "nope" } })).status).toBe(
      404,
    );
    expect(await store.db.auditEntry.count({ where: { action: "alert.acknowledge", objectId: mine.id } })).toBe(1);

    // An acknowledged alert still resolves when the condition clears.
    await store.db.exception.updateMany({
      where: { integrationId: i.id },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    await pass();
    const after = await call(listRoute, { token: tokens.admin, query: { integration: i.slug } });
    expect(after.body.items.find((a: { id: string }) => a.id === mine.id)).toMatchObject({
      status: "resolved",
      acknowledgedAt: expect.any(String),
      resolvedAt: expect.any(String),
    });
    expect((await call(acknowledgeRoute, { method: "POST", token: tokens.ops, params: { id: mine.id } })).status).toBe(
      409,
    );
    expect((await call(listRoute)).status).toBe(401);
  });
});
