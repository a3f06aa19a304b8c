import { describe, expect, it } from "vitest";
import { diffContracts, type ChangeKind } from "@/lib/core/contracts/diff";
import { proposeFromDrift } from "@/lib/core/contracts/drift";

const base = {
  idempotencyKeyPaths: ["/id"],
  entityKeyPath: "/id",
  versionPath: "/v",
  mapping: [{ from: "/id", to: "/ref" }],
  sourceOfTruth: [{ field: "/id", system: "Shop" }],
};
const c = (schema: Record<string, unknown>, extra: Partial<typeof base> = {}) => ({ ...base, schema, ...extra });
const obj = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: "object",
  properties,
  required,
});

function kinds(before: ReturnType<typeof c>, after: ReturnType<typeof c>) {
  const diff = diffContracts(before, after);
  return {
    breaking: diff.breaking,
    kinds: diff.changes.map((x) => [x.kind, x.path, x.breaking] as [ChangeKind, string, boolean]),
  };
}

describe("contract diff: each rule", () => {
  it.each([
    [
      "field removed",
      obj({ a: { type: "string" }, b: { type: "string" } }),
      obj({ a: { type: "string" } }),
      [["field_removed", "/b", true]],
    ],
    [
      "field added (optional)",
      obj({ a: { type: "string" } }),
      obj({ a: { type: "string" }, b: { type: "string" } }),
      [["field_added", "/b", false]],
    ],
    [
      "field added and required",
      obj({ a: {} }),
      obj({ a: {}, b: {} }, ["b"]),
      [
        ["field_added", "/b", false],
        ["newly_required", "/b", true],
      ],
    ],
    ["newly required", obj({ a: {} }), obj({ a: {} }, ["a"]), [["newly_required", "/a", true]]],
    ["no longer required", obj({ a: {} }, ["a"]), obj({ a: {} }), [["no_longer_required", "/a", false]]],
    [
      "type narrowed (string|number → string)",
      obj({ a: { type: ["string", "number"] } }),
      obj({ a: { type: "string" } }),
      [["type_narrowed", "/a", true]],
    ],
    [
      "type narrowed (number → integer)",
      obj({ a: { type: "number" } }),
      obj({ a: { type: "integer" } }),
      [["type_narrowed", "/a", true]],
    ],
    ["type narrowed (any → string)", obj({ a: {} }), obj({ a: { type: "string" } }), [["type_narrowed", "/a", true]]],
    [
      "type changed (string → number)",
      obj({ a: { type: "string" } }),
      obj({ a: { type: "number" } }),
      [["type_narrowed", "/a", true]],
    ],
    [
      "type widened (integer → number)",
      obj({ a: { type: "integer" } }),
      obj({ a: { type: "number" } }),
      [["type_widened", "/a", false]],
    ],
    [
      "enum value removed",
      obj({ c: { enum: ["EUR", "USD"] } }),
      obj({ c: { enum: ["EUR"] } }),
      [["enum_value_removed", "/c", true]],
    ],
    [
      "enum value added",
      obj({ c: { enum: ["EUR"] } }),
      obj({ c: { enum: ["EUR", "GBP"] } }),
      [["enum_value_added", "/c", false]],
    ],
    [
      "enum introduced",
      obj({ c: { type: "string" } }),
      obj({ c: { type: "string", enum: ["EUR"] } }),
      [["enum_added", "/c", true]],
    ],
    [
      "format added",
      obj({ e: { type: "string" } }),
      obj({ e: { type: "string", format: "email" } }),
      [["format_added", "/e", true]],
    ],
    [
      "format removed",
      obj({ e: { type: "string", format: "email" } }),
      obj({ e: { type: "string" } }),
      [["format_removed", "/e", false]],
    ],
    [
      "format changed",
      obj({ e: { format: "date" } }),
      obj({ e: { format: "date-time" } }),
      [["format_changed", "/e", true]],
    ],
    ["minimum raised", obj({ n: { minimum: 0 } }), obj({ n: { minimum: 1 } }), [["constraint_tightened", "/n", true]]],
    [
      "maxLength lowered",
      obj({ s: { maxLength: 20 } }),
      obj({ s: { maxLength: 10 } }),
      [["constraint_tightened", "/s", true]],
    ],
    [
      "maxLength raised",
      obj({ s: { maxLength: 10 } }),
      obj({ s: { maxLength: 20 } }),
      [["constraint_relaxed", "/s", false]],
    ],
    [
      "pattern added",
      obj({ s: { type: "string" } }),
      obj({ s: { type: "string", pattern: "^A" } }),
      [["constraint_tightened", "/s", true]],
    ],
    [
      "unknown fields forbidden",
      obj({ a: {} }),
      { ...obj({ a: {} }), additionalProperties: false },
      [["additional_properties_forbidden", "/", true]],
    ],
    [
      "nested and array items",
      obj({ lines: { type: "array", items: obj({ sku: { type: "string" }, qty: {} }) } }),
      obj({ lines: { type: "array", items: obj({ sku: { type: "string" } }) } }),
      [["field_removed", "/lines/*/qty", true]],
    ],
  ])("%s", (_, before, after, expected) => {
    expect(kinds(c(before), c(after)).kinds).toEqual(expected);
  });

  it.each([
    ["idempotency key paths", { idempotencyKeyPaths: ["/id", "/v"] }],
    ["entity key path", { entityKeyPath: "/ref" }],
    ["version path", { versionPath: "/updatedAt" }],
  ])("a changed %s is breaking (key_path_changed)", (_, extra) => {
    const result = kinds(c(obj({})), c(obj({}), extra));
    expect(result.breaking).toBe(true);
    expect(result.kinds[0]?.[0]).toBe("key_path_changed");
  });

  it("a mapping or source-of-truth change alone is compatible", () => {
    const result = kinds(c(obj({})), c(obj({}), { mapping: [{ from: "/id", to: "/externalId" }], sourceOfTruth: [] }));
    expect(result.breaking).toBe(false);
    expect(result.kinds.map((k) => k[0])).toEqual(["mapping_changed", "source_of_truth_changed"]);
  });

  it("no active version: nothing to compare, not breaking", () => {
    expect(diffContracts(null, c(obj({ a: {} }, ["a"])))).toEqual({ breaking: false, changes: [] });
  });

  it("identical versions have no changes", () => {
    expect(
      diffContracts(
        c(obj({ a: { type: "string", format: "email" } }, ["a"])),
        c(obj({ a: { type: "string", format: "email" } }, ["a"])),
      ),
    ).toEqual({ breaking: false, changes: [] });
  });
});

describe("proposing a version from drift", () => {
  it("adds each unknown path as an optional property typed from its example", () => {
    const schema = {
      type: "object",
      required: ["order"],
      properties: {
        order: {
          type: "object",
          properties: {
            id: { type: "string" },
            lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
          },
        },
      },
    };
    const next = proposeFromDrift(schema, [
      { path: "/order/giftWrap", example: { order: { giftWrap: true } } },
      { path: "/channel", example: { channel: "web" } },
      { path: "/order/lines/*/qty", example: { order: { lines: [{ qty: 2 }] } } },
    ]);
    expect(next.required).toEqual(["order"]);
    const order = (next.properties as Record<string, Record<string, Record<string, unknown>>>).order!;
    expect(order.properties!.giftWrap).toEqual({ type: "boolean", description: "added from drift" });
    expect((next.properties as Record<string, unknown>).channel).toEqual({
      type: "string",
      description: "added from drift",
    });
    expect(
      (order.properties!.lines as Record<string, Record<string, Record<string, unknown>>>).items!.properties!.qty,
    ).toEqual({ type: "integer", description: "added from drift" });
    expect(schema.properties.order.properties).not.toHaveProperty("giftWrap");
  });
});
