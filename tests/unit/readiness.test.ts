import { describe, expect, it } from "vitest";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { Integration } from "@/lib/core/integrations/types";
import {
  assessReadiness,
  CHECK_KEYS,
  gate,
  goLiveVerdict,
  isConfirmable,
  meaningfulNote,
} from "@/lib/core/readiness/checks";

const now = new Date("2026-06-01T00:00:00Z");
const ready: Integration = {
  id: "i1",
  slug: "orders",
  name: "Orders",
  mode: "relay",
  lifecycle: "draft",
  sourceSystem: "Shop",
  targetSystem: "ERP",
  description: "",
  destination: { url: "https://erp.example", method: "POST", headers: {}, timeoutMs: 1000, allowPrivateNetwork: false },
  replayWebhook: null,
  notificationWebhook: null,
  retryPolicy: { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 60_000, multiplier: 2, maxAgeMs: 86_400_000 },
  rateLimit: { perSecond: 10, burst: 20 },
  slaMinutes: 60,
  alertThresholds: { failureRatePct: 5 },
  runbook: "Call the ERP team.",
  manualFallback: "Key it in by hand.",
  owners: { logic: "u1", dataQuality: "u1", incident: "u2", triage: "u2" },
  liveAt: null,
  pausedAt: null,
  archivedAt: null,
  erasedAt: null,
  createdAt: now,
  updatedAt: now,
};
const active: ContractVersion = {
  id: "c1",
  integrationId: "i1",
  version: 2,
  status: "active",
  schema: { type: "object" },
  idempotencyKeyPaths: ["/id"],
  requireIdempotencyKey: false,
  entityKeyPath: "/id",
  versionPath: null,
  mapping: [
    { from: "/id", to: "/ref" },
    { from: "/total", to: "/amount" },
  ],
  sourceOfTruth: [
    { field: "/id", system: "Shop" },
    { field: "/total", system: "Shop" },
  ],
  idStrategy: null,
  diff: null,
  note: "",
  authorId: "u1",
  approvedById: "u3",
  approvedAt: now,
  createdAt: now,
  selfTestedAt: now,
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
    [
      "source_of_truth",
      { active: { ...active, sourceOfTruth: [{ field: "/id", system: "Shop" }] } },
      ["source_of_truth"],
    ],
    ["idempotency_tested", { active: { ...active, selfTestedAt: null } }, ["idempotency_tested"]],
    [
      "retry_and_owner (no triage owner)",
      { integration: { ...ready, owners: { ...ready.owners, triage: null } } },
      ["retry_and_owner"],
    ],
    ["retry_and_owner (no destination)", { integration: { ...ready, destination: null } }, ["retry_and_owner"]],
    ["alert_thresholds", { integration: { ...ready, alertThresholds: null } }, ["alert_thresholds"]],
    ["runbook", { integration: { ...ready, runbook: "  " } }, ["runbook"]],
    ["manual_fallback", { integration: { ...ready, manualFallback: "" } }, ["manual_fallback"]],
  ])("%s missing is detected", (_, change, expected) => {
    const facts = { integration: ready, active, confirmations: [], ...change } as Parameters<typeof assessReadiness>[0];
    expect(assessReadiness(facts).missing).toEqual(expected);
  });

  it("a confirmation fills a fact outside Signalbox the data does not show", () => {
    const facts = {
      integration: { ...ready, runbook: "" },
      active,
      confirmations: [
        {
          check: "runbook",
          note: "Reviewed the ERP runbook in Confluence with Ana",
          confirmedById: "u3",
          confirmedAt: now,
        },
      ],
    };
    const result = assessReadiness(facts);
    expect(result.missing).toEqual([]);
    expect(result.checks.find((c) => c.key === "runbook")).toMatchObject({
      ok: true,
      how: "confirmed",
      confirmedById: "u3",
      detail: expect.stringContaining("Confluence"),
    });
  });

  it("a confirmation never fills a computed check, even one stored before the rule", () => {
    const facts = {
      integration: { ...ready, alertThresholds: null },
      active: { ...active, selfTestedAt: null },
      confirmations: [
        { check: "alert_thresholds", note: "Pager rules live in Grafana", confirmedAt: now },
        { check: "idempotency_tested", note: "ok", confirmedAt: now },
      ],
    };
    const result = assessReadiness(facts);
    expect(result.missing).toEqual(["idempotency_tested", "alert_thresholds"]);
    expect(result.checks.find((c) => c.key === "alert_thresholds")).toMatchObject({
      ok: false,
      how: "missing",
      confirmable: false,
      fix: "set the alert rules",
    });
  });

  it("only the outside facts are confirmable", () => {
    expect(CHECK_KEYS.filter(isConfirmable)).toEqual(["runbook", "manual_fallback"]);
    const { checks } = assessReadiness({
      integration: { ...ready, runbook: "", alertThresholds: null },
      active,
      confirmations: [],
    });
    expect(checks.filter((c) => c.confirmable).map((c) => c.key)).toEqual(["runbook"]);
  });

  it.each([
    ["ok", false],
    ["done, all good", false],
    ["x".repeat(30), false],
    ["Reviewed by Ana on 3 May", true],
    ["Rehearsed with the warehouse team", true],
  ])("note %j is meaningful: %s", (note, expected) => {
    expect(meaningfulNote(note)).toBe(expected);
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
    const bare = {
      ...ready,
      owners: { logic: null, dataQuality: null, incident: null, triage: null },
      alertThresholds: null,
      runbook: "",
      manualFallback: "",
    };
    expect(assessReadiness({ integration: bare, active: null, confirmations: [] }).missing).toHaveLength(7);
  });

  describe("the same admin", () => {
    const bare = { ...ready, runbook: "", manualFallback: "" };
    const note = "Reviewed with the ERP team last week";
    const confirmedBy = (runbook: string, fallback: string) => [
      { check: "runbook", note, confirmedById: runbook, confirmedAt: now },
      { check: "manual_fallback", note, confirmedById: fallback, confirmedAt: now },
    ];
    it("who confirmed two missing checks personally may not take it live", () => {
      const { checks } = assessReadiness({ integration: bare, active, confirmations: confirmedBy("a1", "a1") });
      const verdict = goLiveVerdict(checks, "a1");
      expect(verdict).toMatchObject({ allowed: false, reason: "self_confirmed" });
      expect(verdict.allowed ? [] : "confirmed" in verdict ? verdict.confirmed.map((c) => c.key) : null).toEqual([
        "runbook",
        "manual_fallback",
      ]);
      expect(goLiveVerdict(checks, "a2")).toEqual({ allowed: true, warning: null });
    });
    it("who confirmed one of them may", () => {
      const { checks } = assessReadiness({ integration: bare, active, confirmations: confirmedBy("a1", "a2") });
      expect(goLiveVerdict(checks, "a1")).toEqual({ allowed: true, warning: null });
      expect(goLiveVerdict(checks, "a2")).toEqual({ allowed: true, warning: null });
    });
    it("incomplete comes first, and one missing goes with a warning", () => {
      const none = assessReadiness({ integration: bare, active, confirmations: [] }).checks;
      expect(goLiveVerdict(none, "a1")).toMatchObject({ allowed: false, reason: "incomplete" });
      const one = assessReadiness({
        integration: bare,
        active,
        confirmations: confirmedBy("a1", "a1").slice(0, 1),
      }).checks;
      expect(goLiveVerdict(one, "a1")).toMatchObject({ allowed: true, warning: { key: "manual_fallback" } });
    });
  });
});
