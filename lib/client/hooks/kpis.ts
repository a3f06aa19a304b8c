"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { TKpis } from "@/lib/core/kpis/schemas";
import { api, qs } from "../api";
import { kpiKeys } from "../keys";

export type Kpis = TKpis;
export type KpiPoint = TKpis["series"][number];

export interface KpiQuery {
  from: string;
  to: string;
  bucket: "hour" | "day";
  integration?: string;
}

/** The figures for a query (null: nothing to ask yet, e.g. a half-filled custom range). */
export function useKpis(query: KpiQuery | null) {
  return useQuery({
    queryKey: kpiKeys.query(query ?? {}),
    queryFn: () => api<Kpis>(`/api/v1/kpis${qs({ ...query })}`),
    enabled: query !== null,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
