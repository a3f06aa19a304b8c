import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";

export interface Prefill {
  key: QueryKey;
  data: unknown;
  /** a list read with useInfiniteQuery: the data is its first page */
  infinite?: boolean;
}

/** Hands data read on the server to the browser's query cache, so the first paint has content and no fetch waits. */
export function Prefilled({ entries, children }: { entries: Prefill[]; children: ReactNode }) {
  const client = new QueryClient();
  for (const e of entries) {
    if (e.data === null || e.data === undefined) continue;
    client.setQueryData(e.key, e.infinite ? { pages: [e.data], pageParams: [undefined] } : e.data);
  }
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
