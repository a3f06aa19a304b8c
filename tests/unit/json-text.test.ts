import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/core/errors";
import { decodeUtf8, jsonDepth, MAX_JSON_DEPTH, parseJsonText } from "@/lib/core/json-text";

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
const code = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
};

describe("JSON where it enters", () => {
  it("measures nesting without being fooled by brackets in strings", () => {
    expect(jsonDepth('{"a":[{"b":"[[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('{"a":"\\"[[["}')).toBe(1);
    expect(jsonDepth("12")).toBe(0);
  });

  it("accepts the limit and refuses one level more, however deep the text goes", () => {
    expect(parseJsonText(nested(MAX_JSON_DEPTH))).toBeInstanceOf(Array);
    expect(code(() => parseJsonText(nested(MAX_JSON_DEPTH + 1)))).toBe("json_too_deep");
    expect(code(() => parseJsonText(nested(200_000)))).toBe("json_too_deep");
  });

  it("answers broken JSON with invalid_json", () => {
    expect(code(() => parseJsonText('{"a":'))).toBe("invalid_json");
  });

  it("refuses bytes that are not UTF-8 and keeps a byte-order mark as it came", () => {
    expect(code(() => decodeUtf8(Buffer.from([0x7b, 0xff, 0x7d])))).toBe("invalid_utf8");
    expect(decodeUtf8(Buffer.from("\uFEFF{}", "utf8"))).toBe("\uFEFF{}");
  });
});
