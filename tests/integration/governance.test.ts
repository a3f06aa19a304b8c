// Contract change management, readiness, the self-test and the go-live gate,
// through the route handlers on a real store.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userActor } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import { createToken } from "@/lib/core/tokens/tokens";
import { createUser } from "@/lib/core/users/create-user";
import type { Store } from "@/lib/db/client";
import { call, tokensByRole, type Handler, type Role } from "./helpers/api";
import { ingest, useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let tokens: Record<Role, string>;
let ids: Record<Role, string>;
let admin2: string;
const r = {} as Record<string, Handler>;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens, ids } = await tokensByRole(store, ctx, "gov"));
  const second = await createUser({
    ctx,
    input: { email: "admin2@gov.test", name: "Second Admin", role: "admin", password: "a long enough password" },
  });
  admin2 = (
    await createToken({
      ctx: testContext(store, userActor((await ctx.repos.users.findById(second.id))!, "token")),
      input: { name: "t" },
    })
  ).token;
  r.create = (await import("@/app/api/v1/integrations/route")).POST;
  r.patch = (await import("@/app/api/v1/integrations/[slug]/route")).PATCH;
  r.contracts = (await import("@/app/api/v1/integrations/[slug]/contracts/route")).POST;
  r.approve = (await import("@/app/api/v1/integrations/[slug]/contracts/[version]/approve/route")).POST;
  r.drift = (await import("@/app/api/v1/integrations/[slug]/contracts/[version]/drift/route")).GET;
  r.export = (await import("@/app/api/v1/integrations/[slug]/contracts/[version]/export/route")).GET;
  r.import = (await import("@/app/api/v1/integrations/[slug]/contracts/import/route")).POST;
  r.readiness = (await import("@/app/api/v1/integrations/[slug]/readiness/route")).GET;
  r.confirm = (await import("@/app/api/v1/integrations/[slug]/readiness/confirm/route")).POST;
  r.selfTest = (await import("@/app/api/v1/integrations/[slug]/self-test/route")).POST;
  r.goLive = (await import("@/app/api/v1/integrations/[slug]/go-live/route")).POST;
  r.board = (await import("@/app/api/v1/readiness/route")).GET;
});
afterAll(() => store.close());

const schemaV1 = {
  type: "object",
  required: ["id"],
  properties: { id: { type: "string" }, total: { type: "number" }, note: { type: "string" } },
};
const contract = (schema: object) => ({
  schema,
  idempotencyKeyPaths: ["/id"],
  entityKeyPath: "/id",
  mapping: [
    { from: "/id", to: "/ref" },
    { from: "/total", to: "/amount" },
  ],
  sourceOfTruth: [
    { field: "/id", system: "Shop" },
    { field: "/total", system: "Shop" },
  ],
});

async function integration(slug: string, extra: Record<string, unknown> = {}) {
  const res = await call(r.create!, {
    method: "POST",
    token: tokens.admin,
    body: {
      slug,
      name: slug,
      mode: "relay",
      sourceSystem: "Shop",
      targetSystem: "ERP",
      destination: { url: "https://erp.example/orders" },
      contract: contract(schemaV1),
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  return res.body as { ingestKey: { key: string }; integration: { id: string } };
}

describe("contract change management", () => {
  it("the author may approve a version with no breaking change; a breaking change needs another admin", async () => {
    const created = await integration("gov-orders");
    expect(
      (await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug: "gov-orders", version: "1" } }))
        .body.status,
    ).toBe("active");

    const v2 = await call(r.contracts!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-orders" },
      body: contract({
        ...schemaV1,
        required: ["id", "total"],
        properties: { id: { type: "string" }, total: { type: "number" } },
      }),
    });
    expect(v2.status).toBe(201);
    expect(v2.body.diff.breaking).toBe(true);
    expect(v2.body.diff.changes.map((c: { kind: string; path: string }) => `${c.kind} ${c.path}`).sort()).toEqual([
      "field_removed /note",
      "newly_required /total",
    ]);

    const self = await call(r.approve!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-orders", version: "2" },
    });
    expect([self.status, self.body.error.code]).toEqual([403, "self_approval"]);
    for (const role of ["ops", "manager"] as const)
      expect(
        (await call(r.approve!, { method: "POST", token: tokens[role], params: { slug: "gov-orders", version: "2" } }))
          .status,
      ).toBe(403);
    const approved = await call(r.approve!, {
      method: "POST",
      token: admin2,
      params: { slug: "gov-orders", version: "2" },
    });
    expect(approved.body).toMatchObject({ version: 2, status: "active", approvedAt: expect.any(String) });
    const versions = await store.db.contractVersion.findMany({
      where: { integrationId: created.integration.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.status)).toEqual(["superseded", "active"]);
    const audit = await store.db.auditEntry.findFirst({
      where: { action: "contract.approve", actorLabel: "admin2@gov.test" },
    });
    expect(JSON.stringify(audit?.after)).toContain("newly_required");
    expect(
      (await call(r.approve!, { method: "POST", token: admin2, params: { slug: "gov-orders", version: "2" } })).status,
    ).toBe(409);

    const accepted = await ingest("gov-orders", { id: "A-1", total: 5 }, { key: created.ingestKey.key });
    expect(
      (await store.db.event.findUniqueOrThrow({ where: { id: accepted.body.id! }, include: { contract: true } }))
        .contract?.version,
    ).toBe(2);
    expect((await ingest("gov-orders", { id: "A-2" }, { key: created.ingestKey.key })).status).toBe(422);

    const v3 = await call(r.contracts!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-orders" },
      body: contract({
        type: "object",
        required: ["id", "total"],
        properties: { id: { type: "string" }, total: { type: "number" }, channel: { type: "string" } },
      }),
    });
    expect(v3.body.diff.breaking).toBe(false);
    expect(
      (await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug: "gov-orders", version: "3" } }))
        .status,
    ).toBe(200);
  });

  it("drift: unknown fields and failures by path, with a proposed next version", async () => {
    const created = await integration("gov-drift");
    await ingest("gov-drift", { id: "D-1", total: 1, giftWrap: true }, { key: created.ingestKey.key });
    await ingest("gov-drift", { id: "D-2", total: "x" }, { key: created.ingestKey.key });
    const drift = await call(r.drift!, { token: tokens.manager, params: { slug: "gov-drift", version: "1" } });
    expect(drift.body.unknownFields).toEqual([expect.objectContaining({ path: "/giftWrap", count: 1 })]);
    expect(drift.body.validationFailures).toEqual([expect.objectContaining({ path: "/total", count: 1 })]);
    expect(drift.body.proposal.schema.properties.giftWrap).toEqual({
      type: "boolean",
      description: "added from drift",
    });
  });

  it("export and import round-trip a version as a JSON Schema file", async () => {
    await integration("gov-export");
    const file = await call(r.export!, { token: tokens.ops, params: { slug: "gov-export", version: "1" } });
    expect(file.body).toMatchObject({
      $schema: "https://json-schema.org/draft/2020-12/schema",
      required: ["id"],
      "x-signalbox": { idempotencyKeyPaths: ["/id"], entityKeyPath: "/id" },
    });
    expect(
      (await call(r.import!, { method: "POST", token: tokens.ops, params: { slug: "gov-export" }, body: file.body }))
        .status,
    ).toBe(403);
    const imported = await call(r.import!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-export" },
      body: file.body,
    });
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({
      version: 2,
      status: "draft",
      schema: schemaV1,
      idempotencyKeyPaths: ["/id"],
      mapping: contract(schemaV1).mapping,
    });
    expect(imported.body.diff).toEqual({ breaking: false, changes: [] });
  });
});

describe("self-test and the go-live gate", () => {
  it("a new integration misses all seven checks and go-live is refused with the list", async () => {
    await integration("gov-bare", { runbook: "", manualFallback: "" });
    const readiness = await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-bare" } });
    expect(readiness.body.missing).toHaveLength(7);
    const refused = await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-bare" } });
    expect([refused.status, refused.body.error.code]).toEqual([409, "readiness_incomplete"]);
    expect(refused.body.error.details.map((d: { check: string }) => d.check)).toEqual(readiness.body.missing);
    expect(
      await store.db.auditEntry.count({ where: { action: "integration.go_live_refused" } }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("the self-test goes through the real ingest path: one event, one duplicate, nothing delivered, guard untouched", async () => {
    const created = await integration("gov-self", { contract: { ...contract(schemaV1), versionPath: "/v" } });
    const before = await call(r.selfTest!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-self" },
      body: { sample: { id: "S-1", v: 3 } },
    });
    expect([before.status, before.body.error.code]).toEqual([409, "invalid_state"]);
    await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug: "gov-self", version: "1" } });
    expect(
      (await call(r.selfTest!, { method: "POST", token: tokens.ops, params: { slug: "gov-self" }, body: {} })).status,
    ).toBe(403);
    const bad = await call(r.selfTest!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-self" },
      body: { sample: { total: 1 } },
    });
    expect([bad.status, bad.body.error.details[0].path]).toEqual([400, "/sample/id"]);
    const res = await call(r.selfTest!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-self" },
      body: { sample: { id: "S-1", v: 3, total: 1 } },
    });
    expect(res.status).toBe(200);
    expect(res.body.passed).toBe(true);
    expect(res.body.steps.every((s: { ok: boolean }) => s.ok)).toBe(true);
    const events = await store.db.event.findMany({ where: { integrationId: created.integration.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      source: "self_test",
      status: "discarded",
      duplicateCount: 1,
      idempotencyKey: res.body.idempotencyKey,
    });
    expect(await store.db.queueJob.count({ where: { eventId: events[0]!.id } })).toBe(0);
    expect(await store.db.entityVersion.count({ where: { integrationId: created.integration.id } })).toBe(0);
    const readiness = await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-self" } });
    expect(readiness.body.checks.find((c: { key: string }) => c.key === "idempotency_tested")).toMatchObject({
      ok: true,
      how: "data",
    });
  });

  it("one check missing goes live with the warning in the audit entry; none missing goes live clean", async () => {
    const full = {
      owners: { triage: ids.ops },
      runbook: "Call the ERP team.",
      manualFallback: "Key it in.",
      alertThresholds: { failureRatePct: 5 },
    };
    for (const slug of ["gov-one", "gov-zero"]) {
      await integration(slug, full);
      await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug, version: "1" } });
    }
    // gov-one: idempotency not tested (1 missing)
    const one = await call(r.goLive!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-one" },
      body: { note: "launch" },
    });
    expect(one.status).toBe(200);
    expect(one.body.integration.lifecycle).toBe("live");
    expect(one.body.warning).toMatchObject({ check: "idempotency_tested" });
    const audit = await store.db.auditEntry.findFirst({
      where: { action: "integration.go_live", objectId: one.body.integration.id },
    });
    expect(JSON.stringify(audit?.after)).toContain("went live with one readiness check missing");
    expect((await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-one" } })).status).toBe(
      409,
    );

    // gov-zero: the missing check satisfied by the self-test → nothing missing
    expect(
      (
        await call(r.selfTest!, {
          method: "POST",
          token: tokens.admin,
          params: { slug: "gov-zero" },
          body: { sample: { id: "Z-1", total: 1 } },
        })
      ).body.passed,
    ).toBe(true);
    expect((await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-zero" } })).body.missing).toEqual(
      [],
    );
    const zero = await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-zero" } });
    expect([zero.status, zero.body.warning]).toEqual([200, null]);
    expect(
      (await call(r.goLive!, { method: "POST", token: tokens.manager, params: { slug: "gov-zero" } })).status,
    ).toBe(403);
  });

  it("two missing is refused; the readiness board lists every integration", async () => {
    await integration("gov-two", { owners: { triage: ids.ops }, runbook: "x", manualFallback: "y" });
    await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug: "gov-two", version: "1" } });
    const readiness = await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-two" } });
    expect(readiness.body.missing.sort()).toEqual(["alert_thresholds", "idempotency_tested"]);
    const refused = await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-two" } });
    expect([refused.status, refused.body.error.details.length]).toEqual([409, 2]);
    const board = await call(r.board!, { token: tokens.manager });
    const row = board.body.items.find((i: { slug: string }) => i.slug === "gov-two");
    expect(row).toMatchObject({ canGoLive: false, missing: expect.arrayContaining(["alert_thresholds"]) });
  });

  it("a computed check cannot be confirmed by hand; a fact outside Signalbox can, with a meaningful note", async () => {
    await integration("gov-hand", {
      owners: { triage: ids.ops },
      runbook: "",
      manualFallback: "Key it in.",
      alertThresholds: { failureRatePct: 5 },
    });
    for (const check of [
      "contract_approved",
      "source_of_truth",
      "idempotency_tested",
      "retry_and_owner",
      "alert_thresholds",
    ]) {
      const refused = await call(r.confirm!, {
        method: "POST",
        token: tokens.admin,
        params: { slug: "gov-hand" },
        body: { check, note: "Tested by QA with the staging ERP" },
      });
      expect([refused.status, refused.body.error.code]).toEqual([422, "check_computed"]);
      expect(refused.body.error.message).toMatch(/computed by Signalbox and cannot be confirmed by hand: \w/);
    }
    expect(await store.db.readinessConfirmation.count({ where: { integration: { slug: "gov-hand" } } })).toBe(0);
    const approveHint = await call(r.confirm!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-hand" },
      body: { check: "contract_approved", note: "it is fine, trust me" },
    });
    expect(approveHint.body.error.message).toContain("approve a contract version");

    // A confirmation stored for a computed check before the rule no longer counts.
    const id = (await store.db.integration.findUniqueOrThrow({ where: { slug: "gov-hand" } })).id;
    await store.db.readinessConfirmation.create({
      data: {
        integrationId: id,
        check: "contract_approved",
        note: "ok",
        confirmedById: ids.admin,
        confirmedAt: new Date(),
      },
    });
    const readiness = await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-hand" } });
    expect(readiness.body.checks.find((c: { key: string }) => c.key === "contract_approved")).toMatchObject({
      ok: false,
      how: "missing",
      confirmable: false,
      kind: "computed",
    });

    for (const note of ["ok", "x", "yes it is done"]) {
      const res = await call(r.confirm!, {
        method: "POST",
        token: tokens.admin,
        params: { slug: "gov-hand" },
        body: { check: "runbook", note },
      });
      expect([res.status, res.body.error.code]).toEqual([400, "invalid_input"]);
    }
    expect(
      (
        await call(r.confirm!, {
          method: "POST",
          token: tokens.ops,
          params: { slug: "gov-hand" },
          body: { check: "runbook", note: "Reviewed in Confluence by the ERP team" },
        })
      ).status,
    ).toBe(403);
    const ok = await call(r.confirm!, {
      method: "POST",
      token: tokens.admin,
      params: { slug: "gov-hand" },
      body: { check: "runbook", note: "Reviewed in Confluence by the ERP team" },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.checks.find((c: { key: string }) => c.key === "runbook")).toMatchObject({
      ok: true,
      how: "confirmed",
      confirmedById: ids.admin,
    });
    expect(await store.db.auditEntry.count({ where: { action: "readiness.confirm", objectId: id } })).toBe(1);
  });

  it("the admin who confirmed two missing checks personally cannot take it live; another admin can", async () => {
    await integration("gov-self-conf", {
      owners: { triage: ids.ops },
      runbook: "",
      manualFallback: "",
      alertThresholds: { failureRatePct: 5 },
    });
    await call(r.approve!, { method: "POST", token: tokens.admin, params: { slug: "gov-self-conf", version: "1" } });
    expect(
      (
        await call(r.selfTest!, {
          method: "POST",
          token: tokens.admin,
          params: { slug: "gov-self-conf" },
          body: { sample: { id: "SC-1", total: 1 } },
        })
      ).body.passed,
    ).toBe(true);
    for (const check of ["runbook", "manual_fallback"]) {
      expect(
        (
          await call(r.confirm!, {
            method: "POST",
            token: tokens.admin,
            params: { slug: "gov-self-conf" },
            body: { check, note: `${check} checked with the warehouse team on Monday` },
          })
        ).status,
      ).toBe(200);
    }
    expect(
      (await call(r.readiness!, { token: tokens.manager, params: { slug: "gov-self-conf" } })).body.missing,
    ).toEqual([]);
    const refused = await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-self-conf" } });
    expect([refused.status, refused.body.error.code]).toEqual([409, "readiness_self_confirmed"]);
    expect(refused.body.error.message).toContain("Runbook written or reviewed");
    expect(refused.body.error.message).toContain("Manual fallback documented or rehearsed");
    expect(refused.body.error.details.map((d: { check: string }) => d.check)).toEqual(["runbook", "manual_fallback"]);
    const id = (await store.db.integration.findUniqueOrThrow({ where: { slug: "gov-self-conf" } })).id;
    expect(await store.db.auditEntry.count({ where: { action: "integration.go_live_refused", objectId: id } })).toBe(1);
    expect((await store.db.integration.findUniqueOrThrow({ where: { id } })).lifecycle).toBe("draft");

    // The second admin confirms one of them again: the first admin now vouched for one only.
    expect(
      (
        await call(r.confirm!, {
          method: "POST",
          token: admin2,
          params: { slug: "gov-self-conf" },
          body: { check: "runbook", note: "Read the runbook through with the on-call" },
        })
      ).status,
    ).toBe(200);
    const live = await call(r.goLive!, { method: "POST", token: tokens.admin, params: { slug: "gov-self-conf" } });
    expect([live.status, live.body.integration.lifecycle, live.body.warning]).toEqual([200, "live", null]);
  });
});
