// Next.js proxy (the middleware of earlier versions): a Content-Security-Policy
// with a fresh nonce on every page. Next.js reads the nonce from the request's
// CSP header and applies it to its scripts while rendering (every page renders
// per request: app/layout.tsx). Authorisation is NOT decided here: every route
// handler and page checks the caller itself.
import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "@/lib/env";
import { contentSecurityPolicy, newNonce, publicUrl, usesHttps } from "@/lib/server/security-headers";

export function proxy(request: NextRequest) {
  const env = getEnv();
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, https: usesHttps(publicUrl(env)) });
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: [
    {
      // pages only: not the JSON API, static files or prefetches
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
