// Where to go after signing in: only somewhere in this console. The callback is
// resolved against our own origin (so "/\evil.example" or "//evil.example",
// which browsers read as other hosts, are caught) and any other origin refused.

export function safeCallback(callback: string | null | undefined, origin: string): string {
  if (!callback) return "/";
  let url: URL;
  try {
    url = new URL(callback, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  if (url.pathname.startsWith("/api/") || url.pathname === "/signin") return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
