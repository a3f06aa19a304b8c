"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { TAuditPage, TAuditView } from "@/lib/core/audit/schemas";
import { api, qs } from "../api";
import { auditKeys } from "../keys";

export type AuditItem = TAuditView;

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
    queryFn: ({ pageParam }) => api<TAuditPage>(`/api/v1/audit${qs({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
