"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TContractInput, TContractView, TDrift } from "@/lib/core/contracts/schemas";
import type {
  TCheckView,
  TGoLiveResult,
  TReadiness,
  TReadinessBoard,
  TSelfTestResult,
} from "@/lib/core/readiness/schemas";
import { api } from "../api";
import { contractKeys, driftKeys, integrationKeys, readinessKeys } from "../keys";

export type CheckView = TCheckView;
export type ReadinessView = TReadiness;
export type DriftRow = TDrift["unknownFields"][number];

const base = (slug: string) => `/api/v1/integrations/${encodeURIComponent(slug)}`;

export const useReadiness = (slug: string) =>
  useQuery({ queryKey: readinessKeys.detail(slug), queryFn: () => api<TReadiness>(`${base(slug)}/readiness`) });
export const useReadinessBoard = () =>
  useQuery({
    queryKey: readinessKeys.board(),
    queryFn: () => api<TReadinessBoard>("/api/v1/readiness"),
  });
export const useDrift = (slug: string, version: number | null) =>
  useQuery({
    queryKey: driftKeys.detail(slug, version ?? 0),
    enabled: version !== null,
    queryFn: () => api<TDrift>(`${base(slug)}/contracts/${version}/drift`),
  });

/** Every governance mutation refreshes what readiness, contracts and the integration show. */
function useGovernanceMutation<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      for (const key of [readinessKeys.all, contractKeys.list(slug), integrationKeys.all, driftKeys.all])
        void client.invalidateQueries({ queryKey: key });
    },
  });
}

export const useCreateContract = (slug: string) =>
  useGovernanceMutation(slug, (input: TContractInput) =>
    api<TContractView>(`${base(slug)}/contracts`, { method: "POST", body: input }),
  );
export const useImportContract = (slug: string) =>
  useGovernanceMutation(slug, (file: unknown) =>
    api<TContractView>(`${base(slug)}/contracts/import`, { method: "POST", body: file }),
  );
export const useApproveContract = (slug: string) =>
  useGovernanceMutation(slug, (version: number) =>
    api<TContractView>(`${base(slug)}/contracts/${version}/approve`, { method: "POST" }),
  );
export const useConfirmCheck = (slug: string) =>
  useGovernanceMutation(slug, (input: { check: string; note: string }) =>
    api<TReadiness>(`${base(slug)}/readiness/confirm`, { method: "POST", body: input }),
  );
export const useSelfTest = (slug: string) =>
  useGovernanceMutation(slug, (sample: unknown) =>
    api<TSelfTestResult>(`${base(slug)}/self-test`, {
      method: "POST",
      body: sample === undefined ? {} : { sample },
    }),
  );
export const useGoLive = (slug: string) =>
  useGovernanceMutation(slug, (note?: string) =>
    api<TGoLiveResult>(`${base(slug)}/go-live`, { method: "POST", body: { note } }),
  );
