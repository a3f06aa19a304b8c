// Contracts at run time: validation with the cached Ajv validator, unknown
// fields (drift), and the field mapping that produces the delivered body.
import type { Issue } from "../errors";
import { getAt, setAt } from "../json-pointer";
import { ajvIssues, validatorFor } from "./compile";
import type { ContractVersion, MappingRule } from "./types";

export function validateAgainst(contract: Pick<ContractVersion, "id" | "schema">, payload: unknown): Issue[] {
  const validate = validatorFor(contract.id, contract.schema);
  return validate(payload) ? [] : ajvIssues(validate.errors ?? []);
}

type Schema = Record<string, unknown>;

/** JSON Pointers of payload fields the schema does not describe (drift). */
export function unknownFields(schema: unknown, payload: unknown, at = ""): string[] {
  if (!schema || typeof schema !== "object" || payload === null || typeof payload !== "object") return [];
  const s = schema as Schema;
  if (Array.isArray(payload)) {
    const items = s.items;
    if (!items || typeof items !== "object") return [];
    return payload.flatMap((item, i) => unknownFields(items, item, `${at}/${i}`)).filter(dedupeArrayPaths);
  }
  // An object schema that names no fields at all ("any object") has no drift to report.
  if (s.properties === undefined && s.patternProperties === undefined && s.additionalProperties === undefined) return [];
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const open = s.additionalProperties !== undefined && s.additionalProperties !== false && s.additionalProperties !== true;
  const patterns = Object.keys((s.patternProperties ?? {}) as object).map((p) => new RegExp(p, "u"));
  const out: string[] = [];
  for (const [key, value] of Object.entries(payload as Record<string, unknown>)) {
    const path = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (key in properties) out.push(...unknownFields(properties[key], value, path));
    else if (open) out.push(...unknownFields(s.additionalProperties, value, path));
    else if (!patterns.some((p) => p.test(key))) out.push(path);
  }
  return out;
}

// Array elements report one generic path ("/lines/*/x") rather than one per index.
function dedupeArrayPaths(path: string, index: number, all: string[]): boolean {
  return all.findIndex((p) => p.replace(/\/\d+(?=\/|$)/g, "/*") === path.replace(/\/\d+(?=\/|$)/g, "/*")) === index;
}

export function generalisePath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, "/*");
}

/** The delivered body: mapped targets only, or the payload itself without a mapping. */
export function applyMapping(mapping: MappingRule[] | null, payload: unknown): unknown {
  if (!mapping || mapping.length === 0) return payload;
  const out: Record<string, unknown> = {};
  for (const rule of mapping) {
    const value = getAt(payload, rule.from);
    if (value !== undefined) setAt(out, rule.to, structuredClone(value));
  }
  return out;
}
