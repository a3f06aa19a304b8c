"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TAlertPage, TAlertView } from "@/lib/core/alerts/schemas";
import { api, qs } from "../api";
import { alertKeys } from "../keys";

export type AlertView = TAlertView;
export type AlertStatusFilter = "open" | "firing" | "acknowledged" | "resolved";

export function useAlerts(
  filters: { status?: AlertStatusFilter; integration?: string },
  options: { refetchMs?: number } = {},
) {
  return useQuery({
    queryKey: alertKeys.list(filters),
    queryFn: () => api<TAlertPage>(`/api/v1/alerts${qs({ ...filters, limit: 100 })}`),
    refetchInterval: options.refetchMs ?? 30_000,
  });
}

export function useAcknowledgeAlert() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<AlertView>(`/api/v1/alerts/${id}/acknowledge`, { method: "POST" }),
    onSettled: () => client.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
