// The contract diff: every change between the active version and a new one,
// each classified as breaking (senders' records that passed before may now be
// refused, or the receiver gets something else) or compatible. Pure.
import { canonicalJson } from "../events/fingerprint";
import type { ContractVersion } from "./types";

export type ChangeKind =
  | "field_removed"
  | "field_added"
  | "newly_required"
  | "no_longer_required"
  | "type_narrowed"
  | "type_widened"
  | "enum_value_removed"
  | "enum_value_added"
  | "enum_added"
  | "format_added"
  | "format_removed"
  | "format_changed"
  | "constraint_tightened"
  | "constraint_relaxed"
  | "additional_properties_forbidden"
  | "key_path_changed"
  | "mapping_changed"
  | "source_of_truth_changed";

export const BREAKING: ReadonlySet<ChangeKind> = new Set([
  "field_removed",
  "newly_required",
  "type_narrowed",
  "enum_value_removed",
  "enum_added",
  "format_added",
  "format_changed",
  "constraint_tightened",
  "additional_properties_forbidden",
  "key_path_changed",
]);

export interface Change {
  path: string;
  kind: ChangeKind;
  breaking: boolean;
  detail: string;
}

export interface ContractDiff {
  breaking: boolean;
  changes: Change[];
}

type Schema = Record<string, unknown>;
const obj = (v: unknown): Schema => (v && typeof v === "object" && !Array.isArray(v) ? (v as Schema) : {});
const types = (s: Schema): Set<string> | null => {
  if (s.type === undefined) return null;
  const list = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
  // "integer" is a subset of "number"
  return new Set(list.flatMap((t) => (t === "number" ? ["number", "integer"] : [t])));
};
const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

// Lower bounds that may only go down, upper bounds that may only go up.
const LOWER = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const UPPER = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];

function compare(before: Schema, after: Schema, path: string, out: Change[]) {
  const add = (kind: ChangeKind, detail: string, at = path) =>
    out.push({ path: at || "/", kind, breaking: BREAKING.has(kind), detail });

  const tb = types(before);
  const ta = types(after);
  if (ta && (!tb || [...ta].some((t) => !tb.has(t)) || [...tb].some((t) => !ta.has(t)))) {
    if (!tb || [...tb].some((t) => !ta.has(t)))
      add("type_narrowed", `type ${tb ? [...tb].join("|") : "any"} → ${[...ta].join("|")}`);
    else add("type_widened", `type ${[...tb].join("|")} → ${[...ta].join("|")}`);
  } else if (tb && !ta) add("type_widened", `type ${[...tb].join("|")} → any`);

  const eb = Array.isArray(before.enum) ? (before.enum as unknown[]) : null;
  const ea = Array.isArray(after.enum) ? (after.enum as unknown[]) : null;
  const key = (v: unknown) => canonicalJson(v);
  if (ea && !eb) add("enum_added", `only ${ea.map(key).join(", ")} allowed now`);
  if (eb && ea) {
    const removed = eb.filter((v) => !ea.some((w) => key(w) === key(v)));
    const added = ea.filter((v) => !eb.some((w) => key(w) === key(v)));
    if (removed.length) add("enum_value_removed", `no longer allowed: ${removed.map(key).join(", ")}`);
    if (added.length) add("enum_value_added", `newly allowed: ${added.map(key).join(", ")}`);
  }

  if (after.format !== undefined && before.format === undefined)
    add("format_added", `must now be ${String(after.format)}`);
  else if (after.format === undefined && before.format !== undefined)
    add("format_removed", `no longer checked as ${String(before.format)}`);
  else if (after.format !== before.format) add("format_changed", `${String(before.format)} → ${String(after.format)}`);

  for (const k of LOWER) {
    const b = before[k] as number | undefined;
    const a = after[k] as number | undefined;
    if (a !== undefined && (b === undefined || a > b)) add("constraint_tightened", `${k} ${b ?? "none"} → ${a}`);
    else if (b !== undefined && (a === undefined || a < b)) add("constraint_relaxed", `${k} ${b} → ${a ?? "none"}`);
  }
  for (const k of UPPER) {
    const b = before[k] as number | undefined;
    const a = after[k] as number | undefined;
    if (a !== undefined && (b === undefined || a < b)) add("constraint_tightened", `${k} ${b ?? "none"} → ${a}`);
    else if (b !== undefined && (a === undefined || a > b)) add("constraint_relaxed", `${k} ${b} → ${a ?? "none"}`);
  }
  if (after.pattern !== undefined && after.pattern !== before.pattern)
    add("constraint_tightened", `must match ${String(after.pattern)}`);
  else if (before.pattern !== undefined && after.pattern === undefined) add("constraint_relaxed", "pattern dropped");

  if (after.additionalProperties === false && before.additionalProperties !== false)
    add("additional_properties_forbidden", "unknown fields are refused now");

  const pb = obj(before.properties);
  const pa = obj(after.properties);
  const rb = new Set(Array.isArray(before.required) ? (before.required as string[]) : []);
  const ra = new Set(Array.isArray(after.required) ? (after.required as string[]) : []);
  for (const name of Object.keys(pb)) {
    const at = `${path}/${escape(name)}`;
    if (!(name in pa)) add("field_removed", `${name} is gone`, at);
    else compare(obj(pb[name]), obj(pa[name]), at, out);
  }
  for (const name of Object.keys(pa))
    if (!(name in pb))
      add("field_added", `${name} is new${ra.has(name) ? " (and required)" : ""}`, `${path}/${escape(name)}`);
  for (const name of ra)
    if (!rb.has(name)) add("newly_required", `${name} must be present now`, `${path}/${escape(name)}`);
  for (const name of rb)
    if (!ra.has(name) && name in pa)
      add("no_longer_required", `${name} may be left out now`, `${path}/${escape(name)}`);

  if (before.items !== undefined || after.items !== undefined)
    compare(obj(before.items), obj(after.items), `${path}/*`, out);
}

type Comparable = Pick<
  ContractVersion,
  "schema" | "idempotencyKeyPaths" | "entityKeyPath" | "versionPath" | "mapping" | "sourceOfTruth"
>;

/** Every change from `before` (the active version; null when none) to `after`. */
export function diffContracts(before: Comparable | null, after: Comparable): ContractDiff {
  if (!before) return { breaking: false, changes: [] };
  const changes: Change[] = [];
  compare(obj(before.schema), obj(after.schema), "", changes);
  // Canonical JSON: a store may hand back object keys in another order (PostgreSQL jsonb does).
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  const push = (kind: ChangeKind, path: string, detail: string) =>
    changes.push({ path, kind, breaking: BREAKING.has(kind), detail });
  if (!same(before.idempotencyKeyPaths, after.idempotencyKeyPaths))
    push(
      "key_path_changed",
      "idempotency key",
      `${before.idempotencyKeyPaths.join(" + ") || "none"} → ${after.idempotencyKeyPaths.join(" + ") || "none"}`,
    );
  if (!same(before.entityKeyPath, after.entityKeyPath))
    push("key_path_changed", "entity key", `${before.entityKeyPath ?? "none"} → ${after.entityKeyPath ?? "none"}`);
  if (!same(before.versionPath, after.versionPath))
    push("key_path_changed", "version", `${before.versionPath ?? "none"} → ${after.versionPath ?? "none"}`);
  if (!same(before.mapping, after.mapping))
    push("mapping_changed", "mapping", "the delivered body is built differently");
  if (!same(before.sourceOfTruth, after.sourceOfTruth))
    push("source_of_truth_changed", "source of truth", "declarations changed");
  return { breaking: changes.some((c) => c.breaking), changes };
}
