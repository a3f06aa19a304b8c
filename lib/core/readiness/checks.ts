// The seven readiness checks of PRODUCT.md, computed from the data where the
// data can tell, else confirmed by an admin with a note. Pure.
import type { ContractVersion } from "../contracts/types";
import type { Integration } from "../integrations/types";

export const CHECKS = [
  { key: "contract_approved", label: "Contract approved" },
  { key: "source_of_truth", label: "Source of truth declared for the key and every mapped field" },
  { key: "idempotency_tested", label: "Idempotency tested on the current contract" },
  { key: "retry_and_owner", label: "Retry policy and failure-queue owner in place" },
  { key: "alert_thresholds", label: "Alert thresholds defined" },
  { key: "runbook", label: "Runbook written" },
  { key: "manual_fallback", label: "Manual fallback documented" },
] as const;

export type CheckKey = (typeof CHECKS)[number]["key"];
export const CHECK_KEYS = CHECKS.map((c) => c.key) as [CheckKey, ...CheckKey[]];

export interface CheckResult {
  key: CheckKey;
  label: string;
  ok: boolean;
  /** "data": computed; "confirmed": an admin vouched for it; "missing" */
  how: "data" | "confirmed" | "missing";
  detail: string;
}

export interface ReadinessFacts {
  integration: Integration;
  /** the approved (active) contract, if any */
  active: ContractVersion | null;
  confirmations: { check: string; note: string; confirmedAt: Date }[];
}

function computed(f: ReadinessFacts): Record<CheckKey, { ok: boolean; detail: string }> {
  const { integration: i, active } = f;
  const sot = new Set(active?.sourceOfTruth.map((s) => s.field) ?? []);
  const needed = [...new Set([active?.entityKeyPath, ...(active?.mapping?.map((m) => m.from) ?? [])].filter((p): p is string => Boolean(p)))];
  const undeclared = needed.filter((p) => !sot.has(p));
  const target = i.mode === "relay" ? i.destination : i.replayWebhook;
  const thresholds = i.alertThresholds as Record<string, unknown> | null;
  return {
    contract_approved: active ? { ok: true, detail: `version ${active.version} approved` } : { ok: false, detail: "no contract version is approved yet" },
    source_of_truth: !active
      ? { ok: false, detail: "needs an approved contract" }
      : needed.length === 0
        ? { ok: sot.size > 0, detail: sot.size > 0 ? "declared" : "nothing declared yet" }
        : undeclared.length
          ? { ok: false, detail: `no source of truth for ${undeclared.join(", ")}` }
          : { ok: true, detail: `declared for ${needed.length} field${needed.length === 1 ? "" : "s"}` },
    idempotency_tested: active?.selfTestedAt
      ? { ok: true, detail: `self-test passed on version ${active.version}` }
      : { ok: false, detail: active ? `run the self-test on version ${active.version}` : "needs an approved contract" },
    retry_and_owner: !i.owners.triage
      ? { ok: false, detail: "nobody owns the exception queue" }
      : !target
        ? { ok: false, detail: i.mode === "relay" ? "no destination set" : "no replay webhook set" }
        : { ok: true, detail: `up to ${i.retryPolicy.maxAttempts} attempts; triage owner named` },
    alert_thresholds: thresholds && Object.keys(thresholds).length ? { ok: true, detail: "defined" } : { ok: false, detail: "no alert thresholds" },
    runbook: i.runbook.trim() ? { ok: true, detail: "written" } : { ok: false, detail: "empty" },
    manual_fallback: i.manualFallback.trim() ? { ok: true, detail: "documented" } : { ok: false, detail: "empty" },
  };
}

export function assessReadiness(f: ReadinessFacts): { checks: CheckResult[]; missing: CheckKey[] } {
  const data = computed(f);
  const checks = CHECKS.map(({ key, label }): CheckResult => {
    if (data[key].ok) return { key, label, ok: true, how: "data", detail: data[key].detail };
    const confirmation = f.confirmations.find((c) => c.check === key);
    if (confirmation) return { key, label, ok: true, how: "confirmed", detail: `confirmed by an admin: ${confirmation.note}` };
    return { key, label, ok: false, how: "missing", detail: data[key].detail };
  });
  return { checks, missing: checks.filter((c) => !c.ok).map((c) => c.key) };
}

/** The gate: two or more missing refuses; one missing goes live with a warning. */
export function gate(missing: CheckKey[]): { allowed: boolean; warning: boolean } {
  return { allowed: missing.length < 2, warning: missing.length === 1 };
}
