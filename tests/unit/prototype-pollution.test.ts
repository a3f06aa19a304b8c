import { afterEach, describe, expect, it } from "vitest";
import { applyMapping, unknownFields } from "@/lib/core/contracts/apply";
import { proposeFromDrift } from "@/lib/core/contracts/drift";
import { ZContractInput } from "@/lib/core/contracts/schemas";
import { setAt, ZPointer } from "@/lib/core/json-pointer";

const clean = () => {
  for (const key of ["x", "polluted", "type", "properties"]) expect(Object.prototype).not.toHaveProperty(key);
};
afterEach(() => {
  for (const key of ["x", "polluted", "type", "properties"]) delete (Object.prototype as Record<string, unknown>)[key];
});

describe("prototype pollution", () => {
  it("contract paths may not name __proto__, constructor or prototype", () => {
    for (const p of ["/__proto__/x", "/a/constructor/prototype", "/prototype"])
      expect(ZPointer.safeParse(p).success).toBe(false);
    expect(ZPointer.safeParse("/order/proto").success).toBe(true);
    const contract = ZContractInput.safeParse({
      schema: { type: "object" },
      mapping: [{ from: "/id", to: "/__proto__/polluted" }],
    });
    expect(contract.success).toBe(false);
  });

  it("writing at a pointer never reaches a prototype, even past validation", () => {
    const doc: Record<string, unknown> = {};
    setAt(doc, "/__proto__/polluted", true);
    setAt(doc, "/constructor/prototype/x", 1);
    clean();
    expect(Object.hasOwn(doc, "__proto__")).toBe(true);
    const mapped = applyMapping([{ from: "/a", to: "/__proto__/polluted" }], { a: 1 }) as object;
    expect(Object.getOwnPropertyDescriptor(mapped, "__proto__")?.value).toEqual({ polluted: 1 });
    clean();
  });

  it("drift and its proposal treat such keys as ordinary data", () => {
    const payload = JSON.parse('{"id":"1","__proto__":{"polluted":true},"constructor":{"x":1}}');
    const schema = { type: "object", properties: { id: { type: "string" } } };
    const unknown = unknownFields(schema, payload);
    expect(unknown.sort()).toEqual(["/__proto__", "/constructor"]);
    const next = proposeFromDrift(schema, [
      { path: "/__proto__/polluted", example: true },
      { path: "/constructor", example: {} },
    ]);
    clean();
    expect(Object.keys(next.properties as object)).toEqual(["id", "__proto__", "constructor"]);
  });
});
