import { describe, expect, it } from "vitest";
import { attemptDetail, BODY_EXCERPT_BYTES } from "@/lib/core/delivery/outbound";
import type { OutboundResponse } from "@/lib/core/delivery/sender";

const answer = (over: Partial<OutboundResponse> = {}): OutboundResponse => ({
  status: 503,
  error: null,
  errorMessage: null,
  headers: {},
  body: "",
  durationMs: 12,
  ...over,
});

describe("what the process view keeps of an attempt", () => {
  it("shows our own headers and masks configured ones and the signature", () => {
    const d = attemptDetail(
      {
        "content-type": "application/json",
        "idempotency-key": "k-1",
        authorization: "Bearer s3cret",
        "x-api-key": "abc",
        "webhook-signature": "v1,xyz",
      },
      answer(),
    );
    expect(d.request.headers).toEqual({
      "content-type": "application/json",
      "idempotency-key": "k-1",
      authorization: "••••",
      "x-api-key": "••••",
      "webhook-signature": "••••",
    });
    expect(JSON.stringify(d)).not.toContain("s3cret");
  });

  it("keeps the answer's status, headers without cookies, and the start of the body", () => {
    const body = "x".repeat(BODY_EXCERPT_BYTES + 10);
    const d = attemptDetail({}, answer({ headers: { "retry-after": "30", "set-cookie": "sid=1" }, body }));
    expect(d.response).toEqual({
      status: 503,
      headers: { "retry-after": "30", "set-cookie": "••••" },
      body: body.slice(0, BODY_EXCERPT_BYTES),
      truncated: true,
    });
  });

  it("bounds what a hostile target can make it store", () => {
    const headers = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`h-${i}`, "v".repeat(10_000)]));
    const d = attemptDetail({}, answer({ headers }));
    expect(Object.keys(d.response!.headers)).toHaveLength(40);
    expect(JSON.stringify(d).length).toBeLessThan(40 * 260 + 500);
  });

  it("has no answer when none came", () => {
    expect(attemptDetail({}, answer({ status: null, error: "timeout" })).response).toBeNull();
  });
});
