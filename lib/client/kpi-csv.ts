// CSV export of every KPI series (this period and the previous one), built in
// the browser from the numbers on screen.
import type { Kpis, KpiPoint } from "./hooks/kpis";

const COLUMNS = [
  "received",
  "failureRate",
  "duplicateRate",
  "recoveryP50Ms",
  "recoveryP90Ms",
  "manualInterventions",
  "autoRecoveryRate",
  "lagP50Ms",
  "lagP95Ms",
  "openExceptions",
  "pendingDeliveries",
  "oldestPendingMs",
] as const satisfies readonly (keyof KpiPoint)[];

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so spreadsheets never run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function kpiCsv(data: Kpis): string {
  const actions = [
    ...new Set([...data.series, ...data.previousSeries].flatMap((p) => Object.keys(p.manualByAction))),
  ].sort();
  const header = ["period", "bucket_start", "integration", ...COLUMNS, ...actions.map((a) => `manual:${a}`)];
  const integration = data.range.integration ?? "all";
  const row = (period: string, p: KpiPoint) => [
    period,
    p.at,
    integration,
    ...COLUMNS.map((c) => p[c]),
    ...actions.map((a) => p.manualByAction[a] ?? 0),
  ];
  const rows = [
    header,
    ...data.series.map((p) => row("current", p)),
    ...data.previousSeries.map((p) => row("previous", p)),
  ];
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

export function kpiCsvName(data: Kpis): string {
  const day = (iso: string) => iso.slice(0, 16).replace(/[:T]/g, "-");
  return `signalbox-kpis-${data.range.integration ?? "all"}-${day(data.range.from)}-to-${day(data.range.to)}.csv`;
}

/** Hand the CSV to the browser as a download. */
export function downloadCsv(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
