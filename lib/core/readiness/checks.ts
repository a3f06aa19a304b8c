// The seven readiness checks of PRODUCT.md. Five are computed by Signalbox and
// can only be satisfied by the data; two are facts outside Signalbox and may
// also be confirmed by an admin with a note. Pure.
import type { ContractVersion } from "../contracts/types";
import type { Integration } from "../integrations/types";

/** Where in the console a computed check is satisfied (the UI turns it into a link). */
export type CheckPlace = "contracts" | "self_test" | "owners" | "settings" | "alert_rules";

export const CHECKS = [
  {
    key: "contract_approved",
    label: "Contract approved",
    kind: "computed",
    place: "contracts",
    fix: "approve a contract version on the Contracts page",
  },
  {
    key: "source_of_truth",
    label: "Source of truth declared for the key and every mapped field",
    kind: "computed",
    place: "contracts",
    fix: "declare the source of truth in a contract version and approve it",
  },
  {
    key: "idempotency_tested",
    label: "Idempotency self-test passed on the current contract",
    kind: "computed",
    place: "self_test",
    fix: "run the idempotency self-test on the approved contract",
  },
  {
    key: "retry_and_owner",
    label: "Retry policy and failure-queue owner in place",
    kind: "computed",
    place: "owners",
    fix: "name a triage owner and set the destination",
  },
  {
    key: "alert_thresholds",
    label: "Alert thresholds defined",
    kind: "computed",
    place: "alert_rules",
    fix: "set the alert rules",
  },
  {
    key: "runbook",
    label: "Runbook written or reviewed",
    kind: "outside",
    place: "settings",
    fix: "write the runbook in the settings, or confirm that the runbook your team keeps elsewhere was reviewed",
  },
  {
    key: "manual_fallback",
    label: "Manual fallback documented or rehearsed",
    kind: "outside",
    place: "settings",
    fix: "document the manual fallback in the settings, or confirm that it was rehearsed",
  },
] as const satisfies readonly {
  key: string;
  label: string;
  kind: "computed" | "outside";
  place: CheckPlace;
  fix: string;
}[];

export type CheckKey = (typeof CHECKS)[number]["key"];
export const CHECK_KEYS = CHECKS.map((c) => c.key) as [CheckKey, ...CheckKey[]];
const byKey = new Map<string, (typeof CHECKS)[number]>(CHECKS.map((c) => [c.key, c]));

export const checkDefinition = (key: string) => byKey.get(key);
/** Only facts outside Signalbox may be confirmed by hand; what Signalbox can compute, it computes. */
export const isConfirmable = (key: string) => byKey.get(key)?.kind === "outside";

export interface CheckResult {
  key: CheckKey;
  label: string;
  ok: boolean;
  /** "data": computed; "confirmed": an admin vouched for it; "missing" */
  how: "data" | "confirmed" | "missing";
  detail: string;
  /** computed by Signalbox (never confirmed by hand) or a fact outside it */
  kind: "computed" | "outside";
  /** may an admin confirm it by hand (outside facts the data does not show) */
  confirmable: boolean;
  /** how to satisfy it, in plain words, and where */
  fix: string;
  place: CheckPlace;
  /** who confirmed it, when how = "confirmed" */
  confirmedById: string | null;
}

export interface Confirmation {
  check: string;
  note: string;
  confirmedById?: string | null;
  confirmedAt: Date;
}

export interface ReadinessFacts {
  integration: Integration;
  /** the approved (active) contract, if any */
  active: ContractVersion | null;
  confirmations: Confirmation[];
}

function computed(f: ReadinessFacts): Record<CheckKey, { ok: boolean; detail: string }> {
  const { integration: i, active } = f;
  const sot = new Set(active?.sourceOfTruth.map((s) => s.field) ?? []);
  const needed = [
    ...new Set(
      [active?.entityKeyPath, ...(active?.mapping?.map((m) => m.from) ?? [])].filter((p): p is string => Boolean(p)),
    ),
  ];
  const undeclared = needed.filter((p) => !sot.has(p));
  const target = i.mode === "relay" ? i.destination : i.replayWebhook;
  const thresholds = i.alertThresholds as Record<string, unknown> | null;
  return {
    contract_approved: active
      ? { ok: true, detail: `version ${active.version} approved` }
      : { ok: false, detail: "no contract version is approved yet" },
    source_of_truth: !active
      ? { ok: false, detail: "needs an approved contract" }
      : needed.length === 0
        ? { ok: sot.size > 0, detail: sot.size > 0 ? "declared" : "nothing declared yet" }
        : undeclared.length
          ? { ok: false, detail: `no source of truth for ${undeclared.join(", ")}` }
          : { ok: true, detail: `declared for ${needed.length} field${needed.length === 1 ? "" : "s"}` },
    idempotency_tested: active?.selfTestedAt
      ? { ok: true, detail: `self-test passed on version ${active.version}` }
      : {
          ok: false,
          detail: active ? `the self-test has not passed on version ${active.version}` : "needs an approved contract",
        },
    retry_and_owner: !i.owners.triage
      ? { ok: false, detail: "nobody owns the exception queue" }
      : !target
        ? { ok: false, detail: i.mode === "relay" ? "no destination set" : "no replay webhook set" }
        : { ok: true, detail: `up to ${i.retryPolicy.maxAttempts} attempts; triage owner named` },
    alert_thresholds:
      thresholds && Object.keys(thresholds).length
        ? { ok: true, detail: "defined" }
        : { ok: false, detail: "no alert thresholds" },
    runbook: i.runbook.trim()
      ? { ok: true, detail: "written in Signalbox" }
      : { ok: false, detail: "no runbook written here" },
    manual_fallback: i.manualFallback.trim()
      ? { ok: true, detail: "documented in Signalbox" }
      : { ok: false, detail: "no manual fallback documented here" },
  };
}

/**
 * The seven checks. A confirmation counts only for a check that is a fact
 * outside Signalbox; confirmations stored for computed checks (allowed before)
 * are ignored.
 */
export function assessReadiness(f: ReadinessFacts): { checks: CheckResult[]; missing: CheckKey[] } {
  const data = computed(f);
  const checks = CHECKS.map(({ key, label, kind, place, fix }): CheckResult => {
    const base = { key, label, kind, place, fix, confirmable: false, confirmedById: null };
    if (data[key].ok) return { ...base, ok: true, how: "data", detail: data[key].detail };
    const confirmable = kind === "outside";
    const confirmation = confirmable ? f.confirmations.find((c) => c.check === key) : undefined;
    if (confirmation)
      return {
        ...base,
        confirmable,
        ok: true,
        how: "confirmed",
        detail: `confirmed by an admin: ${confirmation.note}`,
        confirmedById: confirmation.confirmedById ?? null,
      };
    return { ...base, confirmable, ok: false, how: "missing", detail: data[key].detail };
  });
  return { checks, missing: checks.filter((c) => !c.ok).map((c) => c.key) };
}

/** The gate: two or more missing refuses; one missing goes live with a warning. */
export function gate(missing: CheckKey[]): { allowed: boolean; warning: boolean } {
  return { allowed: missing.length < 2, warning: missing.length === 1 };
}

/**
 * The checks, missing by data, that this admin confirmed personally. Two or
 * more of them and the same admin may not take the integration live: one person
 * cannot vouch for the integration alone.
 */
export function selfConfirmed(checks: CheckResult[], adminId: string | null): CheckResult[] {
  if (!adminId) return [];
  return checks.filter((c) => c.how === "confirmed" && c.confirmedById === adminId);
}

/** Go-live for this admin: refused when incomplete, or when they confirmed two or more missing checks themselves. */
export function goLiveVerdict(
  checks: CheckResult[],
  adminId: string | null,
):
  | { allowed: true; warning: CheckResult | null }
  | { allowed: false; reason: "incomplete"; missing: CheckResult[] }
  | { allowed: false; reason: "self_confirmed"; confirmed: CheckResult[] } {
  const missing = checks.filter((c) => !c.ok);
  if (!gate(missing.map((c) => c.key)).allowed) return { allowed: false, reason: "incomplete", missing };
  const mine = selfConfirmed(checks, adminId);
  if (mine.length >= 2) return { allowed: false, reason: "self_confirmed", confirmed: mine };
  return { allowed: true, warning: missing[0] ?? null };
}

/** A note that says how the admin knows, not just "ok". */
export function meaningfulNote(note: string): boolean {
  const words = note
    .trim()
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]{2,}/u.test(w));
  return note.trim().length >= 15 && words.length >= 3;
}
