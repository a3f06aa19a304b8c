import { describe, expect, it } from "vitest";
import { toPointer } from "@/lib/core/errors";
import { getAt, parsePointer, setAt, ZPointer } from "@/lib/core/json-pointer";

describe("JSON Pointer", () => {
  const doc = { order: { id: "A1", lines: [{ sku: "x" }], "a/b": 1, "m~n": 2 } };

  it.each([
    ["", doc],
    ["/order/id", "A1"],
    ["/order/lines/0/sku", "x"],
    ["/order/a~1b", 1],
    ["/order/m~0n", 2],
    ["/order/missing", undefined],
    ["/order/lines/01", undefined],
    ["/order/id/deeper", undefined],
  ])("getAt(%s)", (pointer, expected) => {
    expect(getAt(doc, pointer)).toEqual(expected);
  });

  it("sets nested values, creating objects", () => {
    const out: Record<string, unknown> = {};
    setAt(out, "/customer/email", "a@b.c");
    setAt(out, "/externalId", "A1");
    expect(out).toEqual({ customer: { email: "a@b.c" }, externalId: "A1" });
  });

  it("round-trips escaping", () => {
    expect(parsePointer(toPointer(["a/b", "m~n", 0]))).toEqual(["a/b", "m~n", "0"]);
  });

  it("validates pointer syntax", () => {
    expect(ZPointer.safeParse("/a/b").success).toBe(true);
    expect(ZPointer.safeParse("a/b").success).toBe(false);
    expect(ZPointer.safeParse("/a~2").success).toBe(false);
  });
});
