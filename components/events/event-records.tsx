"use client";
// The event's records — as received, as delivered, and each correction — shown in full, or, when large, collapsed
// until asked for (the page's view leaves them out: a big record does not slow every visit).
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { useEvent, type useEventView } from "@/lib/client/hooks/events";

type View = NonNullable<ReturnType<typeof useEventView>["data"]>;

const formatBytes = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`);

export function EventRecords({ id, data }: { id: string; data: View }) {
  const [wantFull, setWantFull] = useState(false);
  const full = useEvent(id, { enabled: wantFull, poll: false });
  const { event: e, integration } = data;
  const record = (name: string, label: string, brief: unknown, pick: (d: View) => unknown) => {
    const bytes = data.omitted[name];
    if (bytes === undefined) return <JsonView key={name} label={label} value={brief} />;
    if (full.data) return <JsonView key={name} label={label} value={pick(full.data)} />;
    return (
      <figure key={name} className="min-w-0" data-testid="record-collapsed">
        <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</figcaption>
        <div className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">
          A large record ({formatBytes(bytes)}), not loaded with the page.{" "}
          <Button
            variant="secondary"
            className="ml-1 mt-2"
            disabled={full.isFetching}
            onClick={() => setWantFull(true)}
          >
            {full.isFetching ? "Loading…" : "Show it"}
          </Button>
          {full.error ? (
            <span role="alert" className="ml-2 text-red-700">
              {full.error.message}
            </span>
          ) : null}
        </div>
      </figure>
    );
  };
  const relayed = integration.mode === "relay";
  if (!relayed && (e.payload === null || e.payload === undefined) && data.omitted.payload === undefined) {
    return (
      <p className="text-sm text-slate-600">
        {e.source === "self_test" ? "Signalbox's test" : "The workflow"} reported no record body for this event. What it
        reported, step by step, is under “What happened” above; the final outcome is in the summary.
      </p>
    );
  }
  return (
    <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
      {record(
        "payload",
        relayed
          ? "Original (as received)"
          : e.source === "self_test"
            ? "Reported by Signalbox's test"
            : "Reported by the workflow",
        e.payload,
        (d) => d.event.payload,
      )}
      {relayed
        ? record("deliveryPayload", "Delivered body (mapped)", e.deliveryPayload, (d) => d.event.deliveryPayload)
        : null}
      {data.replays.map((r, i) =>
        record(
          `replay:${r.id}`,
          `Correction ${i + 1}${r.by ? ` by ${r.by}` : ""}`,
          r.payload,
          (d) => d.replays.find((x) => x.id === r.id)?.payload,
        ),
      )}
    </div>
  );
}
