import { describe, expect, it, vi } from "vitest";
import {
  conflict,
  DomainError,
  forbidden,
  invalidInput,
  notFound,
  unauthorized,
  type ErrorKind,
} from "@/lib/core/errors";
import { errorResponse, STATUS_BY_KIND } from "@/lib/server/http-errors";

describe("domain error → HTTP answer", () => {
  it.each([
    [unauthorized(), 401, "unauthorized"],
    [forbidden(), 403, "forbidden"],
    [notFound("Exception"), 404, "not_found"],
    [conflict("readiness_incomplete", "2 checks missing", ["runbook", "fallback"]), 409, "readiness_incomplete"],
    [invalidInput("bad", [{ path: "/a", message: "x" }]), 400, "invalid_input"],
    [new DomainError("payload_too_large", "payload_too_large", "too big"), 413, "payload_too_large"],
    [new DomainError("unsupported_media_type", "unsupported_media_type", "json please"), 415, "unsupported_media_type"],
    [new DomainError("unprocessable", "contract_violation", "bad record"), 422, "contract_violation"],
  ])("%s → %i %s", async (error, status, code) => {
    const res = errorResponse(error);
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe("string");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("keeps details and extra top-level fields (e.g. the recorded event id)", async () => {
    const error = new DomainError("unprocessable", "contract_violation", "bad", [{ path: "/x", message: "required" }], {
      id: "ev1",
    });
    const body = await errorResponse(error).json();
    expect(body).toEqual({
      id: "ev1",
      error: { code: "contract_violation", message: "bad", details: [{ path: "/x", message: "required" }] },
    });
  });

  it("sets Retry-After on rate limiting", () => {
    const res = errorResponse(
      new DomainError("rate_limited", "rate_limited", "slow down", undefined, { retryAfterSeconds: 3 }),
    );
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("3");
  });

  it("hides unexpected errors behind a 500 with a reference, never the internals", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = errorResponse(new Error("connection string postgresql://secret@db"));
    const body = await res.json();
    expect(res.status).toBe(500);
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("secret");
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  it("maps every error kind to a 4xx status", () => {
    for (const [kind, status] of Object.entries(STATUS_BY_KIND) as [ErrorKind, number][]) {
      expect(status, kind).toBeGreaterThanOrEqual(400);
      expect(status, kind).toBeLessThan(500);
    }
  });
});
