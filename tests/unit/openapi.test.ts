// The OpenAPI document covers every route under app/api, and is valid enough
// to be read by tools (3.1, every operation with responses).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/server/openapi";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Routes that are not part of Signalbox's own API, with the reason. */
const NOT_IN_DOCUMENT: Record<string, string> = {
  "/api/auth/{...nextauth}": "next-auth's sign-in machinery, used by the console page only",
  "/api/bench/bare": "exists only under npm run bench (SIGNALBOX_BENCH=1)",
  "/api/{...missing}": "the structured 404 for any address that is not an endpoint",
};

function routes(dir: string, prefix: string): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...routes(full, `${prefix}/${entry.name.replace(/^\[(.+)\]$/, "{$1}")}`));
    else if (entry.name === "route.ts") {
      const text = fs.readFileSync(full, "utf8");
      const methods = [
        ...text.matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g),
        ...text.matchAll(/export \{[^}]*\bas (GET|POST)\b/g),
      ].map((m) => m[1]!);
      out.push({ path: prefix, methods });
    }
  }
  return out;
}

describe("OpenAPI document", () => {
  const doc = openApiDocument();
  const found = routes(path.join(ROOT, "app/api"), "/api");

  it("finds the route files it checks", () => {
    expect(found.length).toBeGreaterThan(25);
  });

  it.each(found.map((r) => [r.path, r.methods] as const))("declares %s %j", (routePath, methods) => {
    if (NOT_IN_DOCUMENT[routePath]) return;
    const documented = routePath.replace(
      "{slug}",
      routePath.startsWith("/api/ingest") ? "{integrationSlug}" : "{slug}",
    );
    expect(doc.paths[documented], `${routePath} is missing from /api/openapi.json`).toBeDefined();
    for (const method of methods)
      expect(doc.paths[documented]![method.toLowerCase()], `${method} ${routePath}`).toBeDefined();
  });

  it("is OpenAPI 3.1 with a success answer and error answers for every operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops as Record<string, { responses: Record<string, unknown> }>)) {
        const codes = Object.keys(op.responses);
        expect(
          codes.some((c) => c.startsWith("2")),
          `${method} ${p}`,
        ).toBe(true);
      }
    }
  });

  it("carries the permission each management route checks", () => {
    const op = doc.paths["/api/v1/events/{id}/redeliver"]!.post as Record<string, unknown>;
    expect(op["x-signalbox-permission"]).toBe("events.redeliver");
  });
});
