"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, qs } from "../api";
import { auditKeys } from "../keys";

export interface AuditItem {
  id: string;
  at: string;
  actorId: string | null;
  actor: string;
  action: string;
  objectType: string;
  objectId: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilters {
  actor?: string;
  object?: string;
  from?: string;
  to?: string;
}

export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditItem[]; nextCursor: string | null }>(
        `/api/v1/audit${qs({ ...filters, cursor: pageParam, limit: 50 })}`,
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
