"use client";
import { useQuery } from "@tanstack/react-query";
import type { Readiness } from "@/lib/core/health";
import { healthKeys } from "../keys";

/** The readiness probe (its body comes with a 503 too: that is when it matters most). */
export function useReadiness() {
  return useQuery({
    queryKey: healthKeys.readiness,
    queryFn: async (): Promise<Readiness> => (await fetch("/api/health/ready", { cache: "no-store" })).json(),
    refetchInterval: 15_000,
  });
}
