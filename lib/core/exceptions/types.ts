import type { ErrorCategory } from "../events/types";

export type ExceptionStatus = "open" | "resolved" | "ignored";
export type Resolution = "retried" | "replayed" | "manual_override" | "discarded";

export interface ExceptionRecord {
  id: string;
  eventId: string;
  integrationId: string;
  category: ErrorCategory;
  reason: string;
  signature: string;
  message: string;
  status: ExceptionStatus;
  assigneeId: string | null;
  openedAt: Date;
  dueAt: Date;
  escalatedAt: Date | null;
  escalatedToId: string | null;
  resolvedAt: Date | null;
  resolution: string | null;
  note: string | null;
}

export interface OpenException {
  eventId: string;
  integrationId: string;
  category: ErrorCategory;
  reason: string;
  message: string;
  assigneeId: string | null;
  openedAt: Date;
  dueAt: Date;
}
