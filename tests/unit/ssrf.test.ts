import { describe, expect, it } from "vitest";
import { privateTargetReason, resolveTargetNames } from "@/lib/core/integrations/destination";
import { checkAddress, checkUrl } from "@/lib/core/security/ssrf";
import { createHttpSender } from "@/lib/worker/http-sender";

describe("SSRF: addresses", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["192.168.1.1", "private"],
    ["169.254.10.1", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:10.0.0.1", "private"],
  ])("%s is refused (%s) by default and allowed when private targets are", (ip, range) => {
    const verdict = checkAddress(ip, false);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(range);
    expect(checkAddress(ip, true).ok).toBe(true);
  });

  it.each([
    "169.254.169.254",
    "fd00:ec2::254",
    "100.100.100.200",
    "0.0.0.0",
    "::",
    "255.255.255.255",
    "224.0.0.1",
    "240.0.0.1",
  ])("%s is refused even with private targets allowed", (ip) => expect(checkAddress(ip, true).ok).toBe(false));

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"])("%s (public) is allowed", (ip) =>
    expect(checkAddress(ip, false).ok).toBe(true),
  );
});

describe("SSRF: URLs and odd encodings", () => {
  it.each([
    ["http://0x7f.1/", "127.0.0.1"],
    ["http://2130706433/", "127.0.0.1"],
    ["http://017700000001/", "127.0.0.1"],
    ["http://127.1/", "127.0.0.1"],
    ["http://[::ffff:7f00:1]/", "[::ffff:7f00:1]"],
    ["http://0/", "0.0.0.0"],
  ])("%s normalises to %s", (url, host) => {
    const checked = checkUrl(url);
    expect(checked.ok && checked.url.hostname).toBe(host);
  });

  it.each([
    "ftp://example.com/",
    "file:///etc/passwd",
    "http://user:pw@example.com/",
    "http://metadata.google.internal/",
    "not a url",
  ])("refuses %s", (url) => {
    expect(checkUrl(url).ok).toBe(false);
  });

  it.each([
    "http://0x7f.1:9/",
    "http://2130706433:9/",
    "http://[::1]:9/",
    "http://[::ffff:127.0.0.1]:9/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1:9/",
  ])("the sender refuses %s before connecting", async (url) => {
    const sender = createHttpSender();
    const res = await sender.send({
      url,
      method: "POST",
      headers: {},
      body: "{}",
      timeoutMs: 500,
      allowPrivateNetwork: false,
    });
    sender.close();
    expect(res.error).toBe("refused_by_policy");
    expect(res.status).toBeNull();
  });

  it("checks every address a name resolves to (DNS rebinding to a private address is refused)", async () => {
    const sender = createHttpSender({
      resolve: async () => [
        { address: "93.184.216.34", family: 4 },
        { address: "10.0.0.7", family: 4 },
      ],
    });
    const res = await sender.send({
      url: "http://rebind.example/",
      method: "POST",
      headers: {},
      body: "{}",
      timeoutMs: 500,
      allowPrivateNetwork: false,
    });
    sender.close();
    expect(res.error).toBe("refused_by_policy");
    expect(res.errorMessage).toContain("10.0.0.7");
  });
});

// Issue 11 item 10: one classifier for save time and send time; every spelling
// of a non-public address, with embedded IPv4 unwrapped before classifying.
describe("SSRF: one classifier, every spelling", () => {
  const refusedUnlessPrivate: [string, string][] = [
    ["http://127.0.0.1/", "loopback"],
    ["http://127.1/", "loopback short form"],
    ["http://2130706433/", "loopback as a decimal"],
    ["http://0x7f.1/", "loopback in hex"],
    ["http://0x7f000001/", "loopback as one hex number"],
    ["http://0177.0.0.1/", "loopback in octal"],
    ["http://10.1/", "private short form"],
    ["http://0xa.0.0.1/", "private in hex"],
    ["http://172.16.3.4/", "private"],
    ["http://192.168.1.1/", "private"],
    ["http://3232235777/", "private as a decimal"],
    ["http://169.254.1.1/", "link-local"],
    ["http://100.64.0.1/", "CGNAT"],
    ["http://[::1]/", "IPv6 loopback"],
    ["http://[0:0:0:0:0:0:0:1]/", "IPv6 loopback, long form"],
    ["http://[::ffff:127.0.0.1]/", "IPv4-mapped loopback"],
    ["http://[::ffff:7f00:1]/", "IPv4-mapped loopback in hex"],
    ["http://[::ffff:a00:1]/", "IPv4-mapped private"],
    ["http://[fd00::1]/", "ULA"],
    ["http://[fc00::1]/", "ULA"],
    ["http://[fe80::1]/", "link-local IPv6"],
    ["http://[64:ff9b::7f00:1]/", "NAT64 of loopback"],
    ["http://[64:ff9b::10.0.0.1]/", "NAT64 of private"],
    ["http://[64:ff9b::c0a8:101]/", "NAT64 of private, hex"],
    ["http://[2002:7f00:1::1]/", "6to4 of loopback"],
    ["http://[2002:a00:1::]/", "6to4 of private"],
    ["http://[2002:c0a8:101::1]/", "6to4 of private"],
    ["http://localhost/", "localhost"],
    ["http://LOCALHOST./", "localhost, upper case with a dot"],
    ["http://api.localhost/", "a .localhost name"],
  ];
  const neverAllowed: [string, string][] = [
    ["http://0.0.0.0/", "unspecified"],
    ["http://0/", "unspecified, short"],
    ["http://[::]/", "IPv6 unspecified"],
    ["http://169.254.169.254/", "metadata"],
    ["http://2852039166/", "metadata as a decimal"],
    ["http://0xa9fea9fe/", "metadata in hex"],
    ["http://[::ffff:169.254.169.254]/", "IPv4-mapped metadata"],
    ["http://[64:ff9b::a9fe:a9fe]/", "NAT64 of metadata"],
    ["http://[2002:a9fe:a9fe::]/", "6to4 of metadata"],
    ["http://[fd00:ec2::254]/", "AWS IPv6 metadata"],
    ["http://[::127.0.0.1]/", "IPv4-compatible (::/96)"],
    ["http://[::7f00:1]/", "IPv4-compatible loopback in hex"],
    ["http://[::a00:1]/", "IPv4-compatible private"],
    ["http://[::808:808]/", "IPv4-compatible public (::/96 is reserved)"],
    ["http://[64:ff9b::0.0.0.0]/", "NAT64 of unspecified"],
    ["http://metadata.google.internal/", "metadata name"],
  ];

  it.each(refusedUnlessPrivate)("save time refuses %s (%s) unless private targets are allowed", (url) => {
    expect(privateTargetReason(url, false)).toBeTruthy();
    expect(privateTargetReason(url, true)).toBeNull();
  });

  it.each(neverAllowed)("save time refuses %s (%s) even with private targets allowed", (url) => {
    expect(privateTargetReason(url, false)).toBeTruthy();
    expect(privateTargetReason(url, true)).toBeTruthy();
  });

  it.each([
    "https://erp.example/orders",
    "http://8.8.8.8/",
    "http://134744072/",
    "http://[2606:4700:4700::1111]/",
    "http://[64:ff9b::808:808]/",
    "http://[2002:808:808::1]/",
    "http://localhost.example.com/",
  ])("save time allows the public %s", (url) => expect(privateTargetReason(url, false)).toBeNull());

  it.each([
    ["::7f00:1", false],
    ["::a00:1", false],
    ["64:ff9b::7f00:1", false],
    ["2002:7f00:1::1", false],
    ["64:ff9b::a9fe:a9fe", false],
    ["2002:a9fe:a9fe::", false],
    ["64:ff9b::808:808", true],
    ["2002:808:808::1", true],
  ])("send time classifies the resolved address %s the same way (public: %s)", (ip, ok) => {
    expect(checkAddress(ip, false).ok).toBe(ok);
  });

  it("send time: NAT64 / 6to4 of metadata stay refused with private targets allowed; of loopback allowed then", () => {
    expect(checkAddress("64:ff9b::a9fe:a9fe", true).ok).toBe(false);
    expect(checkAddress("2002:a9fe:a9fe::1", true).ok).toBe(false);
    expect(checkAddress("64:ff9b::7f00:1", true).ok).toBe(true);
    expect(checkAddress("::7f00:1", true).ok).toBe(false);
  });

  it("the sender refuses an IPv4-compatible or NAT64 loopback before connecting", async () => {
    const sender = createHttpSender();
    for (const url of ["http://[::127.0.0.1]:9/", "http://[64:ff9b::7f00:1]:9/", "http://[2002:7f00:1::1]:9/"]) {
      const res = await sender.send({
        url,
        method: "POST",
        headers: {},
        body: "{}",
        timeoutMs: 500,
        allowPrivateNetwork: false,
      });
      expect([url, res.error]).toEqual([url, "refused_by_policy"]);
    }
    sender.close();
  });
});

describe("save time: names checked by what they resolve to", () => {
  it("refuses a name resolving to a private address (unless allowed), metadata always; resolves names only", async () => {
    const asked: string[] = [];
    const dns = async (host: string) => (
      asked.push(host),
      host === "intranet.example" ? ["10.0.0.5"] : host === "meta.example" ? ["93.184.216.34", "169.254.169.254"] : []
    );
    const resolved = await resolveTargetNames(dns, [
      "https://intranet.example/x",
      "http://meta.example/",
      "http://10.0.0.1/",
      "http://localhost/",
      "https://nowhere.example/",
      null,
    ]);
    expect(asked.sort()).toEqual(["intranet.example", "meta.example", "nowhere.example"]);
    expect(privateTargetReason("https://intranet.example/x", false, resolved)).toContain(
      "intranet.example resolves to 10.0.0.5",
    );
    expect(privateTargetReason("https://intranet.example/x", true, resolved)).toBeNull();
    expect(privateTargetReason("http://meta.example/", true, resolved)).toContain("cloud metadata");
    expect(privateTargetReason("https://nowhere.example/", false, resolved)).toBeNull();
    expect(await resolveTargetNames(undefined, ["https://intranet.example/x"])).toEqual(new Map());
  });
});
