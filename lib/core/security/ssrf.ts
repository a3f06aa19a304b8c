// Which addresses a delivery may connect to — one classifier for the check when
// a URL is saved and the check of every resolved address when it is sent.
// Only public unicast addresses, unless the integration explicitly allows
// private targets. Classification by ipaddr.js, after unwrapping IPv4 carried
// inside IPv6 (mapped ::ffff:0:0/96, translated ::ffff:0:0:0/96, NAT64
// 64:ff9b::/96 and 64:ff9b:1::/48, 6to4 2002::/16); the deprecated
// IPv4-compatible block ::/96 is reserved. URLs are parsed by WHATWG URL, which
// already turns odd IPv4 spellings (0x7f.1, 2130706433, 017700000001, 127.1)
// into dotted quads.
import ipaddr from "ipaddr.js";

const METADATA_HOSTS = new Set([
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal",
]);
const METADATA_ADDRESSES = new Set([
  "169.254.169.254",
  "169.254.170.2",
  "100.100.100.200",
  "fd00:ec2::254",
  "192.0.0.192",
]);
/** Never, even with private targets allowed. */
const NEVER = new Set(["unspecified", "broadcast", "multicast", "reserved", "ipv4Compatible"]);

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

export interface AddressClass {
  /** ipaddr.js's range name of the (unwrapped) address, or `ipv4Compatible` / `metadata` */
  range: string;
  /** the IPv4 address found inside an IPv6 one, when there was one */
  embedded: string | null;
  verdict: "public" | "private" | "never";
}

/** The IPv4 address an IPv6 one carries (mapped, translated, NAT64, 6to4), or null. */
function embeddedIPv4(v6: ipaddr.IPv6): ipaddr.IPv4 | null {
  const p = v6.parts;
  const low = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  // ::ffff:0:a.b.c.d (RFC 6145), 64:ff9b::a.b.c.d (RFC 6052) and 64:ff9b:1::/48 (RFC 8215, /96 form)
  if (p[0] === 0 && p[1] === 0 && p[2] === 0 && p[3] === 0 && p[4] === 0xffff && p[5] === 0) return low(p[6]!, p[7]!);
  if (p[0] === 0x64 && p[1] === 0xff9b) return low(p[6]!, p[7]!);
  if (p[0] === 0x2002) return low(p[1]!, p[2]!);
  return null;
}

/** Classify a literal IP address (throws on anything ipaddr.js cannot parse). */
export function classifyAddress(ip: string): AddressClass {
  const parsed = ipaddr.parse(ip);
  let addr: ipaddr.IPv4 | ipaddr.IPv6 = parsed;
  let embedded: string | null = null;
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    const p = v6.parts;
    // ::/96 other than :: and ::1: IPv4-compatible addresses, deprecated (RFC 4291) — reserved
    if (p.slice(0, 6).every((x) => x === 0) && !(p[6] === 0 && (p[7] === 0 || p[7] === 1))) {
      return { range: "ipv4Compatible", embedded: null, verdict: "never" };
    }
    const inner = embeddedIPv4(v6);
    if (inner) {
      addr = inner;
      embedded = inner.toString();
    }
  }
  if (METADATA_ADDRESSES.has(addr.toString())) return { range: "metadata", embedded, verdict: "never" };
  const range = addr.range();
  return { range, embedded, verdict: NEVER.has(range) ? "never" : range === "unicast" ? "public" : "private" };
}

/** Is this literal IP acceptable? Private targets allowed only when `allowPrivate`. */
export function checkAddress(ip: string, allowPrivate: boolean): AddressVerdict {
  if (!ipaddr.isValid(ip)) return { ok: false, reason: `not an IP address: ${ip}` };
  const c = classifyAddress(ip);
  const what = `${ip}${c.embedded ? ` (carrying ${c.embedded})` : ""}`;
  if (c.verdict === "public") return { ok: true };
  if (c.range === "metadata") return { ok: false, reason: `${what} is a cloud metadata address` };
  if (c.range === "ipv4Compatible") return { ok: false, reason: `${what} is in the reserved block ::/96` };
  if (c.verdict === "never") return { ok: false, reason: `${what} is a ${c.range} address` };
  if (allowPrivate) return { ok: true };
  return {
    ok: false,
    reason: `${what} is a ${c.range} address (private targets are not allowed for this integration)`,
  };
}

/**
 * Check a URL's host as written, before any DNS lookup: a literal address in
 * any spelling is classified, `localhost` and `*.localhost` count as loopback,
 * metadata names are never allowed; other names pass (the sender checks what
 * they resolve to).
 */
export function checkHost(hostname: string, allowPrivate: boolean): AddressVerdict {
  const host = hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata host` };
  if (host === "localhost" || host.endsWith(".localhost")) {
    return allowPrivate
      ? { ok: true }
      : { ok: false, reason: `${host} is a loopback name (private targets are not allowed for this integration)` };
  }
  if (ipaddr.isValid(host)) return checkAddress(host, allowPrivate);
  return { ok: true };
}

/** Refuse URLs that cannot be checked safely before any DNS lookup. */
export function checkUrl(raw: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed; use headers" };
  const host = url.hostname
    .replace(/^\[|\]$/g, "")
    .toLowerCase()
    .replace(/\.$/, "");
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata host` };
  return { ok: true, url };
}
