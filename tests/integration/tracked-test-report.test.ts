// "Send a test report" for a tracked integration, through the route handlers on a real store: the event, a stage and
// the outcome are reported as the workflow would, marked as a test (source self_test) in the process view, and never
// counted in the KPIs, while a real report beside it is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { getKpis } from "@/lib/core/kpis/get-kpis";
import { rollupKpis } from "@/lib/core/kpis/rollup";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let tokens: Record<Role, string>;
let key: string;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens } = await tokensByRole(store, ctx, "treport"));
  r.testReport = (await import("@/app/api/v1/integrations/[slug]/test-report/route")).POST;
  r.track = (await import("@/app/api/v1/track/events/route")).POST;
  r.event = (await import("@/app/api/v1/events/[id]/route")).GET;
  const created = await createIntegration({
    ctx,
    input: {
      slug: "tr-invoices",
      name: "Invoice approvals",
      mode: "tracked",
      sourceSystem: "Inbox",
      targetSystem: "Accounting",
      contract: { schema: { type: "object", required: ["invoice"], properties: { invoice: { type: "string" } } } },
    },
  });
  key = created.ingestKey.key;
  await createIntegration({
    ctx,
    input: {
      slug: "tr-relay",
      name: "Relay",
      mode: "relay",
      sourceSystem: "A",
      targetSystem: "B",
      destination: { url: "https://example.com/x" },
    },
  });
});
afterAll(async () => {
  await store.close();
});

const send = (token: string, slug: string, body: unknown) =>
  call(r.testReport!, { method: "POST", token, params: { slug }, body });

describe("send a test report", () => {
  it("reports an event, a stage and the outcome, marked as a test in the process view; ops 403, relay 409", async () => {
    expect((await send(tokens.ops, "tr-invoices", { sample: { invoice: "T-0" } })).status).toBe(403);
    expect((await send(tokens.admin, "tr-relay", {})).status).toBe(409);

    const res = await send(tokens.admin, "tr-invoices", { sample: { invoice: "T-1" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ accepted: true, httpStatus: 201, eventStatus: "succeeded", error: null });
    const view = await call(r.event!, { token: tokens.ops, params: { id: res.body.eventId } });
    expect(view.status).toBe(200);
    expect(view.body.event).toMatchObject({
      source: "self_test",
      status: "succeeded",
      outcome: "success",
      payload: { invoice: "T-1" },
    });
    expect(view.body.stages.map((s: { stage: string; status: string }) => [s.stage, s.status])).toEqual([
      ["received", "succeeded"],
      ["test report", "succeeded"],
    ]);
    expect(view.body.stages[0].detail).toMatchObject({ reportedBy: "Signalbox test (admin-treport@api.test)" });

    // No record body is fine for a tracked report.
    const bare = await send(tokens.admin, "tr-invoices", {});
    expect(bare.body).toMatchObject({ accepted: true, eventStatus: "succeeded" });
    expect(await store.db.auditEntry.count({ where: { action: "integration.test_report" } })).toBe(2);
  });

  it("answers a sample the contract refuses with the problems, and records nothing (no exception for a test)", async () => {
    const before = await store.db.event.count();
    const bad = await send(tokens.admin, "tr-invoices", { sample: { invoice: 5 } });
    expect(bad.body).toMatchObject({
      accepted: false,
      httpStatus: 422,
      eventId: null,
      error: { code: "contract_violation", details: [{ path: "/invoice" }] },
    });
    expect(await store.db.event.count()).toBe(before);
    expect(await store.db.exception.count()).toBe(0);
  });

  it("is never counted in the KPIs; a real report beside it is", async () => {
    const real = await call(r.track!, {
      method: "POST",
      token: key,
      body: { integration: "tr-invoices", idempotencyKey: "real-1", payload: { invoice: "R-1" } },
    });
    expect(real.status).toBe(201);
    await send(tokens.admin, "tr-invoices", { sample: { invoice: "T-2" } });
    expect(await store.db.event.count({ where: { integration: { slug: "tr-invoices" }, source: "self_test" } })).toBe(
      3,
    );
    await rollupKpis(ctx);
    const kpis = await getKpis({ ctx, input: { integration: "tr-invoices" } });
    expect(kpis.totals.received).toBe(1);
  });

  it("refuses an archived integration (410)", async () => {
    await store.db.integration.update({ where: { slug: "tr-invoices" }, data: { archivedAt: new Date() } });
    const res = await send(tokens.admin, "tr-invoices", { sample: { invoice: "T-3" } });
    expect([res.status, res.body.error.code]).toEqual([410, "integration_archived"]);
  });
});
