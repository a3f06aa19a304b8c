// Every GET route of /api/v1 answers exactly its response contract (lib/core/*/schemas.ts): real answers over real
// data, parsed with the strict schemas the console's types come from — a key the contract does not name, or a key it
// names that the answer lacks, fails here. (The reconciliation view's finishedAt and the job view's
// createdAt/finishedAt were missing from the console's hand-written copies.)
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAlertPage } from "@/lib/core/alerts/schemas";
import { ZAuditPage, ZAuditView } from "@/lib/core/audit/schemas";
import { userActor } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import { ZContractExport, ZContractList, ZDrift } from "@/lib/core/contracts/schemas";
import { ZEventDetail, ZEventPage } from "@/lib/core/events/schemas";
import { startBulk } from "@/lib/core/exceptions/bulk";
import { ZExceptionGroups, ZExceptionPage, ZExceptionView, ZJobView } from "@/lib/core/exceptions/schemas";
import { ZIntegrationList, ZIntegrationView, ZKeyList } from "@/lib/core/integrations/schemas";
import { ZKpis } from "@/lib/core/kpis/schemas";
import { ZReadiness, ZReadinessBoard } from "@/lib/core/readiness/schemas";
import { computeReconciliation } from "@/lib/core/reconciliation/reconcile";
import { ZFindingPage, ZReconciliationList, ZReconciliationView } from "@/lib/core/reconciliation/schemas";
import { ZRetentionView, ZStoreView } from "@/lib/core/retention/schemas";
import { ZAuditWebhookView } from "@/lib/core/settings/schemas";
import { ZTokenList } from "@/lib/core/tokens/schemas";
import { ZUserList } from "@/lib/core/users/schemas";
import type { Store } from "@/lib/db/client";
import { ENDPOINTS } from "@/lib/server/openapi";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { ingest, makeRelay, order, useGlobalStore, type Relay } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let tokens: Record<Role, string>;
let relay: Relay;
const seen = { eventId: "", exceptionId: "", jobId: "", reconciliationId: "" };

const called = new Set<string>();
async function route(path: string, method: "GET" | "POST" = "GET"): Promise<Handler> {
  if (method === "GET") called.add(`/api/v1/${path.replace(/\[(\w+)\]/g, "{$1}")}`);
  const file = resolve(import.meta.dirname, "../../app/api/v1", path, "route.ts");
  return ((await import(/* @vite-ignore */ file)) as Record<string, Handler>)[method]!;
}

/** The answer, parsed with the contract; and the contract refuses the same answer with a key more or a key less. */
async function expectContract(
  schema: z.ZodType,
  handler: Handler,
  init: { params?: Record<string, string>; query?: Record<string, string>; role?: Role } = {},
) {
  const res = await call(handler, { token: tokens[init.role ?? "admin"], params: init.params, query: init.query });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  const parsed = schema.safeParse(res.body);
  expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
  if (schema !== ZContractExport) {
    expect(schema.safeParse({ ...res.body, unexpected: 1 }).success, "an unknown key must fail").toBe(false);
    const [first] = Object.keys(res.body);
    const { [first!]: _dropped, ...less } = res.body;
    expect(schema.safeParse(less).success, `a missing ${first} must fail`).toBe(false);
  }
  return res.body;
}

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  let ids: Record<Role, string>;
  ({ tokens, ids } = await tokensByRole(store, ctx, "contracts"));
  relay = await makeRelay(ctx, "http://127.0.0.1:9", { owners: { triage: ids.ops } });
  // One accepted record, one with an unknown field (drift), one that breaks the contract (an exception).
  expect((await ingest(relay.slug, order("c-1"), { key: relay.key })).status).toBe(202);
  expect((await ingest(relay.slug, order("c-2", 1, { colour: "red" }), { key: relay.key })).status).toBe(202);
  const rejected = await ingest(relay.slug, { order: { id: "c-3" } }, { key: relay.key });
  expect(rejected.status).toBe(422);
  const exception = await store.db.exception.findFirstOrThrow({ where: { integrationId: relay.integrationId } });
  seen.eventId = exception.eventId;
  seen.exceptionId = exception.id;
  const admin = testContext(store, userActor((await ctx.repos.users.findById(ids.admin))!, "token"));
  seen.jobId = (
    await startBulk({ ctx: admin, input: { action: "resolve", ids: [exception.id], note: "fixed by hand in the ERP" } })
  ).jobId;
  const now = new Date();
  await store.db.alert.create({
    data: {
      integrationId: relay.integrationId,
      rule: "backlog",
      status: "firing",
      value: 12,
      threshold: 10,
      message: "12 records waiting",
      firedAt: now,
      lastEvaluatedAt: now,
      openKey: `${relay.integrationId}:backlog`,
    },
  });
  const started = await call(await route("integrations/[slug]/reconciliations", "POST"), {
    method: "POST",
    token: tokens.admin,
    params: { slug: relay.slug },
    body: {
      from: new Date(now.getTime() - 3_600_000).toISOString(),
      to: new Date(now.getTime() + 60_000).toISOString(),
    },
  });
  expect(started.status).toBe(201);
  seen.reconciliationId = started.body.id as string;
  for (const side of ["source", "target"])
    expect(
      (
        await call(await route("reconciliations/[id]/upload", "POST"), {
          method: "POST",
          token: tokens.admin,
          params: { id: seen.reconciliationId },
          query: { side },
          body: side === "source" ? ["c-1", "never-sent"] : ["erp-9"],
        })
      ).status,
    ).toBe(200);
  await call(await route("reconciliations/[id]/run", "POST"), {
    method: "POST",
    token: tokens.admin,
    params: { id: seen.reconciliationId },
  });
  await computeReconciliation(ctx, seen.reconciliationId);
});
afterAll(() => store.close());

describe("GET answers match their response contracts exactly", () => {
  it("events: the list and one event with its timeline, exceptions and audit", async () => {
    const page = await expectContract(ZEventPage, await route("events"));
    expect(page.items.length).toBeGreaterThanOrEqual(3);
    const detail = await expectContract(ZEventDetail, await route("events/[id]"), { params: { id: seen.eventId } });
    expect(detail.stages.length).toBeGreaterThan(0);
    expect(detail.exceptions.length).toBe(1);
    await expectContract(ZEventDetail, await route("events/[id]"), {
      params: { id: seen.eventId },
      query: { payloads: "brief" },
      role: "manager",
    });
  });

  it("exceptions: the queue, one exception, the groups; a bulk job with createdAt and finishedAt", async () => {
    const queue = await expectContract(ZExceptionPage, await route("exceptions"), { role: "ops" });
    expect(queue.items.length).toBe(1);
    await expectContract(ZExceptionView, await route("exceptions/[id]"), { params: { id: seen.exceptionId } });
    expect((await expectContract(ZExceptionGroups, await route("exceptions/groups"))).items.length).toBe(1);
    const job = await expectContract(ZJobView, await route("jobs/[id]"), { params: { id: seen.jobId } });
    expect(job).toMatchObject({ createdAt: expect.any(String), finishedAt: null });
  });

  it("integrations: list (with the archived), one, contracts, drift, export, keys, readiness", async () => {
    const slug = { slug: relay.slug };
    expect((await expectContract(ZIntegrationList, await route("integrations"))).items.length).toBe(1);
    await expectContract(ZIntegrationList, await route("integrations"), {
      query: { archived: "true" },
      role: "manager",
    });
    await expectContract(ZIntegrationView, await route("integrations/[slug]"), { params: slug, role: "ops" });
    await expectContract(ZContractList, await route("integrations/[slug]/contracts"), { params: slug });
    const drift = await expectContract(ZDrift, await route("integrations/[slug]/contracts/[version]/drift"), {
      params: { ...slug, version: "1" },
    });
    expect(drift.proposal).not.toBeNull();
    await expectContract(ZContractExport, await route("integrations/[slug]/contracts/[version]/export"), {
      params: { ...slug, version: "1" },
    });
    expect(
      (await expectContract(ZKeyList, await route("integrations/[slug]/keys"), { params: slug })).items,
    ).toHaveLength(1);
    await expectContract(ZReadiness, await route("integrations/[slug]/readiness"), { params: slug });
    await expectContract(ZReadinessBoard, await route("readiness"));
  });

  it("reconciliations: the list, one (with finishedAt once done) and its findings", async () => {
    const id = { id: seen.reconciliationId };
    await expectContract(ZReconciliationList, await route("integrations/[slug]/reconciliations"), {
      params: { slug: relay.slug },
    });
    const done = await expectContract(ZReconciliationView, await route("reconciliations/[id]"), { params: id });
    expect(done).toMatchObject({ status: "done", finishedAt: expect.any(String) });
    const findings = await expectContract(ZFindingPage, await route("reconciliations/[id]/findings"), { params: id });
    expect(findings.items.length).toBeGreaterThan(0);
  });

  it("alerts, audit, KPIs, tokens (own and everyone's) and users", async () => {
    expect((await expectContract(ZAlertPage, await route("alerts"), { role: "manager" })).items).toHaveLength(1);
    expect((await expectContract(ZAuditPage, await route("audit"))).items.length).toBeGreaterThan(0);
    // The export streams NDJSON: every line is one entry in the list's contract.
    const period = { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date().toISOString() };
    const exported = await (
      await route("audit/export")
    )(
      new Request(`http://localhost/api?${new URLSearchParams(period)}`, {
        headers: { authorization: `Bearer ${tokens.admin}` },
      }),
      { params: Promise.resolve({}) },
    );
    expect(exported.status).toBe(200);
    const lines = (await exported.text()).trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(ZAuditView.safeParse(JSON.parse(line)).success, line).toBe(true);
    const kpis = await expectContract(ZKpis, await route("kpis"), { role: "manager" });
    expect(kpis.ranking).toHaveLength(1);
    await expectContract(ZTokenList, await route("tokens"), { role: "ops" });
    const all = await expectContract(ZTokenList, await route("tokens"), { query: { all: "true" } });
    expect(all.items.every((t: { owner?: unknown }) => t.owner)).toBe(true);
    await expectContract(ZUserList, await route("users"));
    expect((await expectContract(ZAuditWebhookView, await route("settings/audit-webhook"))).configured).toBe(false);
    const retention = await expectContract(ZRetentionView, await route("settings/retention"), { role: "manager" });
    expect(retention.policy.defaults.payloadDays).toBe(90);
    const held = await expectContract(ZStoreView, await route("store"), { role: "ops" });
    expect(held.rows.events).toBeGreaterThan(0);
  });

  it("leaves no GET endpoint of /api/v1 unchecked", () => {
    const gets = ENDPOINTS.filter((ep) => ep.method === "GET" && ep.path.startsWith("/api/v1/")).map((ep) => ep.path);
    expect(gets.filter((p) => !called.has(p))).toEqual([]);
  });
});
