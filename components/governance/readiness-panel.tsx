"use client";
import { type MouseEvent, useState } from "react";
import { TextDialog } from "@/components/exceptions/text-dialog";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { type CheckView, useConfirmCheck, useGoLive, useReadiness, useSelfTest } from "@/lib/client/hooks/governance";

/** Where a computed check is satisfied: the contracts page, or a section of the integration page. */
function placeLink(slug: string, place: CheckView["place"]): { href: string; text: string; heading?: string } {
  switch (place) {
    case "contracts":
      return { href: `/integrations/${encodeURIComponent(slug)}/contracts`, text: "Open the contracts" };
    case "self_test":
      return { href: "#readiness-self-test", text: "Go to the self-test" };
    case "owners":
      return { href: "#owners", text: "Go to the owners", heading: "Owners" };
    case "alert_rules":
      return { href: "#alert-rules", text: "Go to the alert rules", heading: "Alert rules and notifications" };
    case "settings":
      return {
        href: "#settings",
        text: "Go to the settings",
        heading: "Delivery, retries and what to do when it breaks",
      };
  }
}

/** Same-page places are sections found by their heading (the integration page gives them no ids). */
function goTo(e: MouseEvent<HTMLAnchorElement>, href: string, heading?: string) {
  if (!href.startsWith("#")) return;
  const target =
    document.getElementById(href.slice(1)) ??
    [...document.querySelectorAll("h2")].find((h) => h.textContent === heading) ??
    null;
  if (!target) return;
  e.preventDefault();
  target.scrollIntoView({ block: "start" });
  const focusable = target.closest("section")?.querySelector<HTMLElement>("input, textarea, select, button");
  focusable?.focus({ preventScroll: true });
}

function HowToSatisfy({ slug, check }: { slug: string; check: CheckView }) {
  const link = placeLink(slug, check.place);
  return (
    <span className="basis-full pl-1 text-xs text-slate-600" data-testid="check-fix">
      {check.confirmable ? "Signalbox cannot see this one: " : "Computed by Signalbox, not confirmed by hand: "}
      {check.fix}.{" "}
      <a className="text-indigo-700 underline" href={link.href} onClick={(e) => goTo(e, link.href, link.heading)}>
        {link.text}
      </a>
    </span>
  );
}

/** The seven checks, how each is known, and the go-live button behind the gate. */
export function ReadinessPanel({ slug, isAdmin, lifecycle }: { slug: string; isAdmin: boolean; lifecycle: string }) {
  const readiness = useReadiness(slug);
  const confirm = useConfirmCheck(slug);
  const selfTest = useSelfTest(slug);
  const goLive = useGoLive(slug);
  const [confirming, setConfirming] = useState<CheckView | null>(null);
  const [sample, setSample] = useState("");
  const [sampleError, setSampleError] = useState<string | null>(null);
  const r = readiness.data;
  if (!r) return <p className="text-sm text-slate-500">Loading…</p>;
  const liveError = goLive.error as ApiError | null;

  return (
    <div className="space-y-4 text-sm">
      <ul className="space-y-2" data-testid="readiness-checks">
        {r.checks.map((c) => (
          <li key={c.key} className="flex flex-wrap items-center gap-2" data-check={c.key} data-ok={c.ok}>
            <Badge tone={c.ok ? (c.how === "confirmed" ? "violet" : "green") : "red"}>
              {c.ok ? (c.how === "confirmed" ? "Confirmed" : "Ready") : "Missing"}
            </Badge>
            <span className="font-medium">{c.label}</span>
            <span className="text-slate-500">— {c.detail}</span>
            {isAdmin && !c.ok && c.confirmable ? (
              <Button
                variant="ghost"
                className="px-2 py-0.5 text-xs"
                onClick={() => {
                  confirm.reset();
                  setConfirming(c);
                }}
              >
                Confirm by hand…
              </Button>
            ) : null}
            {!c.ok ? <HowToSatisfy slug={slug} check={c} /> : null}
          </li>
        ))}
      </ul>
      <p
        data-testid="readiness-summary"
        className={
          r.missing.length >= 2 ? "text-red-700" : r.missing.length === 1 ? "text-amber-800" : "text-emerald-700"
        }
      >
        {r.missing.length === 0
          ? "Everything is in place."
          : r.missing.length === 1
            ? "One check is missing: going live is allowed, with a warning."
            : `${r.missing.length} checks are missing: it cannot go live until at most one is.`}
      </p>
      {isAdmin ? (
        <div id="readiness-self-test" className="space-y-2 border-t border-slate-100 pt-3">
          <Field
            label="Idempotency self-test"
            hint="Sends a sample twice through the real ingest path and expects one event and one duplicate. Nothing is delivered. Leave empty to reuse the last delivered record."
          >
            <TextArea
              rows={3}
              value={sample}
              onChange={(e) => setSample(e.target.value)}
              placeholder='{"order": {"id": "TEST-1", …}}'
              className="font-mono text-xs"
            />
          </Field>
          <Button
            variant="secondary"
            disabled={selfTest.isPending}
            onClick={() => {
              setSampleError(null);
              let parsed: unknown;
              try {
                parsed = sample.trim() ? JSON.parse(sample) : undefined;
              } catch {
                setSampleError("The sample is not valid JSON.");
                return;
              }
              selfTest.mutate(parsed);
            }}
          >
            {selfTest.isPending ? "Testing…" : "Run self-test"}
          </Button>
          {sampleError ? (
            <p role="alert" className="text-red-700">
              {sampleError}
            </p>
          ) : null}
          {selfTest.data ? (
            <ul role="status" className="text-xs" data-testid="self-test-result">
              <li className={selfTest.data.passed ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
                {selfTest.data.passed ? "Self-test passed." : "Self-test failed."}
              </li>
              {selfTest.data.steps.map((s) => (
                <li key={s.step}>
                  {s.ok ? "✓" : "✗"} {s.step} (saw {s.saw})
                </li>
              ))}
            </ul>
          ) : null}
          {selfTest.error ? (
            <p role="alert" className="text-red-700">
              {(selfTest.error as ApiError).message}
            </p>
          ) : null}
        </div>
      ) : null}
      {/* Outside the draft-only block: the integration turns live as soon as it is refetched, and the answer must stay. */}
      {goLive.data ? (
        <p role="status" className="text-emerald-700">
          Live now
          {goLive.data.warning
            ? ` — with a warning: “${goLive.data.warning.label}” was missing (recorded in the audit trail).`
            : "."}
        </p>
      ) : null}
      {isAdmin && lifecycle === "draft" ? (
        <div className="border-t border-slate-100 pt-3">
          <Button disabled={goLive.isPending} onClick={() => goLive.mutate(undefined)}>
            Go live
          </Button>
          {liveError ? (
            <div role="alert" className="mt-2 text-red-700">
              <p>{liveError.message}</p>
              {Array.isArray(liveError.details) ? (
                <ul className="list-disc pl-5">
                  {(liveError.details as { label: string; detail: string }[]).map((d) => (
                    <li key={d.label}>
                      {d.label}: {d.detail}
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>
      ) : null}
      <TextDialog
        key={confirming?.key ?? "none"}
        open={confirming !== null}
        title={confirming ? `Confirm “${confirming.label}”` : "Confirm by hand"}
        label="How do you know it is in place"
        hint="Who checked it, where and when — at least 15 characters. Recorded with your name in the audit trail. An admin who confirmed two checks by hand cannot also take the integration live."
        confirm="Confirm"
        busy={confirm.isPending}
        error={confirm.error ? (confirm.error as ApiError).message : null}
        onCancel={() => setConfirming(null)}
        onConfirm={(note) =>
          confirming && confirm.mutate({ check: confirming.key, note }, { onSuccess: () => setConfirming(null) })
        }
      />
    </div>
  );
}
