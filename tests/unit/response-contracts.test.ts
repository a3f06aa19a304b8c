// The response contracts live in lib/core/*/schemas.ts: every endpoint answers with one of them, the OpenAPI
// document's response schemas are exactly what zod generates from them, every object in them is strict, and the
// schema files pull nothing server-only into the browser (the console's types and values come from them).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ENDPOINTS, openApiDocument } from "@/lib/server/openapi";

const ROOT = path.resolve(import.meta.dirname, "../..");
const schemaModules = import.meta.glob<Record<string, unknown>>("../../lib/core/**/schemas.ts", { eager: true });
const contracts = new Set(
  Object.values(schemaModules).flatMap((m) => Object.values(m).filter((v) => v instanceof z.ZodType)),
);

const jsonEndpoints = ENDPOINTS.filter((ep) => !("produces" in ep && ep.produces));
const successOf = (ep: (typeof ENDPOINTS)[number]) => {
  const op = openApiDocument().paths[ep.path]![ep.method.toLowerCase()] as {
    responses: Record<string, { content: Record<string, { schema: unknown }> }>;
  };
  const [code] = Object.keys(op.responses).filter((c) => c.startsWith("2"));
  return op.responses[code!]!.content["application/json"]!.schema;
};

type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;

/** Paths (a.b[].c) of objects in the schema that let unknown keys through. */
function looseObjects(schema: unknown, at = "", out: string[] = []): string[] {
  const def = defOf(schema);
  const walk = (child: unknown, where: string) => child && looseObjects(child, where, out);
  switch (def.type) {
    case "object":
      if (defOf(def.catchall ?? z.unknown()).type !== "never") out.push(at || "(root)");
      for (const [key, child] of Object.entries(def.shape as Record<string, unknown>)) walk(child, `${at}.${key}`);
      break;
    case "array":
      walk(def.element, `${at}[]`);
      break;
    case "nullable":
    case "optional":
    case "default":
    case "readonly":
      walk(def.innerType, at);
      break;
    case "union":
      (def.options as unknown[]).forEach((o) => walk(o, at));
      break;
    case "record":
      walk(def.valueType, `${at}{}`);
      break;
    case "pipe":
      walk(def.out, at);
      break;
  }
  return out;
}

describe("response contracts", () => {
  it("checks every JSON endpoint", () => {
    expect(jsonEndpoints.length).toBeGreaterThan(50);
  });

  it.each(jsonEndpoints.map((ep) => [`${ep.method} ${ep.path}`, ep] as const))(
    "%s answers a contract from lib/core/*/schemas.ts",
    (_name, ep) => {
      expect(contracts.has(ep.response as z.ZodType), "declare the answer in the operation's schemas.ts").toBe(true);
    },
  );

  it.each(jsonEndpoints.map((ep) => [`${ep.method} ${ep.path}`, ep] as const))(
    "%s: the OpenAPI response schema is the one zod generates",
    (_name, ep) => {
      const { $schema: _drop, ...generated } = z.toJSONSchema(ep.response as z.ZodType, {
        io: "output",
        unrepresentable: "any",
      }) as Record<string, unknown>;
      expect(successOf(ep)).toEqual(generated);
    },
  );

  it.each(jsonEndpoints.map((ep) => [`${ep.method} ${ep.path}`, ep] as const))(
    "%s: every object in the answer refuses unknown keys",
    (_name, ep) => {
      // A contract export is the user's own JSON Schema: open by nature.
      if (ep.path.endsWith("/export")) return;
      expect(looseObjects(ep.response)).toEqual([]);
    },
  );

  it("the schema files import only zod and modules that import only zod (nothing server-only reaches the browser)", () => {
    const files = Object.keys(schemaModules).map((f) => path.resolve(import.meta.dirname, f));
    const seen = new Set<string>();
    const bad: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^;]*?from\s+)?"([^"]+)";/gms)) {
        const spec = m[1]!;
        if (spec === "zod") continue;
        if (!spec.startsWith(".")) bad.push(`${path.relative(ROOT, file)} imports ${spec}`);
        else visit(path.resolve(path.dirname(file), `${spec}.ts`));
      }
      if (/\b(Buffer|process)\./.test(text)) bad.push(`${path.relative(ROOT, file)} uses a Node global`);
    };
    files.forEach(visit);
    expect(bad).toEqual([]);
    expect(seen.size).toBeGreaterThan(12);
  });
});
