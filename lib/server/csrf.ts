// Cookie-authenticated mutations must come from our own pages. Browsers send
// Origin (and Sec-Fetch-Site) on every POST/PATCH/DELETE; anything else is refused.
import { getEnv } from "@/lib/env";

function expectedOrigin(req: Request): string {
  const configured = getEnv().SIGNALBOX_PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  return `${proto}://${host}`;
}

export function isSameOriginRequest(req: Request): boolean {
  const origin = req.headers.get("origin");
  if (origin) return origin === expectedOrigin(req);
  const site = req.headers.get("sec-fetch-site");
  return site === "same-origin";
}
