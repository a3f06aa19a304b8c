// Which charts the KPI dashboard draws, and how each number reads.
import type { KpiPoint } from "@/lib/client/hooks/kpis";
import { formatDuration } from "@/lib/client/format";

export type NumericKey = { [K in keyof KpiPoint]: KpiPoint[K] extends number | null ? K : never }[keyof KpiPoint];
export type Unit = "pct" | "ms" | "count";

export interface ChartSpec {
  id: string;
  title: string;
  unit: Unit;
  /** lines drawn; the first is the headline figure and gets the previous period beside it */
  lines: { key: NumericKey; label: string }[];
  /** whether lower or higher is better (colours the change) */
  better: "lower" | "higher";
}

export const CHARTS: ChartSpec[] = [
  {
    id: "failure",
    title: "Failure rate",
    unit: "pct",
    lines: [{ key: "failureRate", label: "Failure rate" }],
    better: "lower",
  },
  {
    id: "duplicates",
    title: "Duplicate rate",
    unit: "pct",
    lines: [{ key: "duplicateRate", label: "Duplicate rate" }],
    better: "lower",
  },
  {
    id: "recovery",
    title: "Recovery time",
    unit: "ms",
    lines: [
      { key: "recoveryP50Ms", label: "Median" },
      { key: "recoveryP90Ms", label: "90th percentile" },
    ],
    better: "lower",
  },
  {
    id: "auto-recovery",
    title: "Auto-recovery rate",
    unit: "pct",
    lines: [{ key: "autoRecoveryRate", label: "Auto-recovery rate" }],
    better: "higher",
  },
  {
    id: "lag",
    title: "Lag, received → final",
    unit: "ms",
    lines: [
      { key: "lagP50Ms", label: "Median" },
      { key: "lagP95Ms", label: "95th percentile" },
    ],
    better: "lower",
  },
  {
    id: "backlog",
    title: "Backlog",
    unit: "count",
    lines: [
      { key: "openExceptions", label: "Open exceptions" },
      { key: "pendingDeliveries", label: "Pending deliveries" },
    ],
    better: "lower",
  },
  {
    id: "oldest",
    title: "Oldest pending record",
    unit: "ms",
    lines: [{ key: "oldestPendingMs", label: "Age of the oldest" }],
    better: "lower",
  },
];

export interface CardSpec {
  key: NumericKey;
  title: string;
  unit: Unit;
  better: "lower" | "higher";
}

/** The headline figures: the period's value beside the previous period's. */
export const CARDS: CardSpec[] = [
  { key: "failureRate", title: "Failure rate", unit: "pct", better: "lower" },
  { key: "duplicateRate", title: "Duplicate rate", unit: "pct", better: "lower" },
  { key: "recoveryP50Ms", title: "Recovery time (median)", unit: "ms", better: "lower" },
  { key: "recoveryP90Ms", title: "Recovery time (p90)", unit: "ms", better: "lower" },
  { key: "autoRecoveryRate", title: "Auto-recovery rate", unit: "pct", better: "higher" },
  { key: "lagP95Ms", title: "Lag (p95)", unit: "ms", better: "lower" },
  { key: "manualInterventions", title: "Manual interventions", unit: "count", better: "lower" },
  { key: "openExceptions", title: "Open exceptions", unit: "count", better: "lower" },
  { key: "pendingDeliveries", title: "Pending deliveries", unit: "count", better: "lower" },
];

export const LINE_COLOURS = ["#4f46e5", "#0891b2"];
export const ACTION_COLOURS = [
  "#4f46e5",
  "#0891b2",
  "#d97706",
  "#db2777",
  "#059669",
  "#7c3aed",
  "#dc2626",
  "#475569",
  "#65a30d",
];

/** A value as the chart and cards print it. */
export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined) return "—";
  if (unit === "pct") return `${(value * 100).toFixed(value < 0.1 ? 2 : 1)} %`;
  if (unit === "ms") return formatDuration(value);
  return value.toLocaleString();
}

/** Plain words for a manual action key such as "exception.retry". */
export function actionLabel(action: string): string {
  const LABELS: Record<string, string> = {
    "exception.retry": "Retry",
    "exception.rerun": "Re-run",
    "exception.replay": "Replay",
    "exception.resolve": "Resolve",
    "exception.discard": "Discard",
    "exception.assign": "Assign",
    "event.redeliver": "Redeliver",
    "integration.pause": "Pause",
    "integration.resume": "Resume",
  };
  return LABELS[action] ?? action;
}
