"use client";
// What the store holds, and when retention next removes something from each integration.
import { TimeAgo } from "@/components/ui/time-ago";
import { useStoreOverview } from "@/lib/client/hooks/settings";

const size = (bytes: number) =>
  bytes >= 1_073_741_824
    ? `${(bytes / 1_073_741_824).toFixed(1)} GB`
    : bytes >= 1_048_576
      ? `${(bytes / 1_048_576).toFixed(1)} MB`
      : `${Math.max(1, Math.round(bytes / 1024))} KB`;
const about = (n: number) => n.toLocaleString("en");

function Due({ at }: { at: string | null }) {
  if (!at) return <span className="text-slate-500">never</span>;
  if (new Date(at).getTime() <= Date.now()) return <span>due now (checked every 10 min)</span>;
  return <TimeAgo at={at} />;
}

export function StorePanel() {
  const { data, isLoading, error } = useStoreOverview();
  return (
    <section aria-labelledby="store-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="store-heading" className="text-lg font-semibold">
        What the store holds
      </h2>
      {isLoading ? (
        <p className="mt-2 text-sm text-slate-500">Loading…</p>
      ) : error || !data ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error?.message ?? "Not available"}
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600" data-testid="store-summary">
            {size(data.sizeBytes)} on {data.provider === "postgresql" ? "PostgreSQL" : "the embedded store (SQLite)"}:
            about {about(data.rows.events)} events, {about(data.rows.stages)} journey steps,{" "}
            {about(data.rows.exceptions)} exceptions and {about(data.rows.audit)} audit entries.
          </p>
          {data.integrations.length ? (
            <div className="mt-3 overflow-x-auto">
              <table className="min-w-full text-sm">
                <thead className="text-left text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-1 pr-4 font-semibold">Integration</th>
                    <th className="py-1 pr-4 font-semibold">Oldest record</th>
                    <th className="py-1 pr-4 font-semibold">Next payload removal</th>
                    <th className="py-1 font-semibold">Next record removal</th>
                  </tr>
                </thead>
                <tbody>
                  {data.integrations.map((i) => (
                    <tr key={i.slug} className="border-t border-slate-100" data-testid="store-row">
                      <th scope="row" className="py-2 pr-4 text-left font-medium">
                        {i.name}
                        {i.legalHold ? <span className="ml-2 text-xs text-violet-700">legal hold</span> : null}
                      </th>
                      <td className="py-2 pr-4">
                        {i.oldestAt ? <TimeAgo at={i.oldestAt} /> : <span className="text-slate-500">none yet</span>}
                      </td>
                      <td className="py-2 pr-4">
                        <Due at={i.nextPayloadExpiryAt} />
                      </td>
                      <td className="py-2">
                        <Due at={i.nextRecordExpiryAt} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}
