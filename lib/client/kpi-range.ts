// The KPI dashboard's range picker as data: preset or custom range → the
// query the API takes (from, to, bucket size).

export type RangePreset = "24h" | "7d" | "30d" | "custom";

export const PRESETS: { value: RangePreset; label: string }[] = [
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "30d", label: "Last 30 days" },
  { value: "custom", label: "Custom" },
];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PRESET_MS: Record<Exclude<RangePreset, "custom">, number> = { "24h": DAY, "7d": 7 * DAY, "30d": 30 * DAY };

export const isPreset = (v: string | undefined): v is RangePreset => PRESETS.some((p) => p.value === v);

export interface RangeChoice {
  preset: RangePreset;
  /** custom range, as yyyy-mm-dd dates (UTC days; `to` inclusive) */
  fromDay?: string;
  toDay?: string;
}

export type RangeQuery = { from: string; to: string; bucket: "hour" | "day" } | { error: string };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** The query for a choice at `now` (rounded to the minute so the query key stays put between renders). */
export function rangeQuery(choice: RangeChoice, now: number): RangeQuery {
  if (choice.preset !== "custom") {
    const to = Math.ceil(now / 60_000) * 60_000;
    const length = PRESET_MS[choice.preset];
    return {
      from: new Date(to - length).toISOString(),
      to: new Date(to).toISOString(),
      bucket: length > 2 * DAY ? "day" : "hour",
    };
  }
  if (!choice.fromDay || !choice.toDay || !DAY_RE.test(choice.fromDay) || !DAY_RE.test(choice.toDay))
    return { error: "Pick a start and an end date." };
  const from = Date.parse(`${choice.fromDay}T00:00:00Z`);
  const to = Date.parse(`${choice.toDay}T00:00:00Z`) + DAY;
  if (Number.isNaN(from) || Number.isNaN(to)) return { error: "Those dates are not valid." };
  if (to <= from) return { error: "The end date must be on or after the start date." };
  if (to - from > 400 * DAY) return { error: "Choose a range of at most 400 days." };
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    bucket: to - from > 3 * DAY ? "day" : "hour",
  };
}

/** A bucket's label on a chart axis. */
export function bucketLabel(at: string, bucket: "hour" | "day", spanDays: number): string {
  const d = new Date(at);
  if (bucket === "day") return d.toLocaleDateString(undefined, { month: "short", day: "numeric" });
  if (spanDays <= 1) return d.toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
  return d.toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit" });
}
