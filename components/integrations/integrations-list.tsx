"use client";
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { TimeAgo } from "@/components/ui/time-ago";
import { useIntegrations } from "@/lib/client/hooks/integrations";
import { LifecycleBadge } from "./lifecycle-badge";

export function IntegrationsList({ canCreate }: { canCreate: boolean }) {
  const [showArchived, setShowArchived] = useState(false);
  const { data, isLoading, error } = useIntegrations({ archived: showArchived });
  const toggle = (
    <label className="mb-3 flex w-fit items-center gap-2 text-sm text-slate-700">
      <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
      Show archived
    </label>
  );
  if (isLoading)
    return (
      <>
        {toggle}
        <p className="text-sm text-slate-500">Loading integrations…</p>
      </>
    );
  if (error)
    return (
      <>
        {toggle}
        <p role="alert" className="text-sm text-red-700">
          Could not load integrations: {error.message}
        </p>
      </>
    );
  if (!data || data.items.length === 0) {
    return (
      <>
        {toggle}
        <EmptyState title="No integrations yet">
          An integration is one boundary between two systems, such as “Shop orders → ERP”.{" "}
          {canCreate ? (
            <>
              <Link href="/integrations/new" className="font-medium text-indigo-700 underline">
                Create the first one
              </Link>
              : it starts as a draft you can test safely.
            </>
          ) : (
            "Ask an admin to create the first one; it will appear here."
          )}
        </EmptyState>
      </>
    );
  }
  return (
    <>
      {toggle}
      <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase text-slate-500">
            <tr>
              <th className="px-4 py-2">Integration</th>
              <th>From → to</th>
              <th>Kind</th>
              <th>State</th>
              <th>Last hour</th>
              <th>Open exceptions</th>
              <th>Last record</th>
              <th>Contract</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.items.map((i) => (
              <tr
                key={i.id}
                data-testid="integration-row"
                className={i.archivedAt ? "bg-slate-50 text-slate-500" : undefined}
              >
                <td className="px-4 py-2">
                  <Link href={`/integrations/${i.slug}`} className="font-medium text-indigo-700 underline">
                    {i.name}
                  </Link>
                  <div className="font-mono text-xs text-slate-500">{i.slug}</div>
                </td>
                <td>
                  {i.sourceSystem} → {i.targetSystem}
                </td>
                <td>{i.mode === "relay" ? "Relayed by Signalbox" : "Reported by a workflow"}</td>
                <td>
                  {i.archivedAt ? <Badge tone="slate">Archived</Badge> : <LifecycleBadge lifecycle={i.lifecycle} />}
                </td>
                <td>{i.activity.eventsLastHour} records</td>
                <td>
                  {i.activity.openExceptions ? (
                    <a className="font-medium text-red-700 underline" href={`/exceptions?integration=${i.slug}`}>
                      {i.activity.openExceptions}
                    </a>
                  ) : (
                    "none"
                  )}
                </td>
                <td>
                  <TimeAgo at={i.activity.lastEventAt} />
                </td>
                <td>
                  {i.contract
                    ? `v${i.contract.version} (${i.contract.status === "active" ? "approved" : i.contract.status})`
                    : "none yet"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
