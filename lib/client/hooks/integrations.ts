"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ContractVersion } from "@/lib/core/contracts/types";
import type { TCreateIntegration, TPatchIntegration } from "@/lib/core/integrations/schemas";
import type { IntegrationListItem } from "@/lib/core/integrations/list-integrations";
import type { IntegrationView } from "@/lib/core/integrations/view";
import { api } from "../api";
import { contractKeys, integrationKeys, keyKeys } from "../keys";

export type ContractView = Omit<ContractVersion, "approvedAt" | "createdAt"> & {
  approvedAt: string | null;
  createdAt: string;
};
export interface KeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const path = (slug: string, rest = "") => `/api/v1/integrations/${encodeURIComponent(slug)}${rest}`;

/** The integrations in use (pickers); `archived`: the archived ones too. */
export function useIntegrations(options: { archived?: boolean } = {}) {
  return useQuery({
    queryKey: options.archived ? [...integrationKeys.list(), "with-archived"] : integrationKeys.list(),
    queryFn: () =>
      api<{ items: IntegrationListItem[] }>(
        options.archived ? "/api/v1/integrations?archived=true" : "/api/v1/integrations",
      ),
    refetchInterval: 15_000,
  });
}

export interface CreatedIntegration {
  integration: IntegrationView;
  ingestKey: { id: string; key: string };
  ingestSecret: string;
  deliverySecret: string;
}

export interface TestRecordResult {
  accepted: boolean;
  httpStatus: number;
  eventId: string | null;
  eventStatus: string | null;
  error: { code: string; message: string; details: unknown } | null;
  idempotencyKey: string;
}

export function useCreateIntegration() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateIntegration) =>
      api<CreatedIntegration>("/api/v1/integrations", { method: "POST", body: input }),
    onSuccess: () => void client.invalidateQueries({ queryKey: integrationKeys.all }),
  });
}

export function useIntegration(slug: string) {
  return useQuery({ queryKey: integrationKeys.detail(slug), queryFn: () => api<IntegrationView>(path(slug)) });
}

export function useContracts(slug: string | null) {
  return useQuery({
    queryKey: contractKeys.list(slug ?? ""),
    enabled: Boolean(slug),
    queryFn: () => api<{ items: ContractView[] }>(path(slug!, "/contracts")),
  });
}

export function useKeys(slug: string) {
  return useQuery({ queryKey: keyKeys.list(slug), queryFn: () => api<{ items: KeyView[] }>(path(slug, "/keys")) });
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
    api<IntegrationView>(path(slug), { method: "PATCH", body: patch }),
  );
export const useSetPaused = (slug: string) =>
  useIntegrationMutation(slug, ({ paused, reason }: { paused: boolean; reason?: string }) =>
    api<IntegrationView>(path(slug, paused ? "/pause" : "/resume"), { method: "POST", body: { reason } }),
  );
export const useCreateKey = (slug: string) =>
  useIntegrationMutation(slug, (name: string) =>
    api<{ id: string; key: string }>(path(slug, "/keys"), { method: "POST", body: { name } }),
  );
export const useRevokeKey = (slug: string) =>
  useIntegrationMutation(slug, (id: string) =>
    api<KeyView>(path(slug, `/keys/${encodeURIComponent(id)}`), { method: "DELETE" }),
  );
export const useRotateSecret = (slug: string) =>
  useIntegrationMutation(slug, (which: "ingest" | "delivery") =>
    api<{ secret: string; previousValidUntil: string }>(path(slug, "/secrets/rotate"), {
      method: "POST",
      body: { which },
    }),
  );
export const useSetArchived = (slug: string) =>
  useIntegrationMutation(slug, ({ archived, reason }: { archived: boolean; reason?: string }) =>
    api<IntegrationView>(path(slug, archived ? "/archive" : "/restore"), { method: "POST", body: { reason } }),
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
