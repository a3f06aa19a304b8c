"use client";
import { Badge } from "@/components/ui/badge";
import { JsonView } from "@/components/ui/json-view";
import { TimeAgo } from "@/components/ui/time-ago";
import { useContracts } from "@/lib/client/hooks/integrations";

/** The contract the pipeline applies now, in plain words, with the schema below. */
export function ContractView({ slug }: { slug: string }) {
  const contracts = useContracts(slug);
  const current =
    contracts.data?.items.find((c) => c.status === "active") ?? contracts.data?.items.find((c) => c.status === "draft");
  if (contracts.isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (!current)
    return (
      <p className="text-sm text-slate-600">No contract yet: records are accepted as they come, without validation.</p>
    );
  return (
    <div className="space-y-3 text-sm">
      <p className="flex flex-wrap items-center gap-2">
        Version {current.version}{" "}
        <Badge tone={current.status === "active" ? "green" : "amber"}>
          {current.status === "active" ? "Approved" : "Draft — not approved yet"}
        </Badge>
        <span className="text-xs text-slate-500">
          written <TimeAgo at={current.createdAt} />
        </span>
      </p>
      <dl className="grid grid-cols-1 gap-2 sm:grid-cols-2">
        <div>
          <dt className="text-xs text-slate-500">Duplicate key from</dt>
          <dd className="font-mono text-xs">
            {current.idempotencyKeyPaths.length
              ? current.idempotencyKeyPaths.join(" + ")
              : "Idempotency-Key header, webhook-id, or the record itself"}
            {current.requireIdempotencyKey ? " (required)" : ""}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Version guard</dt>
          <dd className="font-mono text-xs">
            {current.entityKeyPath && current.versionPath
              ? `${current.entityKeyPath} by ${current.versionPath}`
              : "off"}
          </dd>
        </div>
      </dl>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Field mapping</h3>
        {current.mapping?.length ? (
          <table className="mt-1 text-xs">
            <tbody>
              {current.mapping.map((m) => (
                <tr key={`${m.from}>${m.to}`}>
                  <td className="pr-3 font-mono">{m.from}</td>
                  <td className="pr-3">→</td>
                  <td className="font-mono">{m.to}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-xs text-slate-600">None: the record is delivered as it came.</p>
        )}
      </div>
      <div>
        <h3 className="text-xs font-semibold uppercase text-slate-500">Source of truth</h3>
        {current.sourceOfTruth.length ? (
          <ul className="text-xs">
            {current.sourceOfTruth.map((s) => (
              <li key={s.field}>
                <span className="font-mono">{s.field}</span>: {s.system}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-xs text-amber-700">Not declared.</p>
        )}
      </div>
      <JsonView label="JSON Schema" value={current.schema} />
    </div>
  );
}
