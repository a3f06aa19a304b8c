// Ports for readiness confirmations and reconciliation.
import type { Page } from "../ports";
import type { FindingKind } from "../reconciliation/schemas";

export interface ConfirmationsRepo {
  list(
    integrationId: string,
  ): Promise<{ check: string; note: string; confirmedById: string | null; confirmedAt: Date }[]>;
  confirm(data: {
    integrationId: string;
    check: string;
    note: string;
    confirmedById: string | null;
    at: Date;
  }): Promise<void>;
  withdraw(integrationId: string, check: string): Promise<boolean>;
}

export { FINDING_KINDS, type FindingKind } from "../reconciliation/schemas";

export interface ReconciliationRecord {
  id: string;
  integrationId: string;
  periodFrom: Date;
  periodTo: Date;
  status: "uploading" | "running" | "done" | "failed";
  sourceCount: number;
  targetCount: number;
  summary: Partial<Record<FindingKind, number>> | null;
  error: string | null;
  createdById: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

export interface FindingRecord {
  id: string;
  kind: FindingKind;
  sourceId: string | null;
  targetId: string | null;
  eventId: string | null;
  detail: string;
  exceptionId: string | null;
}

export interface ReconciliationsRepo {
  create(data: {
    integrationId: string;
    periodFrom: Date;
    periodTo: Date;
    createdById: string | null;
    now: Date;
  }): Promise<ReconciliationRecord>;
  get(id: string): Promise<ReconciliationRecord | null>;
  listForIntegration(integrationId: string, limit: number): Promise<ReconciliationRecord[]>;
  /** Add uploaded ids (duplicates ignored); returns how many were new. */
  addItems(
    id: string,
    side: "source" | "target",
    items: { externalId: string; otherId: string | null }[],
  ): Promise<number>;
  setStatus(
    id: string,
    patch: {
      status: ReconciliationRecord["status"];
      summary?: unknown;
      error?: string | null;
      finishedAt?: Date | null;
      sourceCount?: number;
      targetCount?: number;
    },
  ): Promise<void>;
  /** Compute every finding in the store (set-based SQL) and return the counts per kind. */
  compute(id: string): Promise<Record<FindingKind, number>>;
  findings(
    id: string,
    filter: { kind?: FindingKind; ids?: string[] },
    page: { cursor?: string; limit: number },
  ): Promise<Page<FindingRecord>>;
  linkException(findingId: string, exceptionId: string): Promise<void>;
}
