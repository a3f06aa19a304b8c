"use client";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { InfoTip } from "@/components/ui/info-tip";
import type { Kpis } from "@/lib/client/hooks/kpis";
import { bucketLabel } from "@/lib/client/kpi-range";
import { ACTION_COLOURS, actionLabel, formatValue, LINE_COLOURS, type ChartSpec } from "./chart-specs";

const AXIS = { fontSize: 11, fill: "#64748b" };

function ChartCard({
  title,
  definition,
  children,
  testId,
}: {
  title: string;
  definition: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4" data-testid={testId}>
      <figcaption className="mb-2 flex items-center gap-2 text-sm font-semibold text-slate-900">
        {title}
        <InfoTip label={title} text={definition} />
      </figcaption>
      <div className="h-52">{children}</div>
    </figure>
  );
}

function pointsOf(data: Kpis) {
  const spanDays = (Date.parse(data.range.to) - Date.parse(data.range.from)) / 86_400_000;
  return data.series.map((p, i) => ({
    ...p,
    label: bucketLabel(p.at, data.range.bucket, spanDays),
    previous: data.previousSeries[i] ?? null,
  }));
}

/** One KPI over time: its lines for this period, and the headline line of the previous period dashed beside it. */
export function KpiLineChart({ spec, data }: { spec: ChartSpec; data: Kpis }) {
  const headline = spec.lines[0]!;
  const points = pointsOf(data).map((p) => ({
    label: p.label,
    ...Object.fromEntries(spec.lines.map((l) => [l.key, p[l.key]])),
    previous: p.previous ? p.previous[headline.key] : null,
  }));
  const definition = spec.lines
    .map((l) => data.definitions[l.key])
    .filter(Boolean)
    .join(" ");
  return (
    <ChartCard title={spec.title} definition={definition} testId={`chart-${spec.id}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis tick={AXIS} width={64} tickFormatter={(v: number) => formatValue(v, spec.unit)} />
          <Tooltip formatter={(v) => formatValue(typeof v === "number" ? v : null, spec.unit)} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {spec.lines.map((l, i) => (
            <Line
              key={l.key}
              type="monotone"
              dataKey={l.key}
              name={l.label}
              stroke={LINE_COLOURS[i]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          <Line
            type="monotone"
            dataKey="previous"
            name={`${headline.label}, previous period`}
            stroke="#94a3b8"
            strokeDasharray="5 4"
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}

/** Manual interventions per bucket, stacked by kind of action. */
export function ManualChart({ data }: { data: Kpis }) {
  const points = pointsOf(data);
  const actions = [...new Set(points.flatMap((p) => Object.keys(p.manualByAction)))].sort();
  const rows = points.map((p) => ({
    label: p.label,
    previous: p.previous?.manualInterventions ?? null,
    ...Object.fromEntries(actions.map((a) => [a, p.manualByAction[a] ?? 0])),
  }));
  return (
    <ChartCard
      title="Manual interventions"
      definition={data.definitions.manualInterventions ?? ""}
      testId="chart-manual"
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" />
          <XAxis dataKey="label" tick={AXIS} minTickGap={24} />
          <YAxis tick={AXIS} width={40} allowDecimals={false} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {actions.map((a, i) => (
            <Bar
              key={a}
              dataKey={a}
              name={actionLabel(a)}
              stackId="manual"
              fill={ACTION_COLOURS[i % ACTION_COLOURS.length]}
              isAnimationActive={false}
            />
          ))}
          <Bar dataKey="previous" name="All actions, previous period" fill="#cbd5e1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
