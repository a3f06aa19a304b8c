"use client";
import { useState } from "react";
import { TextDialog } from "@/components/exceptions/text-dialog";
import { Button } from "@/components/ui/button";
import { Section } from "@/components/ui/section";
import type { ApiError } from "@/lib/client/api";
import { useIntegration, useSetPaused } from "@/lib/client/hooks/integrations";
import { ReadinessPanel } from "@/components/governance/readiness-panel";
import { ContractView } from "./contract-view";
import { CredentialsPanel } from "./credentials-panel";
import { LifecycleBadge } from "./lifecycle-badge";
import { OwnersForm } from "./owners-form";
import { AlertThresholdsForm } from "./alert-thresholds-form";
import { SettingsForm } from "./settings-form";

export function IntegrationDetail({ slug, canPause, isAdmin, origin }: { slug: string; canPause: boolean; isAdmin: boolean; origin: string }) {
  const { data: i, error, isLoading } = useIntegration(slug);
  const pause = useSetPaused(slug);
  const [asking, setAsking] = useState(false);
  if (isLoading) return <p className="text-sm text-slate-500">Loading…</p>;
  if (error || !i) return <p role="alert" className="text-sm text-red-700">{error?.message ?? "Not found"}</p>;
  const paused = i.lifecycle === "paused";
  return (
    <div className="space-y-4">
      <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label="Summary">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{i.name}</h1>
          <LifecycleBadge lifecycle={i.lifecycle} />
          {canPause ? (
            <Button className="ml-auto" variant={paused ? "primary" : "danger"} disabled={pause.isPending} onClick={() => (paused ? pause.mutate({ paused: false }) : setAsking(true))}>
              {paused ? "Resume deliveries" : "Pause deliveries…"}
            </Button>
          ) : null}
        </div>
        <p className="mt-1 text-sm text-slate-600">{i.sourceSystem} → {i.targetSystem} · {i.mode === "relay" ? "relayed by Signalbox" : "reported by a workflow"}{i.description ? ` · ${i.description}` : ""}</p>
        <p className="mt-2 text-xs text-slate-500">
          {i.mode === "relay" ? <>Senders post records to <code className="rounded bg-slate-100 px-1">{origin}/api/ingest/{i.slug}</code></> : <>The workflow reports to <code className="rounded bg-slate-100 px-1">{origin}/api/v1/track/events</code> with integration “{i.slug}”</>}
        </p>
        <p className="mt-1 text-xs"><a className="text-indigo-700 underline" href={`/audit?object=${encodeURIComponent(`integration:${i.id}`)}`}>Audit trail of this integration</a> · <a className="text-indigo-700 underline" href={`/events?integration=${i.slug}`}>Its events</a></p>
        {pause.error ? <p role="alert" className="mt-2 text-sm text-red-700">{(pause.error as ApiError).message}</p> : null}
      </section>
      <Section title="Readiness to go live"><ReadinessPanel slug={slug} isAdmin={isAdmin} lifecycle={i.lifecycle} /></Section>
      <div className="grid gap-4 xl:grid-cols-2">
        <Section title="Owners"><OwnersForm slug={slug} owners={i.owners} canEdit={isAdmin} /></Section>
        <Section title="Contract" actions={<a className="text-sm text-indigo-700 underline" href={`/integrations/${slug}/contracts`}>Versions, changes and drift</a>}><ContractView slug={slug} /></Section>
      </div>
      <Section title="Delivery, retries and what to do when it breaks"><SettingsForm integration={i} canEdit={isAdmin} /></Section>
      <Section title="Alert rules and notifications"><AlertThresholdsForm integration={i} canEdit={isAdmin} /></Section>
      <Section title="Reconciliation"><a className="text-sm text-indigo-700 underline" href={`/integrations/${slug}/reconciliation`}>Compare what the source and the target hold with what Signalbox saw</a></Section>
      {isAdmin ? <Section title="Keys and secrets"><CredentialsPanel slug={slug} /></Section> : null}
      <TextDialog open={asking} title="Pause deliveries" label="Why" hint="Records are still accepted and recorded; deliveries wait until you resume." confirm="Pause" danger busy={pause.isPending} onCancel={() => setAsking(false)} onConfirm={(reason) => pause.mutate({ paused: true, reason }, { onSuccess: () => setAsking(false) })} />
    </div>
  );
}
