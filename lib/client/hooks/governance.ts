"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TContractInput } from "@/lib/core/contracts/schemas";
import { api } from "../api";
import { contractKeys, driftKeys, integrationKeys, readinessKeys } from "../keys";
import type { ContractView } from "./integrations";

export interface CheckView {
  key: string;
  label: string;
  ok: boolean;
  how: "data" | "confirmed" | "missing";
  detail: string;
  kind: "computed" | "outside";
  confirmable: boolean;
  fix: string;
  place: "contracts" | "self_test" | "owners" | "settings" | "alert_rules";
  confirmedById: string | null;
}
export interface ReadinessView {
  integration: string;
  lifecycle: string;
  checks: CheckView[];
  missing: string[];
  canGoLive: boolean;
}
export interface DriftRow {
  path: string;
  count: number;
  example: unknown;
  firstSeenAt: string;
  lastSeenAt: string;
}

const base = (slug: string) => `/api/v1/integrations/${encodeURIComponent(slug)}`;

export const useReadiness = (slug: string) =>
  useQuery({ queryKey: readinessKeys.detail(slug), queryFn: () => api<ReadinessView>(`${base(slug)}/readiness`) });
export const useReadinessBoard = () =>
  useQuery({
    queryKey: readinessKeys.board(),
    queryFn: () =>
      api<{
        items: (Omit<ReadinessView, "integration" | "checks"> & {
          slug: string;
          name: string;
          checks: Pick<CheckView, "key" | "ok" | "how">[];
        })[];
      }>("/api/v1/readiness"),
  });
export const useDrift = (slug: string, version: number | null) =>
  useQuery({
    queryKey: driftKeys.detail(slug, version ?? 0),
    enabled: version !== null,
    queryFn: () =>
      api<{
        version: number;
        unknownFields: DriftRow[];
        validationFailures: DriftRow[];
        proposal: ContractView | null;
      }>(`${base(slug)}/contracts/${version}/drift`),
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
    api<ContractView>(`${base(slug)}/contracts`, { method: "POST", body: input }),
  );
export const useImportContract = (slug: string) =>
  useGovernanceMutation(slug, (file: unknown) =>
    api<ContractView>(`${base(slug)}/contracts/import`, { method: "POST", body: file }),
  );
export const useApproveContract = (slug: string) =>
  useGovernanceMutation(slug, (version: number) =>
    api<ContractView>(`${base(slug)}/contracts/${version}/approve`, { method: "POST" }),
  );
export const useConfirmCheck = (slug: string) =>
  useGovernanceMutation(slug, (input: { check: string; note: string }) =>
    api<ReadinessView>(`${base(slug)}/readiness/confirm`, { method: "POST", body: input }),
  );
export const useSelfTest = (slug: string) =>
  useGovernanceMutation(slug, (sample: unknown) =>
    api<{ passed: boolean; steps: { step: string; ok: boolean; saw: string }[] }>(`${base(slug)}/self-test`, {
      method: "POST",
      body: sample === undefined ? {} : { sample },
    }),
  );
export const useGoLive = (slug: string) =>
  useGovernanceMutation(slug, (note?: string) =>
    api<{ warning: { label: string } | null }>(`${base(slug)}/go-live`, { method: "POST", body: { note } }),
  );
