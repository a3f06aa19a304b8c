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

/** At most this many unknown field paths are counted for one record. */
export const MAX_DRIFT_PATHS = 20;

/**
 * JSON Pointers of payload fields the schema does not describe (drift), at most
 * `limit`, array items reported once per generic path ("/lines/0/x" for all items).
 */
export function unknownFields(schema: unknown, payload: unknown, limit = MAX_DRIFT_PATHS): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const walk = (s: unknown, value: unknown, at: string): void => {
    if (out.length >= limit || !s || typeof s !== "object" || value === null || typeof value !== "object") return;
    const node = s as Schema;
    if (Array.isArray(value)) {
      const items = node.items;
      if (!items || typeof items !== "object") return;
      for (let i = 0; i < value.length && out.length < limit; i++) walk(items, value[i], `${at}/${i}`);
      return;
    }
    // An object schema that names no fields at all ("any object") has no drift to report.
    if (
      node.properties === undefined &&
      node.patternProperties === undefined &&
      node.additionalProperties === undefined
    )
      return;
    const properties = (node.properties ?? {}) as Record<string, unknown>;
    const open =
      node.additionalProperties !== undefined &&
      node.additionalProperties !== false &&
      node.additionalProperties !== true;
    const patterns = Object.keys((node.patternProperties ?? {}) as object).map((p) => new RegExp(p, "u"));
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (out.length >= limit) return;
      const path = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (Object.hasOwn(properties, key)) walk(properties[key], child, path);
      else if (open) walk(node.additionalProperties, child, path);
      else if (!patterns.some((p) => p.test(key))) {
        const generic = generalisePath(path);
        if (!seen.has(generic)) {
          seen.add(generic);
          out.push(path);
        }
      }
    }
  };
  walk(schema, payload, "");
  return out;
}

/** What drift keeps as an example of a value: enough to type it, never the record (strings cut at 120). */
export function driftExample(value: unknown): unknown {
  if (typeof value === "string") return value.length > 120 ? `${value.slice(0, 120)}…` : value;
  if (Array.isArray(value)) return [];
  if (value !== null && typeof value === "object") return {};
  return value ?? null;
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
