// Assemble the worker: the delivery loop, its wake-ups and the SSRF-safe sender.
import { randomUUID } from "node:crypto";
import type { Ctx } from "../core/context";
import type { Archive } from "../core/ports";
import type { JobOutcome } from "../core/delivery/process-job";
import type { QueueJob } from "../core/delivery/types";
import type { Store } from "../db/client";
import { escalateOverdue } from "../core/exceptions/escalate";
import { rollupKpis } from "../core/kpis/rollup";
import { expireRetention } from "../core/retention/retention";
import { evaluateAlerts } from "../core/alerts/evaluate";
import type { Mailer } from "../core/jobs/email";
import type { PagingEndpoints } from "../core/alerts/paging";
import { DeliveryLoop } from "./delivery-loop";
import { HEARTBEAT_MS } from "../core/health";
import { checkIn, checkOut } from "../db/heartbeat";
import { every } from "./periodic";
import { createHttpSender } from "./http-sender";
import { subscribeWakeups } from "./wakeup";

export interface WorkerOptions {
  concurrency: number;
  leaseMs?: number;
  idleMs?: number;
  workerId?: string;
  onOutcome?: (job: QueueJob, outcome: JobOutcome | "error") => void;
  /** how often overdue exceptions are escalated (default 30 s) */
  escalateEveryMs?: number;
  /** how often KPI rollups are brought up to date (default 30 s) */
  rollupEveryMs?: number;
  /** how often alert rules are evaluated (default 30 s; one worker per pass) */
  alertEveryMs?: number;
  /** SMTP for email notifications */
  mailer?: Mailer;
  /** PagerDuty / Opsgenie endpoint overrides (SIGNALBOX_PAGERDUTY_URL, SIGNALBOX_OPSGENIE_URL) */
  paging?: PagingEndpoints;
  consoleUrl?: string | null;
  /** how often payloads and records past their lifetime are expired (default 10 min; 0: never, by this worker) */
  retentionEveryMs?: number;
  /** where expiring records are written first (SIGNALBOX_ARCHIVE_DIR) */
  archive?: Archive;
  /** how often the worker checks in (default 10 s) */
  heartbeatMs?: number;
}

export interface WorkerHandle {
  id: string;
  loop: DeliveryLoop;
  stop(): Promise<void>;
}

export async function runWorker(ctx: Ctx, store: Store, options: WorkerOptions): Promise<WorkerHandle> {
  const id = options.workerId ?? `worker-${randomUUID().slice(0, 8)}`;
  const startedAt = new Date();
  await checkIn(store, id, startedAt);
  const sender = createHttpSender({ maxSockets: options.concurrency * 2 });
  const loop = new DeliveryLoop(ctx, sender, {
    workerId: id,
    concurrency: options.concurrency,
    leaseMs: options.leaseMs ?? 150_000,
    idleMs: options.idleMs,
    onOutcome: options.onOutcome,
    mailer: options.mailer,
    paging: options.paging,
  });
  const wakeup = await subscribeWakeups(store, loop.wake);
  loop.wake();
  const escalation = every("escalation", options.escalateEveryMs ?? 30_000, () =>
    escalateOverdue(ctx, { consoleUrl: options.consoleUrl ?? null }),
  );
  const rollup = every("KPI rollup", options.rollupEveryMs ?? 30_000, () => rollupKpis(ctx));
  const alertEveryMs = options.alertEveryMs ?? 30_000;
  const alerts = every("alert rules", alertEveryMs, () =>
    evaluateAlerts(ctx, { consoleUrl: options.consoleUrl ?? null, minGapMs: alertEveryMs * 0.8 }),
  );
  const retention =
    options.retentionEveryMs === 0
      ? null
      : every("retention", options.retentionEveryMs ?? 600_000, () =>
          expireRetention(ctx, { archive: options.archive }),
        );
  const heartbeat = every("heartbeat", options.heartbeatMs ?? HEARTBEAT_MS, () => checkIn(store, id, startedAt));
  return {
    id,
    loop,
    async stop() {
      await heartbeat.stop();
      await wakeup.close();
      await escalation.stop();
      await rollup.stop();
      await alerts.stop();
      await retention?.stop();
      await loop.stop();
      sender.close();
      await checkOut(store, id).catch(() => {});
    },
  };
}
