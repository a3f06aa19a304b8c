import { describe, expect, it } from "vitest";
import { applyMapping, generalisePath, unknownFields, validateAgainst } from "@/lib/core/contracts/apply";
import { assertValidSchema } from "@/lib/core/contracts/compile";
import { DomainError } from "@/lib/core/errors";

const schema = {
  type: "object",
  required: ["id", "email"],
  properties: {
    id: { type: "string" },
    email: { type: "string", format: "email" },
    lines: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } },
    meta: { type: "object", additionalProperties: { type: "object", properties: { v: { type: "number" } } } },
  },
  patternProperties: { "^x-": {} },
};

describe("validation", () => {
  it("reports every problem with a JSON Pointer, including missing required fields", () => {
    const issues = validateAgainst({ id: "c1", schema }, { email: "not-an-email", lines: [{ sku: 3 }] });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: "/id", message: "must have required property 'id'" },
        { path: "/email", message: 'must match format "email"' },
        { path: "/lines/0/sku", message: "must be string" },
      ]),
    );
    expect(issues).toHaveLength(3);
    expect(validateAgainst({ id: "c1", schema }, { id: "1", email: "a@b.co" })).toEqual([]);
  });

  it("refuses schemas that are not JSON Schema 2020-12", () => {
    expect(() => assertValidSchema({ type: "objekt" })).toThrow(DomainError);
    expect(() => assertValidSchema([])).toThrow(DomainError);
    expect(() => assertValidSchema({ $ref: "#/nope" })).toThrow(DomainError);
    expect(() => assertValidSchema({ type: "object", properties: { a: { type: "string" } } })).not.toThrow();
  });
});

describe("drift: unknown fields", () => {
  it("finds fields the schema does not describe, at any depth, once per array path", () => {
    const payload = {
      id: "1",
      email: "a@b.co",
      color: "red",
      "x-trace": 1,
      lines: [
        { sku: "a", qty: 1 },
        { sku: "b", qty: 2 },
      ],
      meta: { k: { v: 1, w: 2 } },
    };
    expect(unknownFields(schema, payload).map(generalisePath)).toEqual(["/color", "/lines/*/qty", "/meta/k/w"]);
  });

  it("reports nothing inside an object schema that names no fields (any object)", () => {
    expect(unknownFields({ type: "object" }, { a: 1, b: { c: 2 } })).toEqual([]);
    expect(
      unknownFields(
        { type: "object", properties: { list: { type: "array", items: { type: "object" } } } },
        { list: [{ x: 1 }] },
      ),
    ).toEqual([]);
  });
});

describe("mapping", () => {
  it("builds the delivered body from the mapped targets only; absent sources leave targets absent", () => {
    const mapping = [
      { from: "/id", to: "/externalId" },
      { from: "/email", to: "/customer/email" },
      { from: "/missing", to: "/customer/phone" },
      { from: "/lines", to: "/items" },
    ];
    const out = applyMapping(mapping, { id: "1", email: "a@b.co", lines: [{ sku: "a" }], extra: true });
    expect(out).toEqual({ externalId: "1", customer: { email: "a@b.co" }, items: [{ sku: "a" }] });
  });
  it("passes the payload through without a mapping", () => {
    const payload = { a: 1 };
    expect(applyMapping(null, payload)).toBe(payload);
    expect(applyMapping([], payload)).toBe(payload);
  });
});
