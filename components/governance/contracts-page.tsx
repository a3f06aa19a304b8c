"use client";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useApproveContract, useDrift, useImportContract } from "@/lib/client/hooks/governance";
import { useContracts, type ContractView } from "@/lib/client/hooks/integrations";
import { useUsers } from "@/lib/client/hooks/users";
import { ContractEditor, draftFrom, type Draft } from "./contract-editor";

const STATUS: Record<string, { tone: "green" | "amber" | "slate" | "red"; label: string }> = {
  active: { tone: "green", label: "Active (approved)" },
  draft: { tone: "amber", label: "Draft — waiting for approval" },
  superseded: { tone: "slate", label: "Superseded" },
  rejected: { tone: "red", label: "Rejected" },
};

/** Contract versions: history, the editor with the diff, approval, import/export, and drift. */
export function ContractsPage({ slug, isAdmin, meId }: { slug: string; isAdmin: boolean; meId: string }) {
  const contracts = useContracts(slug);
  const users = useUsers();
  const approve = useApproveContract(slug);
  const importer = useImportContract(slug);
  const versions = contracts.data?.items ?? [];
  const active = versions.find((c) => c.status === "active") ?? null;
  const current = active ?? versions.find((c) => c.status === "draft") ?? null;
  const drift = useDrift(slug, current?.version ?? null);
  const [editing, setEditing] = useState<{ draft: Draft; key: number } | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const name = (id: string | null) =>
    users.data?.items.find((u) => u.id === id)?.name ?? (id ? "someone" : "the system");
  const diffOf = (c: ContractView) =>
    c.diff as {
      breaking: boolean;
      changes: { path: string; kind: string; breaking: boolean; detail: string }[];
    } | null;

  return (
    <div className="space-y-4">
      {isAdmin ? (
        <Section
          title="New version"
          actions={
            <>
              {/* Not before the versions are loaded: a draft started from nothing would drop the mapping and sources of truth. */}
              <Button
                variant="secondary"
                disabled={!contracts.data}
                onClick={() => setEditing({ draft: draftFrom(current), key: Date.now() })}
              >
                Start from the current version
              </Button>
              <label className="cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium ring-1 ring-slate-300">
                Import a JSON Schema file…
                <input
                  type="file"
                  accept="application/json,.json"
                  className="sr-only"
                  onChange={async (e) => {
                    const file = e.target.files?.[0];
                    if (file)
                      importer.mutate(JSON.parse(await file.text()) as unknown, {
                        onSuccess: (c) => setSaved(c.version),
                      });
                  }}
                />
              </label>
            </>
          }
        >
          {importer.error ? (
            <p role="alert" className="text-sm text-red-700">
              {(importer.error as ApiError).message}
            </p>
          ) : null}
          {saved ? (
            <p role="status" className="mb-2 text-sm text-emerald-700">
              Version {saved} saved as a draft. It applies once an admin approves it.
            </p>
          ) : null}
          {editing ? (
            <ContractEditor
              key={editing.key}
              slug={slug}
              active={active}
              initial={editing.draft}
              onSaved={(v) => {
                setSaved(v);
                setEditing(null);
              }}
            />
          ) : (
            <p className="text-sm text-slate-600">
              Start from the current version
              {drift.data?.proposal ? ", or from what senders actually send (drift, below)" : ""}.
            </p>
          )}
        </Section>
      ) : null}

      <Section title="Versions">
        {approve.error ? (
          <p role="alert" className="mb-2 text-sm text-red-700" data-testid="approve-error">
            {(approve.error as ApiError).message}
          </p>
        ) : null}
        <ol className="space-y-3">
          {versions.map((c) => {
            const diff = diffOf(c);
            return (
              <li
                key={c.id}
                className="rounded-md border border-slate-200 p-3 text-sm"
                data-testid="contract-version"
                data-version={c.version}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <strong>Version {c.version}</strong>
                  <Badge tone={STATUS[c.status]?.tone ?? "slate"}>{STATUS[c.status]?.label ?? c.status}</Badge>
                  {diff?.breaking ? <Badge tone="red">Breaking change</Badge> : null}
                  <span className="text-xs text-slate-500">
                    by {name(c.authorId)} <TimeAgo at={c.createdAt} />
                    {c.approvedAt ? (
                      <>
                        {" "}
                        · approved by {name(c.approvedById)} <TimeAgo at={c.approvedAt} />
                      </>
                    ) : null}
                  </span>
                  <a
                    className="ml-auto text-xs text-indigo-700 underline"
                    href={`/api/v1/integrations/${slug}/contracts/${c.version}/export`}
                    download={`${slug}-v${c.version}.schema.json`}
                  >
                    Export
                  </a>
                  {isAdmin && c.status === "draft" ? (
                    diff?.breaking && c.authorId === meId ? (
                      <>
                        <span
                          id={`approve-reason-${c.version}`}
                          className="text-xs text-amber-800"
                          data-testid="approve-reason"
                        >
                          A breaking change needs another admin&apos;s approval
                        </span>
                        <Button className="px-2 py-1 text-xs" disabled aria-describedby={`approve-reason-${c.version}`}>
                          Approve
                        </Button>
                      </>
                    ) : (
                      <Button
                        className="px-2 py-1 text-xs"
                        disabled={approve.isPending}
                        onClick={() => approve.mutate(c.version)}
                      >
                        Approve
                      </Button>
                    )
                  ) : null}
                </div>
                {c.note ? <p className="mt-1 text-slate-600">{c.note}</p> : null}
                {diff?.changes.length ? (
                  <ul className="mt-2 space-y-0.5 text-xs">
                    {diff.changes.map((x, i) => (
                      <li key={i}>
                        <span className={x.breaking ? "font-semibold text-red-700" : "text-emerald-700"}>
                          {x.breaking ? "breaking" : "compatible"}
                        </span>{" "}
                        <code>{x.path}</code> {x.detail}
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
          {versions.length === 0 ? (
            <li className="text-sm text-slate-600">
              No contract yet. Records are accepted as they come until a version exists.
            </li>
          ) : null}
        </ol>
      </Section>

      <Section
        title={`Drift on version ${current?.version ?? "—"}`}
        actions={
          isAdmin && drift.data?.proposal ? (
            <Button
              variant="secondary"
              onClick={() =>
                setEditing({
                  draft: { ...draftFrom(drift.data!.proposal), note: drift.data!.proposal!.note },
                  key: Date.now(),
                })
              }
            >
              Propose a new version from drift
            </Button>
          ) : undefined
        }
      >
        {drift.data && !drift.data.unknownFields.length && !drift.data.validationFailures.length ? (
          <p className="text-sm text-slate-600">No drift: senders send what the contract describes.</p>
        ) : null}
        {drift.data?.unknownFields.length ? (
          <table className="w-full text-left text-sm">
            <caption className="text-left text-xs font-semibold uppercase text-slate-500">
              Fields the contract does not know
            </caption>
            <thead className="text-xs text-slate-500">
              <tr>
                <th>Path</th>
                <th>Seen</th>
                <th>First</th>
                <th>Last</th>
                <th>Example value</th>
              </tr>
            </thead>
            <tbody>
              {drift.data.unknownFields.map((f) => (
                <tr key={f.path}>
                  <td className="font-mono text-xs">{f.path}</td>
                  <td>{f.count}×</td>
                  <td>
                    <TimeAgo at={f.firstSeenAt} />
                  </td>
                  <td>
                    <TimeAgo at={f.lastSeenAt} />
                  </td>
                  <td className="max-w-xs truncate font-mono text-xs">{JSON.stringify(f.example)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {drift.data?.validationFailures.length ? (
          <table className="mt-3 w-full text-left text-sm">
            <caption className="text-left text-xs font-semibold uppercase text-slate-500">
              Where records fail validation
            </caption>
            <tbody>
              {drift.data.validationFailures.map((f) => (
                <tr key={f.path}>
                  <td className="font-mono text-xs">{f.path}</td>
                  <td>{f.count}×</td>
                  <td>
                    last <TimeAgo at={f.lastSeenAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>
    </div>
  );
}
