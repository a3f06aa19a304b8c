// A first contract from one sample record: a JSON Schema (2020-12) draft that
// states each value's type and makes every key present in the sample required
// (nulls excepted: a null says nothing about the type, so that key stays
// optional and open). The admin reviews and approves it like any draft.

export type InferredSchema = Record<string, unknown>;

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function inferSchema(sample: unknown): InferredSchema {
  if (sample === null || sample === undefined) return {};
  if (typeof sample === "boolean") return { type: "boolean" };
  if (typeof sample === "number") return { type: Number.isInteger(sample) ? "integer" : "number" };
  if (typeof sample === "string")
    return DATE_TIME.test(sample) ? { type: "string", format: "date-time" } : { type: "string" };
  if (Array.isArray(sample)) {
    const first = sample.find((v) => v !== null && v !== undefined);
    return first === undefined ? { type: "array" } : { type: "array", items: itemsOf(sample) };
  }
  const entries = Object.entries(sample as Record<string, unknown>);
  const properties = Object.fromEntries(entries.map(([k, v]) => [k, inferSchema(v)]));
  const required = entries.filter(([, v]) => v !== null && v !== undefined).map(([k]) => k);
  return { type: "object", properties, ...(required.length ? { required } : {}) };
}

/** Arrays: the first non-null item decides, except numbers, which widen to "number" if any is fractional. */
function itemsOf(values: unknown[]): InferredSchema {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.every((v) => typeof v === "number"))
    return { type: present.every((v) => Number.isInteger(v)) ? "integer" : "number" };
  return inferSchema(present[0]);
}

const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * JSON Pointers to the sample's string and integer values (outside arrays),
 * the candidates for the record key; names like `id` or `…Id` first.
 */
export function keyPathCandidates(sample: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string" || (typeof value === "number" && Number.isInteger(value))) out.push(path);
    else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) walk(v, `${path}/${escape(k)}`);
    }
  };
  walk(sample, "");
  const score = (p: string) => {
    const last = p.slice(p.lastIndexOf("/") + 1).toLowerCase();
    return last === "id" ? 0 : /(^|_|-)id$|id$/.test(last) || last.endsWith("key") ? 1 : 2;
  };
  return out.filter((p) => p !== "").sort((a, b) => score(a) - score(b) || a.split("/").length - b.split("/").length);
}
