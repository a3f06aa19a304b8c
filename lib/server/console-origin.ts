// The console's public address as pages show it in examples: SIGNALBOX_PUBLIC_URL, else what the request came in on.
import { headers } from "next/headers";

export async function consoleOrigin(): Promise<string> {
  if (process.env.SIGNALBOX_PUBLIC_URL) return process.env.SIGNALBOX_PUBLIC_URL;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}
