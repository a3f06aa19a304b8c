import { describe, expect, it } from "vitest";
import { canonicalJson, fingerprint } from "@/lib/core/events/fingerprint";
import {
  deriveCorrelation,
  deriveIdempotencyKey,
  parseVersion,
  traceIdFrom,
  traceparentFor,
} from "@/lib/core/events/identity";
import { errorSignature } from "@/lib/core/exceptions/signature";

describe("fingerprint", () => {
  it("ignores key order at every depth but not array order or values", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    expect(fingerprint({ a: 1, b: { c: 2 } })).toBe(fingerprint({ b: { c: 2 }, a: 1 }));
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
    expect(fingerprint({ a: 1 })).not.toBe(fingerprint({ a: "1" }));
  });
});

describe("idempotency key", () => {
  const base = {
    keyPaths: ["/order/id", "/order/version"],
    payload: { order: { id: "A1", version: 3 } },
    fingerprint: "f".repeat(64),
    required: false,
  };
  it.each([
    [
      { header: "hdr-1", webhookId: "msg" },
      { key: "hdr-1", source: "header" },
    ],
    [
      { header: "  ", webhookId: "msg" },
      { key: "A1:3", source: "contract" },
    ],
    [
      { webhookId: "msg", payload: { order: { id: "A1" } } },
      { key: "msg", source: "webhook-id" },
    ],
    [
      { payload: { order: { id: "A1", version: { nested: 1 } } } },
      { key: `sha256:${"f".repeat(64)}`, source: "fingerprint" },
    ],
    [{ payload: {}, required: true }, null],
    [
      { payload: {}, required: true, webhookId: "msg-2" },
      { key: "msg-2", source: "webhook-id" },
    ],
  ])("%j", (override, expected) => expect(deriveIdempotencyKey({ ...base, ...override })).toEqual(expected));
});

describe("correlation and trace", () => {
  const tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
  it("prefers X-Correlation-Id, then the trace id, then a new one", () => {
    expect(deriveCorrelation("order-77", tp)).toEqual({
      correlationId: "order-77",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(deriveCorrelation(null, tp)).toEqual({
      correlationId: "4bf92f3577b34da6a3ce929d0e0e4736",
      traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    });
    expect(deriveCorrelation(null, "garbage").correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
  it("rejects malformed or all-zero trace ids", () => {
    expect(traceIdFrom(`00-${"0".repeat(32)}-00f067aa0ba902b7-01`)).toBeNull();
    expect(traceIdFrom("00-xyz-00f067aa0ba902b7-01")).toBeNull();
  });
  it("keeps the trace id and makes a new span per attempt", () => {
    const a = traceparentFor("4bf92f3577b34da6a3ce929d0e0e4736", "ev");
    const b = traceparentFor("4bf92f3577b34da6a3ce929d0e0e4736", "ev");
    expect(a.split("-")[1]).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(a.split("-")[2]).not.toBe(b.split("-")[2]);
    expect(traceparentFor(null, "cmx1abc")).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });
});

describe("versions for the version guard", () => {
  it.each([
    [7, 7],
    [7.5, 7.5],
    ["12", 12],
    ["-3", -3],
    ["2026-03-01T10:00:00Z", Date.parse("2026-03-01T10:00:00Z")],
    ["2026-03-01T10:00:00.123+02:00", Date.parse("2026-03-01T08:00:00.123Z")],
    ["2026-03-01", Date.parse("2026-03-01")],
    ["v2", null],
    ["", null],
    [null, null],
    [true, null],
    [Number.NaN, null],
    [{ v: 1 }, null],
  ])("%j → %s", (value, expected) => expect(parseVersion(value)).toBe(expected));
});

describe("error signatures group by cause", () => {
  it("drops what varies per record but keeps HTTP statuses", () => {
    expect(errorSignature("HTTP 404: customer 1234 not found")).toBe(errorSignature("HTTP 404: customer 98 not found"));
    expect(errorSignature("HTTP 404: x")).not.toBe(errorSignature("HTTP 400: x"));
    expect(errorSignature('field "email" invalid at /lines/3/sku')).toBe(
      errorSignature('field "phone" invalid at /lines/7/sku'),
    );
  });
});
