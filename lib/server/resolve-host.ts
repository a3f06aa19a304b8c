// DNS for the save-time check of target URLs (API.md §2): every address a name
// resolves to, or [] when it does not resolve in time (the sender checks again
// at every send, against the address it actually connects to).
import dns from "node:dns/promises";

const TIMEOUT_MS = 2_000;

export async function resolveHost(host: string): Promise<string[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      dns.lookup(host, { all: true, verbatim: true }),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), TIMEOUT_MS))),
    ]);
    return found.map((a) => a.address);
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
