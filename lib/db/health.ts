import type { Store } from "./client";

export async function pingStore(store: Store): Promise<void> {
  await store.db.$queryRawUnsafe("SELECT 1");
}
