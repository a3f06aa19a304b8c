"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TContractList, TContractView } from "@/lib/core/contracts/schemas";
import type {
  TCreatedIntegration,
  TCreatedKey,
  TCreateIntegration,
  TIntegrationList,
  TIntegrationView,
  TKeyList,
  TKeyView,
  TPatchIntegration,
  TRotatedSecret,
  TTestAnswer,
} from "@/lib/core/integrations/schemas";
import { api } from "../api";
import { contractKeys, integrationKeys, keyKeys } from "../keys";

export type ContractView = TContractView;
export type KeyView = TKeyView;
export type TestRecordResult = TTestAnswer;
export type CreatedIntegration = TCreatedIntegration;

const path = (slug: string, rest = "") => `/api/v1/integrations/${encodeURIComponent(slug)}${rest}`;

/** The integrations in use (pickers); `archived`: the archived ones too. */
export function useIntegrations(options: { archived?: boolean } = {}) {
  return useQuery({
    queryKey: options.archived ? [...integrationKeys.list(), "with-archived"] : integrationKeys.list(),
    queryFn: () =>
      api<TIntegrationList>(options.archived ? "/api/v1/integrations?archived=true" : "/api/v1/integrations"),
    refetchInterval: 15_000,
  });
}

export function useCreateIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateIntegration) =>
      api<TCreatedIntegration>("/api/v1/integrations", { method: "POST", body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

export function useIntegration(slug: string) {
  return useQuery({ queryKey: integrationKeys.detail(slug), queryFn: () => api<TIntegrationView>(path(slug)) });
}

export function useContracts(slug: string | null) {
  return useQuery({
    queryKey: contractKeys.list(slug ?? ""),
    enabled: Boolean(slug),
    queryFn: () => api<TContractList>(path(slug!, "/contracts")),
  });
}

export function useKeys(slug: string) {
  return useQuery({ queryKey: keyKeys.list(slug), queryFn: () => api<TKeyList>(path(slug, "/keys")) });
}

function useIntegrationMutation<I, O>(slug: string, fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: integrationKeys.all });
      void client.invalidateQueries({ queryKey: keyKeys.list(slug) });
    },
  });
}

export const useUpdateIntegration = (slug: string) =>
  useIntegrationMutation(slug, (patch: TPatchIntegration) =>
    api<TIntegrationView>(path(slug), { method: "PATCH", body: patch }),
  );
export const useSetPaused = (slug: string) =>
  useIntegrationMutation(slug, ({ paused, reason }: { paused: boolean; reason?: string }) =>
    api<TIntegrationView>(path(slug, paused ? "/pause" : "/resume"), { method: "POST", body: { reason } }),
  );
export const useCreateKey = (slug: string) =>
  useIntegrationMutation(slug, (name: string) =>
    api<TCreatedKey>(path(slug, "/keys"), { method: "POST", body: { name } }),
  );
export const useRevokeKey = (slug: string) =>
  useIntegrationMutation(slug, (id: string) =>
    api<KeyView>(path(slug, `/keys/${encodeURIComponent(id)}`), { method: "DELETE" }),
  );
export const useRotateSecret = (slug: string) =>
  useIntegrationMutation(slug, (which: "ingest" | "delivery") =>
    api<TRotatedSecret>(path(slug, "/secrets/rotate"), {
      method: "POST",
      body: { which },
    }),
  );
export const useSetArchived = (slug: string) =>
  useIntegrationMutation(slug, ({ archived, reason }: { archived: boolean; reason?: string }) =>
    api<TIntegrationView>(path(slug, archived ? "/archive" : "/restore"), { method: "POST", body: { reason } }),
  );
export const useSendTestRecord = (slug: string) =>
  useMutation({
    mutationFn: (sample: unknown) =>
      api<TestRecordResult>(path(slug, "/test-record"), { method: "POST", body: { sample } }),
  });
export const useSendTestReport = (slug: string) =>
  useMutation({
    mutationFn: (sample: unknown) =>
      api<TestRecordResult>(path(slug, "/test-report"), {
        method: "POST",
        body: sample === undefined ? {} : { sample },
      }),
  });
