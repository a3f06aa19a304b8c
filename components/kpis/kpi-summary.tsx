"use client";
import Link from "next/link";
import { InfoTip } from "@/components/ui/info-tip";
import type { Kpis } from "@/lib/client/hooks/kpis";
import { kpiVerdict } from "@/lib/core/kpis/verdict";
import { CARDS, formatValue, type CardSpec } from "./chart-specs";

function change(spec: CardSpec, now: number | null, before: number | null) {
  if (now === null || before === null || now === before)
    return { text: before === null ? "no earlier figure" : "no change", tone: "text-slate-500" };
  const better = spec.better === "lower" ? now < before : now > before;
  const arrow = now > before ? "▲" : "▼";
  return {
    text: `${arrow} from ${formatValue(before, spec.unit)}`,
    tone: better ? "text-emerald-700" : "text-red-700",
    label: better ? "better" : "worse",
  };
}

/** The period's headline figures beside the previous period's. */
export function KpiCards({ data }: { data: Kpis }) {
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="kpi-cards">
      <Card
        title="Records received"
        value={data.totals.received.toLocaleString()}
        sub={`${data.previous.received.toLocaleString()} in the previous period`}
        definition={data.definitions.received ?? ""}
      />
      {CARDS.map((spec) => {
        const c = change(spec, data.totals[spec.key], data.previous[spec.key]);
        return (
          <Card
            key={spec.key}
            title={spec.title}
            value={formatValue(data.totals[spec.key], spec.unit)}
            sub={
              <span className={c.tone}>
                {c.text}
                {c.label ? <span className="sr-only"> ({c.label})</span> : null}
              </span>
            }
            definition={data.definitions[spec.key] ?? ""}
          />
        );
      })}
    </dl>
  );
}

function Card({
  title,
  value,
  sub,
  definition,
}: {
  title: string;
  value: string;
  sub: React.ReactNode;
  definition: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3">
      <dt className="flex items-center gap-1.5 text-xs font-medium text-slate-500">
        {title}
        <InfoTip label={title} text={definition} />
      </dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</dd>
      <dd className="text-xs">{sub}</dd>
    </div>
  );
}

/** The one-line answer to "is reliability improving?", coloured good / bad part by part (the words say it too). */
export function KpiVerdict({ data, openAlerts }: { data: Kpis; openAlerts: number | null }) {
  const verdict = kpiVerdict({
    failureRate: data.totals.failureRate,
    previousFailureRate: data.previous.failureRate,
    rangeMs: Date.parse(data.range.to) - Date.parse(data.range.from),
    openAlerts: openAlerts ?? 0,
  });
  // Until the alerts are in, say nothing about them rather than "no alerts open".
  const parts = openAlerts === null ? verdict.parts.slice(0, 1) : verdict.parts;
  return (
    <p
      className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-base font-medium"
      data-testid="kpi-verdict"
    >
      {parts.map((p, i) => (
        <span key={i} className={TONE[p.tone]} data-tone={p.tone}>
          {i === 0 ? p.text : `; ${p.text}`}
        </span>
      ))}
    </p>
  );
}

const TONE = { good: "text-emerald-700", bad: "text-red-700", neutral: "text-slate-800" } as const;

/** Integrations ranked two ways: by failure rate (with a minimum volume) and by open backlog. */
export function Rankings({ data }: { data: Kpis }) {
  const byFailure = data.worstByFailure;
  const byBacklog = [...data.ranking]
    .sort((a, b) => b.openExceptions + b.pendingDeliveries - (a.openExceptions + a.pendingDeliveries))
    .filter((r) => r.openExceptions + r.pendingDeliveries > 0)
    .slice(0, 10);
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <RankTable
        caption="Highest failure rate"
        note={`Integrations with at least ${data.minimumVolume} records in the period.`}
        empty={`No integration had at least ${data.minimumVolume} records in this period.`}
        rows={byFailure.map((r) => ({
          ...r,
          figure: formatValue(r.failureRate, "pct"),
          detail: `${r.received.toLocaleString()} records`,
        }))}
        testId="rank-failure"
      />
      <RankTable
        caption="Largest open backlog"
        empty="Nothing waiting: no open exceptions or pending deliveries."
        rows={byBacklog.map((r) => ({
          ...r,
          figure: `${r.openExceptions} open`,
          detail: `${r.pendingDeliveries} pending deliveries`,
        }))}
        testId="rank-backlog"
      />
    </div>
  );
}

function RankTable({
  caption,
  note,
  rows,
  empty,
  testId,
}: {
  caption: string;
  note?: string;
  rows: { integration: string; name: string; figure: string; detail: string }[];
  empty: string;
  testId: string;
}) {
  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid={testId}>
      <table className="w-full text-left text-sm">
        <caption className="px-4 py-2 text-left text-sm font-semibold text-slate-900">
          {caption}
          {note ? <span className="block text-xs font-normal text-slate-500">{note}</span> : null}
        </caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">#</th>
            <th>Integration</th>
            <th className="text-right">Figure</th>
            <th className="px-4 text-right">Volume</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="px-4 py-4 text-slate-500">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((r, i) => (
              <tr key={r.integration}>
                <td className="px-4 py-2 text-slate-500">{i + 1}</td>
                <td>
                  <Link className="font-medium text-indigo-700 underline" href={`/integrations/${r.integration}`}>
                    {r.name}
                  </Link>
                </td>
                <td className="text-right font-medium tabular-nums">{r.figure}</td>
                <td className="px-4 text-right text-slate-600">{r.detail}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
