"use client";
// "Send a test record" (relay: through the real ingest path, delivered like any other) and "Send a test report"
// (tracked: reported as the workflow would, marked as a test and never counted in the figures).
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Field, TextArea } from "@/components/ui/field";
import type { ApiError } from "@/lib/client/api";
import { useEvent } from "@/lib/client/hooks/events";
import { useSendTestRecord, useSendTestReport, type TestRecordResult } from "@/lib/client/hooks/integrations";

type Mode = "relay" | "tracked";

const WORDS: Record<Mode, Record<string, string>> = {
  relay: {
    received: "Received — waiting for delivery",
    processing: "Delivering…",
    retrying: "Target did not accept it yet — retrying",
    succeeded: "Delivered to the target",
    failed: "Delivery failed — see the event",
    stale: "Stale (an equal or newer version was already accepted)",
  },
  tracked: {
    received: "Received",
    processing: "Reported, in progress",
    succeeded: "Recorded as succeeded",
    failed: "Recorded as failed — see the event",
  },
};

function TestResult({ result, mode }: { result: TestRecordResult; mode: Mode }) {
  if (!result.accepted || !result.eventId) {
    const details = Array.isArray(result.error?.details)
      ? (result.error!.details as { path: string; message: string }[])
      : [];
    return (
      <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        <p className="font-medium">
          Refused ({result.httpStatus} {result.error?.code}): {result.error?.message}
        </p>
        {details.length ? (
          <ul className="ml-5 list-disc">
            {details.map((d) => (
              <li key={d.path + d.message}>
                <code>{d.path || "/"}</code> {d.message}
              </li>
            ))}
          </ul>
        ) : null}
        {result.eventId ? (
          <a className="underline" href={`/events/${result.eventId}`}>
            See the recorded event
          </a>
        ) : null}
      </div>
    );
  }
  return <Accepted eventId={result.eventId} initial={result.eventStatus ?? "received"} mode={mode} />;
}

function Accepted({ eventId, initial, mode }: { eventId: string; initial: string; mode: Mode }) {
  const event = useEvent(eventId);
  const status = event.data?.event.status ?? initial;
  const tone = status === "succeeded" ? "green" : status === "failed" || status === "rejected" ? "red" : "amber";
  return (
    <div
      role="status"
      className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
      data-testid="test-record-result"
    >
      <p className="flex flex-wrap items-center gap-2">
        {mode === "relay" ? "Test record accepted" : "Test report recorded"}{" "}
        <Badge tone={tone}>{WORDS[mode][status] ?? status}</Badge>
        <a className="text-indigo-700 underline" href={`/events/${eventId}`}>
          Open the event
        </a>
      </p>
      {mode === "tracked" ? (
        <p className="mt-1 text-xs text-slate-600">Marked as a test: it is not counted in the KPIs.</p>
      ) : null}
    </div>
  );
}

/** The sample as JSON, a send button and what came of it. A tracked test report may leave the sample empty. */
export function TestSend({ slug, mode, sample }: { slug: string; mode: Mode; sample?: unknown }) {
  const record = useSendTestRecord(slug);
  const report = useSendTestReport(slug);
  const send = mode === "relay" ? record : report;
  const [sampleText, setSampleText] = useState(() => (sample === undefined ? "" : JSON.stringify(sample, null, 2)));
  const [parseError, setParseError] = useState<string | null>(null);
  const what = mode === "relay" ? "test record" : "test report";
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        {mode === "relay"
          ? "The record goes through the real ingest path — checked against the contract, recorded, and delivered to the destination like any other."
          : "Signalbox reports one event as the workflow would — checked against the contract, a stage, the outcome — so you can see it in the process view. It is marked as a test and not counted in the KPIs."}
      </p>
      <Field label={mode === "relay" ? "Test record (JSON)" : "Reported record (JSON, optional)"}>
        <TextArea rows={5} className="font-mono" value={sampleText} onChange={(e) => setSampleText(e.target.value)} />
      </Field>
      {parseError ? (
        <p role="alert" className="text-sm text-red-700">
          {parseError}
        </p>
      ) : null}
      <Button
        disabled={send.isPending || (mode === "relay" && !sampleText.trim())}
        onClick={() => {
          if (mode === "tracked" && !sampleText.trim()) return send.mutate(undefined);
          try {
            const value = JSON.parse(sampleText) as unknown;
            setParseError(null);
            send.mutate(value);
          } catch (error) {
            setParseError(`Not valid JSON: ${(error as Error).message}`);
          }
        }}
      >
        {send.isPending ? "Sending…" : `Send a ${what}`}
      </Button>
      {send.data ? <TestResult key={send.data.idempotencyKey} result={send.data} mode={mode} /> : null}
      {send.error ? (
        <p role="alert" className="text-sm text-red-700">
          {(send.error as ApiError).message}
        </p>
      ) : null}
    </div>
  );
}
