// Repository behaviour that the list screens and credentials depend on,
// identical on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import { listAudit } from "@/lib/core/audit/list-audit";
import { DomainError } from "@/lib/core/errors";
import { createIntegration } from "@/lib/core/integrations/create-integration";
import { hashSecret } from "@/lib/core/security/tokens";
import type { Store } from "@/lib/db/client";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
const clock = { now: new Date("2026-05-01T08:00:00Z") };

beforeAll(async () => {
  store = await freshStore();
  ctx = testContext(store, undefined, clock);
});
afterAll(() => store.close());

const relay = (slug: string) => ({
  slug,
  name: `Integration ${slug}`,
  mode: "relay" as const,
  sourceSystem: "Shop",
  targetSystem: "ERP",
  destination: { url: "https://erp.example/api/orders" },
  contract: {
    schema: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
    idempotencyKeyPaths: ["/id"],
  },
});

describe("audit keyset pagination", () => {
  it("pages newest first without gaps or repeats, also when entries share a timestamp", async () => {
    const at = new Date("2026-05-01T09:00:00Z");
    for (let i = 0; i < 7; i++) {
      await ctx.repos.audit.record({
        actorId: null,
        actorLabel: "system",
        action: "test.entry",
        objectType: "thing",
        objectId: `t${i}`,
        at: new Date(at.getTime() + (i < 4 ? 0 : i * 1000)),
      });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAudit({ ctx, input: { object: undefined, cursor, limit: 3 } });
      seen.push(...page.items.filter((e) => e.action === "test.entry").map((e) => e.objectId));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.slice(0, 3)).toEqual(["t6", "t5", "t4"]);
    expect([...seen].sort()).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
    expect(new Set(seen).size).toBe(7);
  });

  it("filters by object type:id and by time", async () => {
    await ctx.repos.audit.record({
      actorId: null,
      actorLabel: "system",
      action: "x.one",
      objectType: "widget",
      objectId: "w1",
      at: new Date("2026-01-01T00:00:00Z"),
    });
    await ctx.repos.audit.record({
      actorId: null,
      actorLabel: "system",
      action: "x.two",
      objectType: "widget",
      objectId: "w1",
      at: new Date("2026-02-01T00:00:00Z"),
    });
    const all = await listAudit({ ctx, input: { object: "widget:w1" } });
    expect(all.items.map((e) => e.action)).toEqual(["x.two", "x.one"]);
    const january = await listAudit({ ctx, input: { object: "widget:w1", to: "2026-01-15T00:00:00Z" } });
    expect(january.items.map((e) => e.action)).toEqual(["x.one"]);
  });

  it("refuses a malformed object filter", async () => {
    const error = await listAudit({ ctx, input: { object: "no-colon" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details).toEqual([expect.objectContaining({ path: "/object" })]);
  });
});

describe("integrations and their credentials", () => {
  it("creates a draft integration with contract v1, a hashed key and sealed secrets", async () => {
    const created = await createIntegration({ ctx, input: relay("orders-a") });
    expect(created.integration).toMatchObject({
      slug: "orders-a",
      lifecycle: "draft",
      contract: { version: 1, status: "draft" },
    });
    expect(created.ingestKey.key).toMatch(/^sbx_key_/);
    expect(created.ingestSecret).toMatch(/^whsec_/);

    const key = await store.db.integrationKey.findFirstOrThrow({ where: { id: created.ingestKey.id } });
    expect(key.keyHash).toBe(hashSecret(created.ingestKey.key));
    const raw = JSON.stringify(
      await store.db.signingSecret.findMany({ where: { integrationId: created.integration.id } }),
    );
    expect(raw).not.toContain(created.ingestSecret.slice(6));
    expect(raw).not.toContain(created.deliverySecret.slice(6));
    expect(await ctx.repos.secrets.valid(created.integration.id, "ingest", clock.now)).toEqual([created.ingestSecret]);
    expect(await ctx.repos.secrets.valid(created.integration.id, "delivery", clock.now)).toEqual([
      created.deliverySecret,
    ]);

    const audit = await ctx.repos.audit.list(
      { objectType: "integration", objectId: created.integration.id },
      { limit: 5 },
    );
    expect(audit.items.map((a) => a.action)).toEqual(["integration.create"]);
    expect(JSON.stringify(audit.items)).not.toContain(created.ingestKey.key);
  });

  it("refuses a duplicate slug, an invalid JSON Schema, and a relay without destination", async () => {
    await createIntegration({ ctx, input: relay("orders-b") });
    const dup = (await createIntegration({ ctx, input: relay("orders-b") }).catch((e: unknown) => e)) as DomainError;
    expect(dup.code).toBe("slug_taken");
    const badSchema = (await createIntegration({
      ctx,
      input: { ...relay("orders-c"), contract: { schema: { type: "objekt" } } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(badSchema.kind).toBe("invalid_input");
    expect(JSON.stringify(badSchema.details)).toContain("/schema");
    const noDestination = (await createIntegration({
      ctx,
      input: { ...relay("orders-d"), destination: undefined },
    }).catch((e: unknown) => e)) as DomainError;
    expect(noDestination.details).toEqual([expect.objectContaining({ path: "/destination" })]);
    expect(await ctx.repos.integrations.findBySlug("orders-c")).toBeNull();
  });

  it("the current contract is the active version, else the newest draft", async () => {
    const { integration } = await createIntegration({ ctx, input: relay("orders-e") });
    const v2 = await ctx.repos.contracts.create(
      {
        integrationId: integration.id,
        schema: { type: "object" },
        idempotencyKeyPaths: [],
        requireIdempotencyKey: false,
        entityKeyPath: null,
        versionPath: null,
        mapping: null,
        sourceOfTruth: [],
        idStrategy: null,
        diff: null,
        note: "",
        authorId: null,
      },
      clock.now,
    );
    expect(v2.version).toBe(2);
    expect((await ctx.repos.contracts.current(integration.id))?.version).toBe(2);
    const v1 = (await ctx.repos.contracts.listForIntegration(integration.id)).find((c) => c.version === 1)!;
    await store.db.contractVersion.update({ where: { id: v1.id }, data: { status: "active" } });
    expect((await ctx.repos.contracts.current(integration.id))?.version).toBe(1);
  });

  it("owners must be enabled users, and the triage owner an operator", async () => {
    const manager = await ctx.repos.users.create({
      email: "m@example.com",
      name: "M",
      role: "manager",
      passwordHash: "x",
      now: clock.now,
    });
    const error = (await createIntegration({
      ctx,
      input: { ...relay("orders-f"), owners: { triage: manager.id, logic: "nobody" } },
    }).catch((e: unknown) => e)) as DomainError;
    expect(error.kind).toBe("invalid_input");
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      "/owners/logic",
      "/owners/triage",
    ]);
  });
});
