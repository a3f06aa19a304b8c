// Which addresses a delivery may connect to. Only public unicast addresses,
// unless the integration explicitly allows private targets. Classification
// by ipaddr.js; URLs are parsed by WHATWG URL, which already turns odd IPv4
// spellings (0x7f.1, 2130706433, 017700000001) into dotted quads.
import ipaddr from "ipaddr.js";

const METADATA_HOSTS = new Set(["metadata.google.internal", "metadata.goog", "metadata", "instance-data", "instance-data.ec2.internal"]);

export type AddressVerdict = { ok: true } | { ok: false; reason: string };

/** Is this literal IP acceptable? Private targets allowed only when `allowPrivate`. */
export function checkAddress(ip: string, allowPrivate: boolean): AddressVerdict {
  if (!ipaddr.isValid(ip)) return { ok: false, reason: `not an IP address: ${ip}` };
  let addr = ipaddr.parse(ip);
  if (addr.kind() === "ipv6" && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const range = addr.range();
  // Never: unspecified, broadcast, multicast, reserved — and cloud metadata, even with private targets allowed.
  if (["unspecified", "broadcast", "multicast", "reserved"].includes(range)) return { ok: false, reason: `${ip} is a ${range} address` };
  if (isMetadataAddress(addr)) return { ok: false, reason: `${ip} is a cloud metadata address` };
  if (range === "unicast") return { ok: true };
  if (allowPrivate) return { ok: true };
  return { ok: false, reason: `${ip} is a ${range} address (private targets are not allowed for this integration)` };
}

function isMetadataAddress(addr: ipaddr.IPv4 | ipaddr.IPv6): boolean {
  const text = addr.toString();
  return text === "169.254.169.254" || text === "169.254.170.2" || text === "100.100.100.200" || text === "fd00:ec2::254" || text === "192.0.0.192";
}

/** Refuse URLs that cannot be checked safely before any DNS lookup. */
export function checkUrl(raw: string): { ok: true; url: URL } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "not a valid URL" };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, reason: `scheme ${url.protocol} is not allowed` };
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed; use headers" };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase().replace(/\.$/, "");
  if (METADATA_HOSTS.has(host)) return { ok: false, reason: `${host} is a cloud metadata host` };
  return { ok: true, url };
}
