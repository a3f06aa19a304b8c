"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TClosed,
  TExceptionGroups,
  TExceptionGroupView,
  TExceptionPage,
  TExceptionView,
  TJobView,
  TMoved,
} from "@/lib/core/exceptions/schemas";
import { api, qs } from "../api";
import { eventKeys, exceptionKeys, jobKeys } from "../keys";

export interface ExceptionFilters {
  status?: string;
  assignee?: string;
  integration?: string;
  category?: string;
  pastSla?: string;
  group?: string;
}

export type ExceptionGroup = TExceptionGroupView;

export function useExceptions(filters: ExceptionFilters) {
  return useInfiniteQuery({
    queryKey: exceptionKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      api<TExceptionPage>(`/api/v1/exceptions${qs({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 10_000,
  });
}

/** One exception by id (a deep link, or the selection once it left the list). */
export function useException(id: string | null, enabled = true) {
  return useQuery({
    queryKey: exceptionKeys.detail(id ?? "none"),
    enabled: Boolean(id) && enabled,
    queryFn: () => api<TExceptionView>(`/api/v1/exceptions/${encodeURIComponent(id!)}`),
    retry: false,
  });
}

export function useExceptionGroups(filters: ExceptionFilters) {
  return useQuery({
    queryKey: exceptionKeys.groups(filters),
    queryFn: () => api<TExceptionGroups>(`/api/v1/exceptions/groups${qs({ ...filters, group: undefined })}`),
    refetchInterval: 10_000,
  });
}

export type ExceptionAction = "assign" | "retry" | "rerun" | "replay" | "resolve" | "discard";

/** One mutation for every single-item action; the queue and the event refresh afterwards. */
export function useExceptionAction() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: ExceptionAction; body?: unknown }) =>
      api<TMoved | TClosed | { id: string; assignee: string | null }>(
        `/api/v1/exceptions/${encodeURIComponent(id)}/${action}`,
        {
          method: "POST",
          body: body ?? {},
        },
      ),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: exceptionKeys.all });
      void client.invalidateQueries({ queryKey: eventKeys.all });
    },
  });
}

export interface BulkRequest {
  action: "retry" | "rerun" | "resolve" | "discard" | "assign";
  ids?: string[];
  filter?: ExceptionFilters;
  note?: string;
  reason?: string;
  assignee?: string | null;
}

export const previewBulk = (body: BulkRequest) =>
  api<{ total: number }>("/api/v1/exceptions/bulk/preview", { method: "POST", body });

export function useStartBulk() {
  return useMutation({
    mutationFn: (body: BulkRequest) =>
      api<{ jobId: string; total: number }>("/api/v1/exceptions/bulk", { method: "POST", body }),
  });
}

export type JobView = TJobView;

export function useJob(id: string | null) {
  const client = useQueryClient();
  return useQuery({
    queryKey: jobKeys.detail(id ?? "none"),
    enabled: Boolean(id),
    queryFn: async () => {
      const job = await api<JobView>(`/api/v1/jobs/${encodeURIComponent(id!)}`);
      if (!["queued", "running"].includes(job.status)) void client.invalidateQueries({ queryKey: exceptionKeys.all });
      return job;
    },
    refetchInterval: (q) => (q.state.data && !["queued", "running"].includes(q.state.data.status) ? false : 700),
  });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<JobView>(`/api/v1/jobs/${encodeURIComponent(id)}/cancel`, { method: "POST" }),
    onSuccess: (job) => client.invalidateQueries({ queryKey: jobKeys.detail(job.id) }),
  });
}
