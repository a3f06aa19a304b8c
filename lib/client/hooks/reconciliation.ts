"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  TFindingPage,
  TFindingView,
  TReconciliationList,
  TReconciliationView,
} from "@/lib/core/reconciliation/schemas";
import { api, qs } from "../api";
import { exceptionKeys, reconciliationKeys } from "../keys";

export type ReconciliationView = TReconciliationView;
export type FindingView = TFindingView;

export const useReconciliations = (slug: string) =>
  useQuery({
    queryKey: reconciliationKeys.list(slug),
    queryFn: () => api<TReconciliationList>(`/api/v1/integrations/${encodeURIComponent(slug)}/reconciliations`),
  });

export const useReconciliation = (id: string | null) =>
  useQuery({
    queryKey: reconciliationKeys.detail(id ?? "none"),
    enabled: Boolean(id),
    queryFn: () => api<ReconciliationView>(`/api/v1/reconciliations/${id}`),
    refetchInterval: (q) => (q.state.data?.status === "running" ? 700 : false),
  });

export const useFindings = (id: string | null, kind?: string) =>
  useQuery({
    queryKey: reconciliationKeys.findings(id ?? "none", kind),
    enabled: Boolean(id),
    queryFn: () => api<TFindingPage>(`/api/v1/reconciliations/${id}/findings${qs({ kind, limit: 200 })}`),
  });

function useReconciliationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: reconciliationKeys.all });
      void client.invalidateQueries({ queryKey: exceptionKeys.all });
    },
  });
}

export const useStartReconciliation = (slug: string) =>
  useReconciliationMutation((period: { from: string; to: string }) =>
    api<ReconciliationView>(`/api/v1/integrations/${encodeURIComponent(slug)}/reconciliations`, {
      method: "POST",
      body: period,
    }),
  );
export const useRunReconciliation = () =>
  useReconciliationMutation((id: string) =>
    api<ReconciliationView>(`/api/v1/reconciliations/${id}/run`, { method: "POST" }),
  );
export const useFindingExceptions = (id: string) =>
  useReconciliationMutation((body: { findingIds?: string[]; kind?: string }) =>
    api<{ opened: number }>(`/api/v1/reconciliations/${id}/exceptions`, { method: "POST", body }),
  );

/** Upload a file of ids with progress (XMLHttpRequest reports upload progress; fetch does not). */
export function uploadIdFile(
  id: string,
  side: "source" | "target",
  file: File,
  onProgress: (fraction: number) => void,
): Promise<ReconciliationView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/reconciliations/${id}/upload?side=${side}`);
    xhr.setRequestHeader("content-type", file.name.endsWith(".json") ? "application/json" : "text/csv");
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      const body = JSON.parse(xhr.responseText || "{}") as ReconciliationView & { error?: { message: string } };
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new Error(body.error?.message ?? `Upload failed (${xhr.status})`));
    };
    xhr.onerror = () => reject(new Error("Upload failed: the connection dropped"));
    xhr.send(file);
  });
}
