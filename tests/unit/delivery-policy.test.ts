import { describe, expect, it } from "vitest";
import { backoffDelay, classifyAttempt, decideRetry, parseRetryAfter } from "@/lib/core/delivery/policy";

const policy = { maxAttempts: 5, initialDelayMs: 1_000, maxDelayMs: 30_000, multiplier: 4, maxAgeMs: 3_600_000 };

describe("classification (API.md §2)", () => {
  it.each([
    [{ status: 200 }, "success"],
    [{ status: 201 }, "success"],
    [{ status: 204 }, "success"],
    [{ status: 408 }, "transient"],
    [{ status: 425 }, "transient"],
    [{ status: 429 }, "transient"],
    [{ status: 500 }, "transient"],
    [{ status: 502 }, "transient"],
    [{ status: 503 }, "transient"],
    [{ status: 599 }, "transient"],
    [{ status: 301 }, "permanent"],
    [{ status: 302 }, "permanent"],
    [{ status: 307 }, "permanent"],
    [{ status: 400 }, "permanent"],
    [{ status: 401 }, "permanent"],
    [{ status: 404 }, "permanent"],
    [{ status: 409 }, "permanent"],
    [{ status: 422 }, "permanent"],
    [{ error: "timeout" }, "transient"],
    [{ error: "network" }, "transient"],
    [{ error: "refused_by_policy" }, "permanent"],
  ] as const)("%j → %s", (result, expected) => expect(classifyAttempt(result)).toBe(expected));
});

describe("backoff with full jitter", () => {
  it("grows exponentially and is capped, scaled by the random draw", () => {
    expect(backoffDelay(policy, 1, () => 0.999)).toBe(999);
    expect(backoffDelay(policy, 2, () => 0.999)).toBe(3_996);
    expect(backoffDelay(policy, 3, () => 0.999)).toBe(15_984);
    expect(backoffDelay(policy, 4, () => 0.999)).toBe(29_970);
    expect(backoffDelay(policy, 9, () => 0.5)).toBe(15_000);
    expect(backoffDelay(policy, 3, () => 0)).toBe(0);
  });

  it("waits at least as long as Retry-After asks, up to the policy's maximum delay", () => {
    expect(backoffDelay(policy, 1, () => 0.1, 7_000)).toBe(7_000);
    expect(backoffDelay(policy, 4, () => 0.9, 7_000)).toBe(27_000);
    expect(backoffDelay(policy, 1, () => 0.1, 999_999)).toBe(30_000);
  });
});

describe("retry decisions", () => {
  const receivedAt = new Date("2026-01-01T00:00:00Z");
  it("retries while attempts remain", () => {
    expect(decideRetry({ policy, attempt: 1, receivedAt, now: receivedAt, random: () => 0.5 })).toEqual({
      retry: true,
      delayMs: 500,
    });
  });
  it("stops at max attempts", () => {
    expect(decideRetry({ policy, attempt: 5, receivedAt, now: receivedAt })).toEqual({
      retry: false,
      reason: "retries_exhausted",
    });
  });
  it("stops when the next try would pass the maximum age", () => {
    const now = new Date(receivedAt.getTime() + 3_599_000);
    expect(decideRetry({ policy, attempt: 2, receivedAt, now, random: () => 0.9 })).toEqual({
      retry: false,
      reason: "max_age_exceeded",
    });
  });
});

describe("Retry-After", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  it.each([
    ["120", 120_000],
    ["0", 0],
    [" 5 ", 5_000],
    ["Thu, 01 Jan 2026 00:00:30 GMT", 30_000],
    ["Wed, 31 Dec 2025 23:00:00 GMT", 0],
    ["soon", null],
    ["", null],
    [null, null],
  ])("%j → %s", (header, ms) => expect(parseRetryAfter(header, now)).toBe(ms));
});
