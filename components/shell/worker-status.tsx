"use client";
// Whether deliveries are running, from the newest worker check-in: a quiet line at the foot of the sidebar, and a
// banner above every page when no worker has checked in lately (records are still accepted; nothing is delivered).
import { formatAgo } from "@/lib/client/format";
import { useReadiness } from "@/lib/client/hooks/health";
import type { Readiness } from "@/lib/core/health";

/** "4 min ago" from the age the server measured (a viewer's skewed clock must not make a live worker look late),
 * with the exact time on hover. */
function CheckedIn({ worker }: { worker: Readiness["worker"] }) {
  if (!worker.lastSeenAt || worker.ageSeconds === null) return null;
  return (
    <span title={new Date(worker.lastSeenAt).toUTCString()} data-testid="worker-age">
      {formatAgo(0, worker.ageSeconds * 1000)}
    </span>
  );
}

const DOT = { running: "bg-emerald-400", late: "bg-amber-400", none: "bg-red-400" } as const;
const LABEL = { running: "Deliveries running", late: "Worker not checking in", none: "No worker running" } as const;

export function WorkerFooter() {
  const worker = useReadiness().data?.worker;
  if (!worker) return null;
  return (
    <p className="mt-auto px-3 pt-4 text-xs text-slate-400" data-testid="worker-footer">
      <span aria-hidden className={`mr-1.5 inline-block size-2 rounded-full ${DOT[worker.status]}`} />
      <span className="text-slate-200">{LABEL[worker.status]}</span>
      {worker.lastSeenAt ? (
        <>
          <br />
          <span>
            worker checked in <CheckedIn worker={worker} />
          </span>
        </>
      ) : null}
    </p>
  );
}

export function WorkerBanner() {
  const readiness = useReadiness().data;
  if (!readiness || readiness.worker.status === "running") return null;
  const { worker, schema } = readiness;
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="worker-banner"
    >
      <p className="font-semibold">
        {worker.status === "none" ? "No worker is running, so nothing is being delivered." : null}
        {worker.status === "late" ? (
          <>
            Deliveries may have stopped: the worker last checked in <CheckedIn worker={worker} />.
          </>
        ) : null}
      </p>
      <p className="mt-1">
        Records are still accepted and wait in the queue; they are delivered as soon as a worker runs again. Ask whoever
        runs Signalbox to start one (<code>npm start</code> runs it, or <code>npm run worker</code> on its own).
      </p>
      {schema && !schema.current ? (
        <p className="mt-1">
          The store&apos;s schema is not current: run <code>npm run migrate</code>.
        </p>
      ) : null}
    </div>
  );
}
