// The Content-Security-Policy of every page (set by proxy.ts with a fresh nonce
// per request; Next.js puts the nonce on its own scripts) and whether cookies
// must be Secure. Scripts run only with the nonce ('strict-dynamic' lets them
// load the bundles they import); style attributes stay allowed because React
// and recharts set inline styles; nothing may frame the console.

/** The console's public URL: SIGNALBOX_PUBLIC_URL, else NEXTAUTH_URL; null when neither is set. */
export function publicUrl(env: { SIGNALBOX_PUBLIC_URL?: string; NEXTAUTH_URL?: string }): string | null {
  return env.SIGNALBOX_PUBLIC_URL || env.NEXTAUTH_URL || null;
}

/** Cookies are Secure (and next-auth's take their __Secure- / __Host- names) whenever the public URL is https. */
export function usesHttps(url: string | null): boolean {
  return url !== null && url.toLowerCase().startsWith("https:");
}

/** A fresh, unguessable nonce (128 bits, base64). */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy({ nonce, https }: { nonce: string; https: boolean }): string {
  return [
    "default-src 'self'",
    // 'unsafe-eval': Ajv compiles JSON Schemas to functions for the console's live contract checks (contract editor,
    // corrected-record check) — it cannot run a schema without. Script elements still need the nonce, so an injected
    // <script> or handler does not run; eval is open only to code that already runs.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}
