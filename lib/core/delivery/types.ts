export type JobKind = "deliver" | "replay_webhook" | "notify" | "email" | "bulk" | "reconcile" | "audit_webhook";

import type { EventRecord } from "../events/types";

export interface QueueJob {
  id: string;
  kind: JobKind;
  integrationId: string | null;
  eventId: string | null;
  payload: unknown;
  runAt: Date;
  /** attempts claimed so far, this one included */
  attempt: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  /** the job's event as it was when claimed (saves the worker a read) */
  event?: EventRecord | null;
}

export interface NewJob {
  kind: JobKind;
  integrationId?: string | null;
  eventId?: string | null;
  dedupeKey?: string | null;
  payload?: unknown;
  runAt: Date;
}
