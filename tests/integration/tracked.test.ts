// Tracked mode (API.md §3) through the real route handlers and a real store,
// including a manual retry that calls the integration's replay webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { retryException } from "@/lib/core/exceptions/retry-exception";
import type { Store } from "@/lib/db/client";
import type { WorkerHandle } from "@/lib/worker/run";
import { viaLean } from "./helpers/lean";
import { eventually, startWorker, useGlobalStore } from "./helpers/pipeline";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let store: Store;
let ctx: Ctx;
let sink: Sink;
let worker: WorkerHandle;
let routes: { events: Handler; stages: Handler; outcome: Handler };
let flow: { slug: string; key: string; id: string };

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  sink = await startSink();
  worker = await startWorker(ctx, store);
  routes = {
    events: viaLean("/api/v1/track/events"),
    stages: (await import("@/app/api/v1/track/events/[id]/stages/route")).POST,
    outcome: (await import("@/app/api/v1/track/events/[id]/outcome/route")).POST,
  };
  const created = await createIntegration({
    ctx,
    input: {
      slug: "invoice-flow",
      name: "Invoice flow",
      mode: "tracked",
      sourceSystem: "Inbox",
      targetSystem: "Accounting",
      replayWebhook: { url: `${sink.url}/replay`, allowPrivateNetwork: true },
      contract: { schema: { type: "object", required: ["invoice"] } },
    },
  });
  flow = { slug: "invoice-flow", key: created.ingestKey.key, id: created.integration.id };
});
afterAll(async () => {
  await worker.stop();
  await sink.close();
  await store.close();
});

async function call(
  handler: Handler,
  body: unknown,
  params: Record<string, string> = {},
  key: string | null = flow.key,
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key) headers.authorization = `Bearer ${key}`;
  const res = await handler(
    new Request("http://localhost/api/v1/track", { method: "POST", headers, body: JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return {
    status: res.status,
    body: (await res.json()) as Record<string, unknown> & { id: string; status: string; error?: { code: string } },
  };
}

describe("tracked reporting", () => {
  it("records an event (201), its stages with durations, and a success outcome", async () => {
    const created = await call(routes.events, {
      integration: flow.slug,
      idempotencyKey: "inv-1",
      correlationId: "deal-9",
      payload: { invoice: "INV-1" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "received", correlationId: "deal-9", duplicate: false });
    const id = created.body.id;
    const t0 = new Date(Date.now() - 5_000).toISOString();
    const t1 = new Date(Date.now() - 2_000).toISOString();
    expect((await call(routes.stages, { stage: "extract", status: "started", at: t0 }, { id })).body.status).toBe(
      "processing",
    );
    await call(routes.stages, { stage: "extract", status: "succeeded", at: t1 }, { id });
    await call(routes.stages, { stage: "approve", status: "started" }, { id });
    expect((await call(routes.outcome, { outcome: "success" }, { id })).body.status).toBe("succeeded");
    const stages = await ctx.repos.events.stages(id);
    // The timeline is in the order things happened: the workflow's own times first.
    expect(stages.map((s) => [s.stage, s.status])).toEqual([
      ["extract", "succeeded"],
      ["received", "succeeded"],
      ["approve", "started"],
    ]);
    expect(stages[0]!.durationMs).toBe(3_000);
    expect(await ctx.repos.events.findById(id)).toMatchObject({
      status: "succeeded",
      outcome: "success",
      source: "tracked",
    });
  });

  it("same rules as ingest: duplicate 200, conflict 422, contract violation 422 recorded", async () => {
    const first = await call(routes.events, {
      integration: flow.slug,
      idempotencyKey: "inv-2",
      payload: { invoice: "INV-2" },
    });
    const dup = await call(routes.events, {
      integration: flow.slug,
      idempotencyKey: "inv-2",
      payload: { invoice: "INV-2" },
    });
    expect(dup.status).toBe(200);
    expect(dup.body).toMatchObject({ id: first.body.id, duplicate: true });
    const clash = await call(routes.events, {
      integration: flow.slug,
      idempotencyKey: "inv-2",
      payload: { invoice: "OTHER" },
    });
    expect([clash.status, clash.body.error?.code, clash.body.id]).toEqual([
      422,
      "idempotency_key_conflict",
      first.body.id,
    ]);
    const bad = await call(routes.events, { integration: flow.slug, idempotencyKey: "inv-3", payload: { nope: true } });
    expect([bad.status, bad.body.error?.code]).toEqual([422, "contract_violation"]);
    expect((await ctx.repos.events.findById(bad.body.id))?.status).toBe("rejected");
  });

  it("answers 401 without a key, 403 for another integration's slug or event, 404 for an unknown event", async () => {
    expect((await call(routes.events, { integration: flow.slug }, {}, null)).status).toBe(401);
    expect((await call(routes.events, { integration: "someone-else" })).status).toBe(403);
    const other = await createIntegration({
      ctx,
      input: { slug: "other-flow", name: "Other", mode: "tracked", sourceSystem: "A", targetSystem: "B" },
    });
    const theirs = await call(
      routes.events,
      { integration: "other-flow", idempotencyKey: "x" },
      {},
      other.ingestKey.key,
    );
    expect((await call(routes.stages, { stage: "s", status: "started" }, { id: theirs.body.id })).status).toBe(403);
    expect((await call(routes.outcome, { outcome: "success" }, { id: "nope" })).status).toBe(404);
  });

  it("a failed outcome opens an exception; a manual retry calls the replay webhook; success resolves it", async () => {
    const created = await call(routes.events, {
      integration: flow.slug,
      idempotencyKey: "inv-4",
      payload: { invoice: "INV-4" },
    });
    const id = created.body.id;
    await call(
      routes.stages,
      { stage: "post", status: "failed", errorCategory: "permanent", error: "Accounting said: vendor unknown" },
      { id },
    );
    expect((await call(routes.outcome, { outcome: "failed", error: "vendor unknown" }, { id })).body.status).toBe(
      "failed",
    );
    const exception = await ctx.repos.exceptions.findOpenForEvent(id);
    expect(exception).toMatchObject({ category: "permanent", reason: "workflow_failed", status: "open" });

    const before = sink.requests.length;
    await retryException({ ctx, id: exception!.id });
    await sink.waitFor(before + 1);
    const replay = sink.requests.at(-1)!;
    expect(replay.url).toBe("/replay");
    expect(JSON.parse(replay.body)).toMatchObject({
      type: "signalbox.replay_requested",
      eventId: id,
      idempotencyKey: "inv-4",
      payload: { invoice: "INV-4" },
    });
    const stage = await eventually(async () =>
      (await ctx.repos.events.stages(id)).find((s) => s.stage === "replay_requested"),
    );
    expect(stage).toMatchObject({ status: "succeeded", responseStatus: 200 });
    expect((await ctx.repos.events.findById(id))?.status).toBe("processing");
    await expect(retryException({ ctx, id: exception!.id })).rejects.toMatchObject({ code: "invalid_state" });

    await call(routes.outcome, { outcome: "success" }, { id });
    const closed = await ctx.repos.exceptions.findById(exception!.id);
    expect(closed).toMatchObject({ status: "resolved", resolution: "retried" });
  });
});
