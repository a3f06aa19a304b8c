// Reconciliation on a seeded data set whose answer is known: exactly the
// planted differences come out, on SQLite and on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import type { WorkerHandle } from "@/lib/worker/run";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { eventually, ingest, makeRelay, startWorker, useGlobalStore, type Relay } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let worker: WorkerHandle;
let relay: Relay;
let tokens: Record<Role, string>;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens } = await tokensByRole(store, ctx, "rec"));
  relay = await makeRelay(ctx, "http://127.0.0.1:9", {
    rateLimit: { perSecond: 10_000, burst: 10_000 },
    contract: {
      schema: { type: "object", required: ["order"] },
      idempotencyKeyPaths: ["/order/id"],
      entityKeyPath: "/order/id",
    },
  });
  // Seed: R1..R6 received; their delivery state set directly (the pipeline is tested elsewhere).
  const states: Record<string, { status: "succeeded" | "failed"; targetId?: string }> = {
    R1: { status: "succeeded", targetId: "T1" },
    R2: { status: "succeeded", targetId: "T2" },
    R3: { status: "failed" },
    R4: { status: "succeeded", targetId: "T4" },
    R5: { status: "succeeded", targetId: "T5" },
    R6: { status: "succeeded", targetId: "T6" },
  };
  const now = new Date();
  for (const [id, state] of Object.entries(states)) {
    const res = await ingest(relay.slug, { order: { id } }, { key: relay.key });
    await ctx.repos.queue.deleteForEvent(res.body.id!, "deliver");
    await ctx.repos.events.transition(
      res.body.id!,
      null,
      {
        status: state.status,
        outcome: state.status === "succeeded" ? "success" : "failed",
        completedAt: now,
        targetId: state.targetId ?? null,
      },
      now,
    );
  }
  worker = await startWorker(ctx, store);
  const load = {
    start: (await import("@/app/api/v1/integrations/[slug]/reconciliations/route")).POST,
    get: (await import("@/app/api/v1/reconciliations/[id]/route")).GET,
    upload: (await import("@/app/api/v1/reconciliations/[id]/upload/route")).POST,
    run: (await import("@/app/api/v1/reconciliations/[id]/run/route")).POST,
    findings: (await import("@/app/api/v1/reconciliations/[id]/findings/route")).GET,
    exceptions: (await import("@/app/api/v1/reconciliations/[id]/exceptions/route")).POST,
  };
  Object.assign(r, load);
});
afterAll(async () => {
  await worker.stop();
  await store.close();
});

const period = () => ({
  from: new Date(Date.now() - 3_600_000).toISOString(),
  to: new Date(Date.now() + 3_600_000).toISOString(),
});

async function upload(id: string, side: "source" | "target", body: string, type: string, token = tokens.ops) {
  const res = await r.upload!(
    new Request(`http://localhost/api/v1/reconciliations/${id}/upload?side=${side}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": type },
      body,
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: res.status, body: await res.json() };
}

async function findingsOf(id: string) {
  const res = await call(r.findings!, { token: tokens.manager, params: { id } });
  return res.body.items as {
    kind: string;
    sourceId: string | null;
    targetId: string | null;
    id: string;
    eventId: string | null;
    detail: string;
  }[];
}

describe("reconciliation", () => {
  it("finds exactly the planted differences", async () => {
    expect(
      (await call(r.start!, { method: "POST", token: tokens.manager, params: { slug: relay.slug }, body: period() }))
        .status,
    ).toBe(403);
    const started = await call(r.start!, {
      method: "POST",
      token: tokens.ops,
      params: { slug: relay.slug },
      body: period(),
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    expect(
      (await upload(id, "source", "record_id\nR1\nR2\nR3\r\nR4\nR5\n\nR7\nR1\n", "text/csv")).body.sourceCount,
    ).toBe(6);
    const target = await upload(
      id,
      "target",
      JSON.stringify([
        { targetId: "T1", sourceId: "R1" },
        { targetId: "T4x", sourceId: "R4" },
        "T5",
        { targetId: "T9", sourceId: "R9" },
        { id: "T10" },
      ]),
      "application/json",
    );
    expect(target.body.targetCount).toBe(5);
    expect((await call(r.run!, { method: "POST", token: tokens.ops, params: { id } })).status).toBe(202);
    const done = await eventually(async () => {
      const g = await call(r.get!, { token: tokens.manager, params: { id } });
      return g.body.status === "done" ? g.body : null;
    });
    expect(done.summary).toEqual({
      missing_received: 1,
      not_delivered: 1,
      missing_in_target: 1,
      unknown_in_target: 2,
      id_mismatch: 1,
    });
    const found = (await findingsOf(id)).map((f) => `${f.kind} ${f.sourceId ?? "-"} ${f.targetId ?? "-"}`).sort();
    expect(found).toEqual([
      "id_mismatch R4 T4x",
      "missing_in_target R2 T2",
      "missing_received R7 -",
      "not_delivered R3 -",
      "unknown_in_target - T10",
      "unknown_in_target R9 T9",
    ]);
    const mismatch = (await findingsOf(id)).find((f) => f.kind === "id_mismatch")!;
    expect(mismatch.detail).toBe("Signalbox delivered it as T4, the target holds it as T4x");
    expect((await upload(id, "source", "R8", "text/plain")).status).toBe(409);
  });

  it("opens exceptions for findings: one, or every finding of a kind; a never-received record gets an event of its own", async () => {
    const started = await call(r.start!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: relay.slug },
      body: period(),
    });
    const id = started.body.id as string;
    await upload(id, "source", "R2\nR3\nR70\nR71\n", "text/plain", tokens.admin);
    await call(r.run!, { method: "POST", token: tokens.admin, params: { id } });
    await eventually(async () =>
      (await call(r.get!, { token: tokens.admin, params: { id } })).body.status === "done" ? true : null,
    );
    const all = await findingsOf(id);
    expect(all.filter((f) => f.kind === "missing_received")).toHaveLength(2);
    const byKind = await call(r.exceptions!, {
      method: "POST",
      token: tokens.ops,
      params: { id },
      body: { kind: "missing_received" },
    });
    expect(byKind.body).toEqual({ opened: 2 });
    const synthetic = await store.db.event.findMany({
      where: { integrationId: relay.integrationId, source: "reconciliation" },
      include: { exceptions: true },
    });
    expect(synthetic.map((e) => e.entityKey).sort()).toEqual(["R70", "R71"]);
    expect(synthetic[0]!.exceptions[0]).toMatchObject({ status: "open", reason: "reconciliation_missing_received" });
    const missing = all.find((f) => f.kind === "missing_in_target")!;
    expect(
      (
        await call(r.exceptions!, {
          method: "POST",
          token: tokens.ops,
          params: { id },
          body: { findingIds: [missing.id] },
        })
      ).body,
    ).toEqual({ opened: 1 });
    expect(
      (
        await call(r.exceptions!, {
          method: "POST",
          token: tokens.ops,
          params: { id },
          body: { findingIds: [missing.id] },
        })
      ).body,
    ).toEqual({ opened: 0 });
    const exception = await ctx.repos.exceptions.findOpenForEvent(missing.eventId!);
    expect(exception).toMatchObject({ reason: "reconciliation_missing_in_target" });
    // the retry for "delivered but missing in the target" sends the delivered record again
    const retry = (await import("@/app/api/v1/exceptions/[id]/retry/route")).POST;
    expect((await call(retry, { method: "POST", token: tokens.ops, params: { id: exception!.id } })).status).toBe(202);
    expect(await store.db.queueJob.count({ where: { eventId: missing.eventId! } })).toBe(1);
  });

  it("streams a 100 000-id upload", async () => {
    const started = await call(r.start!, {
      method: "POST",
      token: tokens.ops,
      params: { slug: relay.slug },
      body: period(),
    });
    const id = started.body.id as string;
    const lines = Array.from({ length: 100_000 }, (_, i) => `BIG-${i}`).join("\n");
    const res = await upload(id, "source", lines, "text/csv");
    expect(res.status).toBe(200);
    expect(res.body.sourceCount).toBe(100_000);
    expect(await store.db.reconciliationItem.count({ where: { reconciliationId: id } })).toBe(100_000);
  }, 120_000);
});
