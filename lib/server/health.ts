import { getStore } from "@/lib/db/client";
import { pingStore } from "@/lib/db/health";

export async function checkStore(): Promise<{ ok: boolean; provider?: string; error?: string }> {
  try {
    const store = await getStore();
    await pingStore(store);
    return { ok: true, provider: store.provider };
  } catch (error) {
    return { ok: false, error: (error as Error).message.slice(0, 200) };
  }
}
