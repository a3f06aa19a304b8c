"use client";
import { useQuery } from "@tanstack/react-query";
import type { IntegrationView } from "@/lib/core/integrations/view";
import { api } from "../api";
import { integrationKeys } from "../keys";

export function useIntegrations() {
  return useQuery({
    queryKey: integrationKeys.list(),
    queryFn: () => api<{ items: IntegrationView[] }>("/api/v1/integrations"),
    refetchInterval: 15_000,
  });
}
