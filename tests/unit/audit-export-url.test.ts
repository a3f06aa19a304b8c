import { describe, expect, it } from "vitest";
import { auditExportUrl } from "@/lib/client/audit-export";

const params = (r: ReturnType<typeof auditExportUrl>) =>
  "url" in r ? Object.fromEntries(new URL(r.url, "http://x").searchParams) : r;

describe("the audit page's download address", () => {
  it("covers whole local days, the last one included", () => {
    const r = auditExportUrl("2026-03-01", "2026-03-31");
    expect("url" in r && r.url.startsWith("/api/v1/audit/export?")).toBe(true);
    expect(params(r)).toEqual({
      from: new Date("2026-03-01T00:00:00").toISOString(),
      to: new Date("2026-04-01T00:00:00").toISOString(),
    });
  });

  it("takes a single day", () => {
    expect(params(auditExportUrl("2026-03-05", "2026-03-05"))).toEqual({
      from: new Date("2026-03-05T00:00:00").toISOString(),
      to: new Date("2026-03-06T00:00:00").toISOString(),
    });
  });

  it.each([
    ["", "2026-03-01", "Choose the first and the last day."],
    ["2026-03-02", "2026-03-01", "The last day must not be before the first."],
    ["2025-01-01", "2026-01-05", "Export at most 366 days at a time."],
  ])("refuses %s – %s", (from, to, problem) => {
    expect(auditExportUrl(from, to)).toEqual({ problem });
  });
});
