"use client";
import Link from "next/link";
import { LifecycleBadge } from "@/components/integrations/lifecycle-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { useReadinessBoard } from "@/lib/client/hooks/governance";

const SHORT: Record<string, string> = {
  contract_approved: "Contract",
  source_of_truth: "Source of truth",
  idempotency_tested: "Idempotency",
  retry_and_owner: "Retries & owner",
  alert_thresholds: "Alerts",
  runbook: "Runbook",
  manual_fallback: "Fallback",
};

/** Every integration against the seven checks, at a glance. */
export function ReadinessBoard() {
  const board = useReadinessBoard();
  if (board.isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!board.data?.items.length)
    return (
      <EmptyState title="No integrations yet">
        Create an integration; its readiness for going live shows up here.
      </EmptyState>
    );
  return (
    <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase text-slate-500">
          <tr>
            <th className="px-4 py-2">Integration</th>
            <th>State</th>
            {Object.values(SHORT).map((s) => (
              <th key={s} className="px-2">
                {s}
              </th>
            ))}
            <th className="px-2">Can go live</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {board.data.items.map((i) => (
            <tr key={i.slug} data-testid="readiness-row">
              <td className="px-4 py-2">
                <Link href={`/integrations/${i.slug}`} className="font-medium text-indigo-700 underline">
                  {i.name}
                </Link>
              </td>
              <td>
                <LifecycleBadge lifecycle={i.lifecycle} />
              </td>
              {Object.keys(SHORT).map((key) => {
                const c = i.checks.find((x) => x.key === key);
                return (
                  <td key={key} className="px-2" title={c?.how === "confirmed" ? "confirmed by an admin" : undefined}>
                    {c?.ok ? (
                      <span className="text-emerald-700">✓{c.how === "confirmed" ? " (by hand)" : ""}</span>
                    ) : (
                      <span className="font-semibold text-red-700">✗ missing</span>
                    )}
                  </td>
                );
              })}
              <td className="px-2">
                {i.lifecycle !== "draft"
                  ? "—"
                  : i.canGoLive
                    ? i.missing.length
                      ? "yes, with a warning"
                      : "yes"
                    : `no (${i.missing.length} missing)`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
