"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TCreateUser, TUpdateUser, TUserList, TUserView } from "@/lib/core/users/schemas";
import { api } from "../api";
import { userKeys } from "../keys";

export function useUsers() {
  return useQuery({ queryKey: userKeys.list(), queryFn: () => api<TUserList>("/api/v1/users") });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateUser) => api<TUserView>("/api/v1/users", { method: "POST", body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: TUpdateUser & { id: string }) =>
      api<TUserView>(`/api/v1/users/${encodeURIComponent(id)}`, { method: "PATCH", body: patch }),
    onSuccess: () => client.invalidateQueries({ queryKey: userKeys.all }),
  });
}
