import { describe, expect, it } from "vitest";
import { formatAgo, formatDuration } from "@/lib/client/format";

describe("plain-words times", () => {
  const now = Date.parse("2026-06-01T12:00:00Z");
  it.each([
    [now - 10_000, "just now"],
    [now - 60_000, "1 min ago"],
    [now - 3 * 60_000, "3 min ago"],
    [now - 2 * 3_600_000, "2 hours ago"],
    [now - 3 * 86_400_000, "3 days ago"],
    [now + 5 * 60_000, "in 5 min"],
  ])("%s → %s", (at, text) => expect(formatAgo(at, now)).toBe(text));

  it.each([
    [null, "—"],
    [42, "42 ms"],
    [1_500, "1.5 s"],
    [180_000, "3 min"],
    [5_400_000, "1.5 h"],
  ])("duration %s → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});
