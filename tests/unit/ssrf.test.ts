import { describe, expect, it } from "vitest";
import { checkAddress, checkUrl } from "@/lib/core/security/ssrf";
import { createHttpSender } from "@/lib/worker/http-sender";

describe("SSRF: addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"], ["127.255.0.9", "loopback"], ["::1", "loopback"],
    ["10.1.2.3", "private"], ["172.16.0.1", "private"], ["192.168.1.1", "private"],
    ["169.254.10.1", "linkLocal"], ["fe80::1", "linkLocal"], ["fd12:3456::1", "uniqueLocal"],
    ["100.64.0.1", "carrierGradeNat"], ["::ffff:127.0.0.1", "loopback"], ["::ffff:10.0.0.1", "private"],
  ])("%s is refused (%s) by default and allowed when private targets are", (ip, range) => {
    const verdict = checkAddress(ip, false);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(range);
    expect(checkAddress(ip, true).ok).toBe(true);
  });

  it.each(["169.254.169.254", "fd00:ec2::254", "100.100.100.200", "0.0.0.0", "::", "255.255.255.255", "224.0.0.1", "240.0.0.1"])(
    "%s is refused even with private targets allowed",
    (ip) => expect(checkAddress(ip, true).ok).toBe(false),
  );

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])("%s (public) is allowed", (ip) => expect(checkAddress(ip, false).ok).toBe(true));
});

describe("SSRF: URLs and odd encodings", () => {
  it.each([
    ["http://0x7f.1/", "127.0.0.1"], ["http://2130706433/", "127.0.0.1"], ["http://017700000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"], ["http://[::ffff:7f00:1]/", "[::ffff:7f00:1]"], ["http://0/", "0.0.0.0"],
  ])("%s normalises to %s", (url, host) => {
    const checked = checkUrl(url);
    expect(checked.ok && checked.url.hostname).toBe(host);
  });

  it.each(["ftp://example.com/", "file:///etc/passwd", "http://user:pw@example.com/", "http://metadata.google.internal/", "not a url"])("refuses %s", (url) => {
    expect(checkUrl(url).ok).toBe(false);
  });

  it.each(["http://0x7f.1:9/", "http://2130706433:9/", "http://[::1]:9/", "http://[::ffff:127.0.0.1]:9/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1:9/"])(
    "the sender refuses %s before connecting",
    async (url) => {
      const sender = createHttpSender();
      const res = await sender.send({ url, method: "POST", headers: {}, body: "{}", timeoutMs: 500, allowPrivateNetwork: false });
      sender.close();
      expect(res.error).toBe("refused_by_policy");
      expect(res.status).toBeNull();
    },
  );

  it("checks every address a name resolves to (DNS rebinding to a private address is refused)", async () => {
    const sender = createHttpSender({ resolve: async () => [{ address: "93.184.216.34", family: 4 }, { address: "10.0.0.7", family: 4 }] });
    const res = await sender.send({ url: "http://rebind.example/", method: "POST", headers: {}, body: "{}", timeoutMs: 500, allowPrivateNetwork: false });
    sender.close();
    expect(res.error).toBe("refused_by_policy");
    expect(res.errorMessage).toContain("10.0.0.7");
  });
});
