// GET /api/metrics on a real store: records ingested through the real handler,
// deliveries run by processJob with a scripted sender (known attempt
// durations), the worker's rollup, then the route called with real personal
// tokens — exact values read back from the parsed exposition.
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import type { OutboundResponse, Sender } from "@/lib/core/delivery/sender";
import { processJob } from "@/lib/core/delivery/process-job";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import { can, ROLES } from "@/lib/core/permissions";
import { createToken, revokeToken } from "@/lib/core/tokens/tokens";
import type { Store } from "@/lib/db/client";
import { tokensByRole, type Handler, type Role } from "./helpers/api";
import { ingest, makeRelay, order, useGlobalStore, type Relay } from "./helpers/pipeline";
import { parseExposition, sampleValue, type Family } from "./helpers/prometheus";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let route: { GET: Handler };
let tokens: Record<Role, string>;
let userIds: Record<Role, string>;
const relays: Record<"a" | "b" | "c", Relay> = {} as never;

/** What the destination answers per order id: status and how long the attempt took. */
const SCRIPT: Record<string, [number, number]> = {
  "A-1": [200, 3],
  "A-2": [200, 40],
  "A-3": [404, 300], // permanent: failed, exception opened
  "A-4": [503, 2_000], // transient: retrying
  "B-1": [200, 45_000], // beyond the last bucket (30 s): only +Inf
  "B-2": [500, 7], // transient: retrying
};
// A-5 and B-3 are claimed and never finished: in flight.

const sender: Sender = {
  async send(request): Promise<OutboundResponse> {
    const [status, durationMs] = SCRIPT[(JSON.parse(request.body) as { externalId: string }).externalId]!;
    return { status, error: null, errorMessage: null, headers: {}, body: "{}", durationMs };
  },
};

async function seed() {
  const ids = new Map<string, string>();
  const send = async (relay: Relay, id: string) => {
    const res = await ingest(relay.slug, order(id), { key: relay.key });
    expect(res.status).toBe(202);
    ids.set(res.body.id!, id);
  };
  for (const id of ["A-1", "A-2", "A-3", "A-4", "A-5"]) await send(relays.a, id);
  for (const id of ["B-1", "B-2", "B-3"]) await send(relays.b, id);
  expect((await ingest(relays.a.slug, order("A-1"), { key: relays.a.key })).status).toBe(200); // a duplicate is not counted
  expect(
    (await ingest(relays.b.slug, { order: { id: "B-4", version: 1, total: -1 } }, { key: relays.b.key })).status,
  ).toBe(422); // rejected, with an exception
  const jobs = (await ctx.repos.dispatch.claim("metrics-test", 100, 60_000, ctx.now())).filter(
    (j) => j.kind === "deliver",
  );
  expect(jobs).toHaveLength(8);
  for (const job of jobs)
    if (SCRIPT[ids.get(job.eventId!)!])
      await processJob(ctx, job, { sender, workerId: "metrics-test", random: () => 0.5 });
}

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens, ids: userIds } = await tokensByRole(store, ctx, "metrics"));
  for (const k of ["a", "b", "c"] as const) relays[k] = await makeRelay(ctx, "http://127.0.0.1:9");
  await seed();
  await rollupKpis(ctx);
  route = await import("@/app/api/metrics/route");
});
afterAll(() => store.close());

function scrape(token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  return route.GET(new Request("http://localhost/api/metrics", { headers }), { params: Promise.resolve({}) });
}

async function families(token = tokens.ops): Promise<Map<string, Family>> {
  const res = await scrape(token);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe(Registry.PROMETHEUS_CONTENT_TYPE);
  return parseExposition(await res.text());
}

const perIntegration = (f: Map<string, Family>, name: string) =>
  Object.fromEntries(
    (["a", "b", "c"] as const).map((k) => [k, sampleValue(f, name, name, { integration: relays[k].slug })]),
  );

const HIST = "signalbox_attempt_duration_seconds";
const LE = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "+Inf"];
const attemptBuckets = (f: Map<string, Family>, k: keyof typeof relays) =>
  f
    .get(HIST)!
    .samples.filter((s) => s.name === `${HIST}_bucket` && s.labels.integration === relays[k].slug)
    .map((s) => [s.labels.le, s.value]);
const attemptSumCount = (f: Map<string, Family>, k: keyof typeof relays) =>
  [`${HIST}_sum`, `${HIST}_count`].map((name) => sampleValue(f, HIST, name, { integration: relays[k].slug }));

describe("GET /api/metrics", () => {
  it("declares every family with its type", async () => {
    const f = await families();
    expect(Object.fromEntries([...f.values()].map((x) => [x.name, x.type]))).toEqual({
      signalbox_events_received_total: "counter",
      signalbox_events_delivered_total: "counter",
      signalbox_events_failed_total: "counter",
      signalbox_deliveries_in_flight: "gauge",
      signalbox_queue_depth: "gauge",
      signalbox_oldest_pending_age_seconds: "gauge",
      signalbox_exceptions_open: "gauge",
      signalbox_attempt_duration_seconds: "histogram",
    });
  });

  it("counts records per integration from the rollups, and the live queue", async () => {
    const f = await families();
    expect(perIntegration(f, "signalbox_events_received_total")).toEqual({ a: 5, b: 4, c: 0 });
    expect(perIntegration(f, "signalbox_events_delivered_total")).toEqual({ a: 2, b: 1, c: 0 });
    expect(perIntegration(f, "signalbox_events_failed_total")).toEqual({ a: 1, b: 0, c: 0 });
    expect(perIntegration(f, "signalbox_deliveries_in_flight")).toEqual({ a: 1, b: 1, c: 0 });
    expect(perIntegration(f, "signalbox_queue_depth")).toEqual({ a: 2, b: 2, c: 0 });
    expect(perIntegration(f, "signalbox_exceptions_open")).toEqual({ a: 1, b: 1, c: 0 });
  });

  it("reports the oldest pending record's age in seconds", async () => {
    const oldest = await store.db.event.findFirstOrThrow({
      where: { integrationId: relays.a.integrationId, status: { in: ["received", "processing", "retrying"] } },
      orderBy: { receivedAt: "asc" },
    });
    const before = Date.now();
    const age = perIntegration(await families(), "signalbox_oldest_pending_age_seconds");
    const after = Date.now();
    expect(age.a).toBeGreaterThanOrEqual((before - oldest.receivedAt.getTime()) / 1000);
    expect(age.a).toBeLessThanOrEqual((after - oldest.receivedAt.getTime()) / 1000);
    expect(age.b).toBeGreaterThan(0);
    expect(age.c).toBe(0);
  });

  it("exposes attempt durations as a cumulative histogram in seconds", async () => {
    const f = await families();
    expect(attemptBuckets(f, "a")).toEqual(LE.map((le, i) => [le, [1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 4, 4, 4][i]]));
    expect(attemptBuckets(f, "b")).toEqual(LE.map((le, i) => [le, [0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2][i]]));
    expect(attemptBuckets(f, "c")).toEqual(LE.map((le) => [le, 0]));
    expect([attemptSumCount(f, "a"), attemptSumCount(f, "b"), attemptSumCount(f, "c")]).toEqual([
      [2.343, 4],
      [45.007, 2],
      [0, 0],
    ]);
  });

  it("answers 401 with the error shape without credentials or with a bad or revoked token", async () => {
    const asOps = testContext(store, userActor((await ctx.repos.users.findById(userIds.ops))!, "token"));
    const revoked = await createToken({ ctx: asOps, input: { name: "revoked" } });
    await revokeToken({ ctx: asOps, id: revoked.id });
    for (const token of [undefined, "sbx_pat_nonsense", revoked.token]) {
      const res = await scrape(token);
      expect(res.status, String(token)).toBe(401);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("is readable by every role that holds metrics.read (all of them: no role gets 403)", async () => {
    for (const role of ROLES) {
      expect(can(role, "metrics.read")).toBe(true);
      expect(perIntegration(await families(tokens[role]), "signalbox_events_received_total").a).toBe(5);
    }
  });

  it("sums the rollups over every hour, attempt buckets element-wise (runs last: it adds an older hour)", async () => {
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 5 * 3_600_000);
    // 4 ms, 8 s and 60 s (beyond the last bound): buckets le=0.005 and le=10, the third only in +Inf
    const attempts = { attempts: 3, attemptBuckets: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0], attemptSumMs: 68_004 };
    await store.db.kpiHour.create({
      data: {
        integrationId: relays.a.integrationId,
        hour,
        received: 10,
        succeeded: 7,
        failed: 2,
        ...attempts,
        updatedAt: new Date(),
      },
    });
    const f = await families();
    expect(
      ["received", "delivered", "failed"].map((what) => perIntegration(f, `signalbox_events_${what}_total`).a),
    ).toEqual([15, 9, 3]);
    expect(attemptBuckets(f, "a")).toEqual(LE.map((le, i) => [le, [2, 2, 2, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7][i]]));
    expect(attemptSumCount(f, "a")).toEqual([70.347, 7]);
    expect(attemptSumCount(f, "b")).toEqual([45.007, 2]);
  });
});
