// GET /api/v1/audit/export: the period's entries as NDJSON, oldest first, streamed from the store in keyset pages
// (the first piece arrives after one page query; no query skips rows by OFFSET), nothing outside the period, admin
// only, bad periods refused, and the export itself audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_PAGE_SIZE } from "@/lib/core/audit/export-audit";
import { ZAuditView } from "@/lib/core/audit/schemas";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { exportAuditEndpoint } from "@/lib/server/api/audit";
import { handle } from "@/lib/server/route";
import { tokensByRole, type Role } from "./helpers/api";
import { useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

const GET = handle(exportAuditEndpoint);
let store: Store;
let ctx: Ctx;
let tokens: Record<Role, string>;
let ids: Record<Role, string>;
const sql: { query: string; params: unknown[] }[] = [];

const from = new Date("2025-03-01T00:00:00Z");
const minute = 60_000;
// Three entries share each minute, so the (at, id) tie-break is exercised across page boundaries.
const inside = EXPORT_PAGE_SIZE * 2 + 37;
const to = new Date(from.getTime() + Math.ceil(inside / 3) * minute);

function request(query: Record<string, string>, token?: string) {
  return GET(
    new Request(`http://localhost/api/v1/audit/export?${new URLSearchParams(query)}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }),
    { params: Promise.resolve({}) },
  );
}
const period = { from: from.toISOString(), to: to.toISOString() };

beforeAll(async () => {
  store = await freshStore({
    onQuery: (query, params) => sql.push({ query, params: JSON.parse(params) as unknown[] }),
  });
  useGlobalStore(store);
  ctx = testContext(store);
  ({ tokens, ids } = await tokensByRole(store, ctx, "export"));
  const rows = Array.from({ length: inside }, (_, i) => ({
    at: new Date(from.getTime() + Math.floor(i / 3) * minute),
    actorId: i % 2 ? ids.ops : null,
    actorLabel: i % 2 ? "ops-export@api.test" : "worker",
    action: "exception.retry",
    objectType: "exception",
    objectId: `x-${i}`,
    reason: i % 5 ? null : `reason ${i}`,
    after: { n: i },
  }));
  const outside = [new Date(from.getTime() - 1), to, new Date(to.getTime() + 3_600_000)].map((at, k) => ({
    at,
    actorLabel: "worker",
    action: "exception.retry",
    objectType: "exception",
    objectId: `outside-${k}`,
  }));
  for (let i = 0; i < rows.length; i += 200) await store.db.auditEntry.createMany({ data: rows.slice(i, i + 200) });
  await store.db.auditEntry.createMany({ data: outside });
});
afterAll(() => store.close());

describe("audit export", () => {
  it("streams every entry of the period, oldest first, in the list's shape, and nothing outside it", async () => {
    const res = await request(period, tokens.admin);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson");
    expect(res.headers.get("content-disposition")).toBe(
      'attachment; filename="signalbox-audit-20250301T000000Z-20250301T054600Z.ndjson"',
    );
    const text = await res.text();
    expect(text.endsWith("\n")).toBe(true);
    const lines = text
      .trimEnd()
      .split("\n")
      .map((l) => ZAuditView.parse(JSON.parse(l)));
    const expected = await store.db.auditEntry.findMany({
      where: { at: { gte: from, lt: to } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    expect(expected).toHaveLength(inside);
    expect(lines.map((l) => l.id)).toEqual(expected.map((e) => e.id));
    expect(lines.some((l) => l.objectId.startsWith("outside"))).toBe(false);
    expect(new Set(lines.map((l) => l.id)).size).toBe(inside);
    expect(lines[5]).toEqual({
      id: expected[5]!.id,
      at: expected[5]!.at.toISOString(),
      actorId: ids.ops,
      actor: "ops-export@api.test",
      action: "exception.retry",
      objectType: "exception",
      objectId: "x-5",
      reason: "reason 5",
      before: null,
      after: { n: 5 },
    });
  });

  it("reads the store one keyset page at a time, as the client reads, never by OFFSET", async () => {
    sql.length = 0;
    const res = await request(period, tokens.admin);
    const reader = res.body!.getReader();
    const first = await reader.read();
    const pageQueries = () =>
      sql.filter(
        (q) => /FROM\s+\S*AuditEntry\S*\s+WHERE/i.test(q.query) && /LIMIT/i.test(q.query) && !/COUNT\(/i.test(q.query),
      );
    expect(new TextDecoder().decode(first.value).trimEnd().split("\n")).toHaveLength(EXPORT_PAGE_SIZE);
    expect(pageQueries()).toHaveLength(1);
    while (!(await reader.read()).done);
    expect(pageQueries()).toHaveLength(3);
    for (const q of pageQueries()) {
      expect(Number(q.params.at(-2))).toBe(EXPORT_PAGE_SIZE + 1);
      expect(Number(q.params.at(-1))).toBe(0);
    }
  });

  it("applies the list's filters too (actor, object)", async () => {
    const byActor = (await (await request({ ...period, actor: ids.ops }, tokens.admin)).text()).trimEnd().split("\n");
    expect(byActor).toHaveLength(Math.floor(inside / 2));
    const one = (await (await request({ ...period, object: "exception:x-7" }, tokens.admin)).text()).trimEnd();
    expect(JSON.parse(one)).toMatchObject({ objectId: "x-7" });
  });

  it("is audited: who exported which period, with how many entries", async () => {
    await (await request(period, tokens.admin)).text();
    const entry = await store.db.auditEntry.findFirstOrThrow({
      where: { action: "audit.export", actorId: ids.admin },
      orderBy: [{ at: "desc" }, { id: "desc" }],
    });
    expect(entry).toMatchObject({ objectType: "audit", objectId: "export" });
    expect(entry.after).toEqual({ ...period, actor: null, object: null, count: inside });
  });

  it("is for admins only: ops and manager 403, no credentials 401", async () => {
    for (const role of ["ops", "manager"] as const) {
      const res = await request(period, tokens[role]);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const anonymous = await request(period);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
  });

  it.each([
    ["no period", {}, "/from"],
    ["no end", { from: period.from }, "/to"],
    ["a malformed start", { from: "yesterday", to: period.to }, "/from"],
    ["a time without a zone", { from: "2025-03-01T00:00:00", to: period.to }, "/from"],
    ["an inverted period", { from: period.to, to: period.from }, "/to"],
    ["an empty period", { from: period.from, to: period.from }, "/to"],
    ["a period over 366 days", { from: "2024-01-01T00:00:00Z", to: "2025-01-02T00:00:01Z" }, "/to"],
  ])("refuses %s with 400 invalid_input", async (_name, query, path) => {
    const res = await request(query as Record<string, string>, tokens.admin);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { path: string }[] } };
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.details[0]!.path).toBe(path);
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it("accepts exactly 366 days", async () => {
    const res = await request({ from: "2024-03-01T00:00:00Z", to: "2025-03-02T00:00:00Z" }, tokens.admin);
    expect(res.status).toBe(200);
    expect((await res.text()).trimEnd().split("\n").length).toBeGreaterThan(0);
  });
});
