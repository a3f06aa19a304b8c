"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TCreatedToken, TTokenList, TTokenView } from "@/lib/core/tokens/schemas";
import { api } from "../api";
import { tokenKeys } from "../keys";

export function useTokens() {
  return useQuery({ queryKey: tokenKeys.list(), queryFn: () => api<TTokenList>("/api/v1/tokens") });
}

export type OwnedToken = TTokenList["items"][number];

/** Everyone's tokens with their owner (admins only). */
export function useAllTokens(enabled: boolean) {
  return useQuery({
    queryKey: [...tokenKeys.list(), "all"],
    queryFn: () => api<TTokenList>("/api/v1/tokens?all=true"),
    enabled,
  });
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ name, expiresInDays }: { name: string; expiresInDays?: number }) =>
      api<TCreatedToken>("/api/v1/tokens", { method: "POST", body: { name, expiresInDays } }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TTokenView>(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
