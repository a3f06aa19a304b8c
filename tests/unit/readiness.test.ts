import { describe, expect, it } from "vitest";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { Integration } from "@/lib/core/integrations/types";
import { assessReadiness, CHECK_KEYS, gate } from "@/lib/core/readiness/checks";

const now = new Date("2026-06-01T00:00:00Z");
const ready: Integration = {
  id: "i1", slug: "orders", name: "Orders", mode: "relay", lifecycle: "draft", sourceSystem: "Shop", targetSystem: "ERP", description: "",
  destination: { url: "https://erp.example", method: "POST", headers: {}, timeoutMs: 1000, allowPrivateNetwork: false },
  replayWebhook: null, notificationWebhook: null,
  retryPolicy: { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 60_000, multiplier: 2, maxAgeMs: 86_400_000 },
  rateLimit: { perSecond: 10, burst: 20 }, slaMinutes: 60, alertThresholds: { failureRatePct: 5 },
  runbook: "Call the ERP team.", manualFallback: "Key it in by hand.",
  owners: { logic: "u1", dataQuality: "u1", incident: "u2", triage: "u2" },
  liveAt: null, pausedAt: null, archivedAt: null, createdAt: now, updatedAt: now,
};
const active: ContractVersion = {
  id: "c1", integrationId: "i1", version: 2, status: "active", schema: { type: "object" }, idempotencyKeyPaths: ["/id"], requireIdempotencyKey: false,
  entityKeyPath: "/id", versionPath: null, mapping: [{ from: "/id", to: "/ref" }, { from: "/total", to: "/amount" }],
  sourceOfTruth: [{ field: "/id", system: "Shop" }, { field: "/total", system: "Shop" }], idStrategy: null, diff: null, note: "",
  authorId: "u1", approvedById: "u3", approvedAt: now, createdAt: now, selfTestedAt: now,
};

describe("readiness checks", () => {
  it("all seven pass from the data for a prepared integration", () => {
    const { checks, missing } = assessReadiness({ integration: ready, active, confirmations: [] });
    expect(checks.map((c) => c.key)).toEqual(CHECK_KEYS);
    expect(missing).toEqual([]);
    expect(checks.every((c) => c.how === "data")).toBe(true);
  });

  it.each([
    ["contract_approved", { active: null }, ["contract_approved", "source_of_truth", "idempotency_tested"]],
    ["source_of_truth", { active: { ...active, sourceOfTruth: [{ field: "/id", system: "Shop" }] } }, ["source_of_truth"]],
    ["idempotency_tested", { active: { ...active, selfTestedAt: null } }, ["idempotency_tested"]],
    ["retry_and_owner (no triage owner)", { integration: { ...ready, owners: { ...ready.owners, triage: null } } }, ["retry_and_owner"]],
    ["retry_and_owner (no destination)", { integration: { ...ready, destination: null } }, ["retry_and_owner"]],
    ["alert_thresholds", { integration: { ...ready, alertThresholds: null } }, ["alert_thresholds"]],
    ["runbook", { integration: { ...ready, runbook: "  " } }, ["runbook"]],
    ["manual_fallback", { integration: { ...ready, manualFallback: "" } }, ["manual_fallback"]],
  ])("%s missing is detected", (_, change, expected) => {
    const facts = { integration: ready, active, confirmations: [], ...change } as Parameters<typeof assessReadiness>[0];
    expect(assessReadiness(facts).missing).toEqual(expected);
  });

  it("an admin confirmation with a note fills a check the data cannot prove", () => {
    const facts = { integration: { ...ready, alertThresholds: null }, active, confirmations: [{ check: "alert_thresholds", note: "Pager rules live in Grafana", confirmedAt: now }] };
    const result = assessReadiness(facts);
    expect(result.missing).toEqual([]);
    expect(result.checks.find((c) => c.key === "alert_thresholds")).toMatchObject({ ok: true, how: "confirmed", detail: expect.stringContaining("Grafana") });
  });
});

describe("the go-live gate", () => {
  it.each([
    [0, true, false],
    [1, true, true],
    [2, false, false],
    [7, false, false],
  ])("%i missing → allowed %s, warning %s", (count, allowed, warning) => {
    expect(gate(CHECK_KEYS.slice(0, count))).toEqual({ allowed, warning });
  });

  it("a brand-new integration misses all seven", () => {
    const bare = { ...ready, owners: { logic: null, dataQuality: null, incident: null, triage: null }, alertThresholds: null, runbook: "", manualFallback: "" };
    expect(assessReadiness({ integration: bare, active: null, confirmations: [] }).missing).toHaveLength(7);
  });
});
