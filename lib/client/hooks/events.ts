"use client";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TEventDetail, TEventPage, TRedelivered } from "@/lib/core/events/schemas";
import { api, qs } from "../api";
import { eventKeys } from "../keys";

export interface EventFilters {
  integration?: string;
  status?: string;
  q?: string;
  correlationId?: string;
  from?: string;
  to?: string;
}

export function useEvents(filters: EventFilters) {
  return useInfiniteQuery({
    queryKey: eventKeys.list(filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => api<TEventPage>(`/api/v1/events${qs({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
    refetchIntervalInBackground: false,
  });
}

const inFlight = (q: { state: { data?: TEventDetail } }) =>
  q.state.data && ["received", "processing", "retrying"].includes(q.state.data.event.status) ? 2_000 : 15_000;

/** The event with every record in full (Edit & replay starts from it; the process view asks for it on demand). */
export function useEvent(id: string, { enabled = true, poll = true }: { enabled?: boolean; poll?: boolean } = {}) {
  return useQuery({
    queryKey: eventKeys.detail(id),
    queryFn: () => api<TEventDetail>(`/api/v1/events/${encodeURIComponent(id)}`),
    enabled,
    refetchInterval: poll ? inFlight : false,
  });
}

/** The process view's data, brief: records over 64 KiB are left out and come on demand (useEvent). */
export function useEventView(id: string) {
  return useQuery({
    queryKey: eventKeys.brief(id),
    queryFn: () => api<TEventDetail>(`/api/v1/events/${encodeURIComponent(id)}?payloads=brief`),
    refetchInterval: inFlight,
  });
}

export function useRedeliver() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<TRedelivered>(`/api/v1/events/${encodeURIComponent(id)}/redeliver`, { method: "POST", body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

export function useLegalHold() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, hold, reason }: { id: string; hold: boolean; reason: string }) =>
      api<{ id: string; legalHold: boolean }>(`/api/v1/events/${encodeURIComponent(id)}/legal-hold`, {
        method: "POST",
        body: { hold, reason },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: eventKeys.all }),
  });
}
