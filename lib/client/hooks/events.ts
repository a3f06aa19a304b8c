"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import type { TEventSummary } from "@/lib/core/events/list-events";
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
    queryFn: ({ pageParam }) =>
      api<{ items: TEventSummary[]; nextCursor: string | null }>(`/api/v1/events${qs({ ...filters, cursor: pageParam, limit: 50 })}`),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: 5_000,
    refetchIntervalInBackground: false,
  });
}
