"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TErasurePreview, TErasureQuery, TErasureResult } from "@/lib/core/erasure/schemas";
import type { TRetention, TRetentionView, TStoreView } from "@/lib/core/retention/schemas";
import type { TAuditWebhookSet, TAuditWebhookView } from "@/lib/core/settings/schemas";
import { api } from "../api";
import { eventKeys, exceptionKeys, settingsKeys } from "../keys";

const URL = "/api/v1/settings/audit-webhook";

export function useAuditWebhook() {
  return useQuery({ queryKey: settingsKeys.auditWebhook(), queryFn: () => api<TAuditWebhookView>(URL) });
}

export function useSetAuditWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { url: string; allowPrivateNetwork: boolean }) =>
      api<TAuditWebhookSet>(URL, { method: "POST", body }),
    onSuccess: (answer) => client.setQueryData(settingsKeys.auditWebhook(), answer.webhook),
  });
}

export function useRemoveAuditWebhook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api<TAuditWebhookView>(URL, { method: "DELETE" }),
    onSuccess: (answer) => client.setQueryData(settingsKeys.auditWebhook(), answer),
  });
}

const RETENTION = "/api/v1/settings/retention";

export function useRetention() {
  return useQuery({ queryKey: settingsKeys.retention(), queryFn: () => api<TRetentionView>(RETENTION) });
}

export function useSetRetention() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TRetention) => api<TRetentionView>(RETENTION, { method: "POST", body }),
    onSuccess: (answer) => {
      client.setQueryData(settingsKeys.retention(), answer);
      void client.invalidateQueries({ queryKey: settingsKeys.store() });
    },
  });
}

export function useStoreOverview() {
  return useQuery({
    queryKey: settingsKeys.store(),
    queryFn: () => api<TStoreView>("/api/v1/store"),
    refetchInterval: 60_000,
  });
}

/** How many records an erasure would remove (a POST: the value stays out of URLs and logs). */
export function useErasurePreview() {
  return useMutation({
    mutationFn: (body: TErasureQuery) => api<TErasurePreview>("/api/v1/erasures/preview", { method: "POST", body }),
  });
}

export function useErase() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TErasureQuery & { asOf: string; expectedCount: number; reference: string }) =>
      api<TErasureResult>("/api/v1/erasures", { method: "POST", body }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: eventKeys.all });
      void client.invalidateQueries({ queryKey: exceptionKeys.all });
    },
  });
}
