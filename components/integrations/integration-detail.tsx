"use client";
import { useState } from "react";
import { TextDialog } from "@/components/exceptions/text-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import { TimeAgo } from "@/components/ui/time-ago";
import type { ApiError } from "@/lib/client/api";
import { useIntegration, useSetArchived, useSetPaused } from "@/lib/client/hooks/integrations";
import { ReadinessPanel } from "@/components/governance/readiness-panel";
import { ContractView } from "./contract-view";
import { CredentialsPanel } from "./credentials-panel";
import { DestinationForm } from "./destination-form";
import { LifecycleBadge } from "./lifecycle-badge";
import { OwnersForm } from "./owners-form";
import { AlertThresholdsForm } from "./alert-thresholds-form";
import { SettingsForm } from "./settings-form";
import { TestSend } from "./test-send";

export function IntegrationDetail({
  slug,
  canPause,
  isAdmin,
  origin,
}: {
  slug: string;
  canPause: boolean;
  isAdmin: boolean;
  origin: string;
}) {
  const { data: i, error, isLoading } = useIntegration(slug);
  const pause = useSetPaused(slug);
  const archive = useSetArchived(slug);
  const [asking, setAsking] = useState(false);
  const [archiving, setArchiving] = useState(false);
  if (isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error || !i)
    return (
      <p role="alert" className="text-sm text-red-700">
        {error?.message ?? "Not found"}
      </p>
    );
  const paused = i.lifecycle === "paused";
  const archived = Boolean(i.archivedAt);
  // A draft is not live: there are no deliveries to pause (API answers 409 too).
  const offerPause = canPause && !archived && i.lifecycle !== "draft";
  return (
    <div className="space-y-4">
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label="Summary">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{i.name}</h1>
          {archived ? <Badge tone="slate">Archived</Badge> : <LifecycleBadge lifecycle={i.lifecycle} />}
          <div className="ml-auto flex flex-wrap gap-2">
            {offerPause ? (
              <Button
                variant={paused ? "primary" : "danger"}
                disabled={pause.isPending}
                onClick={() => (paused ? pause.mutate({ paused: false }) : setAsking(true))}
              >
                {paused ? "Resume deliveries" : "Pause deliveries…"}
              </Button>
            ) : null}
            {isAdmin && !archived ? (
              <Button variant="secondary" onClick={() => setArchiving(true)}>
                Archive…
              </Button>
            ) : null}
          </div>
        </div>
        {archived ? (
          <div
            role="status"
            className="mt-3 flex flex-wrap items-center gap-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm text-slate-800"
          >
            <span>
              Archived <TimeAgo at={i.archivedAt} />: records sent to it are refused (410), and it is hidden from
              pickers and rankings. Its events and history are kept.
            </span>
            {isAdmin ? (
              <Button
                className="ml-auto"
                disabled={archive.isPending}
                onClick={() => archive.mutate({ archived: false })}
              >
                Restore
              </Button>
            ) : null}
          </div>
        ) : null}
        <p className="mt-1 text-sm text-slate-600">
          {i.sourceSystem} → {i.targetSystem} · {i.mode === "relay" ? "relayed by Signalbox" : "reported by a workflow"}
          {i.description ? ` · ${i.description}` : ""}
        </p>
        <p className="mt-2 text-xs text-slate-500">
          {i.mode === "relay" ? (
            <>
              Senders post records to{" "}
              <code className="rounded bg-slate-100 px-1">
                {origin}/api/ingest/{i.slug}
              </code>
            </>
          ) : (
            <>
              The workflow reports to <code className="rounded bg-slate-100 px-1">{origin}/api/v1/track/events</code>{" "}
              with integration “{i.slug}” ·{" "}
              <a className="text-indigo-700 underline" href={`/integrations/${i.slug}/recipes`}>
                Connect a workflow (n8n, Make, Zapier)
              </a>
            </>
          )}
        </p>
        <p className="mt-1 text-xs">
          <a className="text-indigo-700 underline" href={`/audit?object=${encodeURIComponent(`integration:${i.id}`)}`}>
            Audit trail of this integration
          </a>{" "}
          ·{" "}
          <a className="text-indigo-700 underline" href={`/events?integration=${i.slug}`}>
            Its events
          </a>
        </p>
        {pause.error ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {(pause.error as ApiError).message}
          </p>
        ) : null}
        {archive.error && !archiving ? (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {(archive.error as ApiError).message}
          </p>
        ) : null}
      </section>
      <Section title="Readiness to go live">
        <ReadinessPanel slug={slug} isAdmin={isAdmin} lifecycle={i.lifecycle} />
      </Section>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Section title="Owners">
          <OwnersForm slug={slug} owners={i.owners} canEdit={isAdmin} />
        </Section>
        <Section
          title="Contract"
          actions={
            <a className="text-sm text-indigo-700 underline" href={`/integrations/${slug}/contracts`}>
              Versions, changes and drift
            </a>
          }
        >
          <ContractView slug={slug} />
        </Section>
      </div>
      <Section title={i.mode === "relay" ? "Destination and delivery" : "Replay webhook and delivery"}>
        <DestinationForm integration={i} canEdit={isAdmin} />
      </Section>
      <Section title="SLA, notifications and what to do when it breaks">
        <SettingsForm integration={i} canEdit={isAdmin} />
      </Section>
      <Section title="Alert rules and notifications">
        <AlertThresholdsForm integration={i} canEdit={isAdmin} />
      </Section>
      <Section title="Reconciliation">
        <a className="text-sm text-indigo-700 underline" href={`/integrations/${slug}/reconciliation`}>
          Compare what the source and the target hold with what Signalbox saw
        </a>
      </Section>
      {isAdmin && !archived ? (
        <Section title={i.mode === "relay" ? "Send a test record" : "Send a test report"}>
          <TestSend slug={slug} mode={i.mode} />
        </Section>
      ) : null}
      {isAdmin ? (
        <Section title="Keys and secrets">
          <CredentialsPanel slug={slug} />
        </Section>
      ) : null}
      <TextDialog
        open={asking}
        title="Pause deliveries"
        label="Why"
        hint="Records are still accepted and recorded; deliveries wait until you resume."
        confirm="Pause"
        danger
        busy={pause.isPending}
        onCancel={() => setAsking(false)}
        onConfirm={(reason) => pause.mutate({ paused: true, reason }, { onSuccess: () => setAsking(false) })}
      />
      <TextDialog
        open={archiving}
        title={`Archive “${i.name}”`}
        label="Why"
        hint="Records sent to it will be refused (410) and it leaves pickers and rankings. Its events, exceptions and audit trail are kept; you can restore it."
        confirm="Archive"
        danger
        busy={archive.isPending}
        error={archive.error ? (archive.error as ApiError).message : null}
        onCancel={() => setArchiving(false)}
        onConfirm={(reason) => archive.mutate({ archived: true, reason }, { onSuccess: () => setArchiving(false) })}
      />
    </div>
  );
}
