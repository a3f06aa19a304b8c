// Issue 11 item 11: a nonce-based Content-Security-Policy that forbids framing,
// and Secure cookies whenever the console's public URL is https — the latter
// read from the Set-Cookie next-auth's real route handler answers with.
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy, newNonce, publicUrl, usesHttps } from "@/lib/server/security-headers";

describe("Content-Security-Policy", () => {
  it("runs scripts only with this request's nonce, forbids framing, objects and foreign form targets", () => {
    const nonce = newNonce();
    const csp = contentSecurityPolicy({ nonce, https: true });
    const directives = Object.fromEntries(
      csp.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]),
    );
    expect(directives["script-src"]).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval'`);
    expect(directives["frame-ancestors"]).toBe("'none'");
    expect(directives["object-src"]).toBe("'none'");
    expect(directives["base-uri"]).toBe("'self'");
    expect(directives["form-action"]).toBe("'self'");
    expect(directives["default-src"]).toBe("'self'");
    expect("upgrade-insecure-requests" in directives).toBe(true);
    expect(contentSecurityPolicy({ nonce, https: false })).not.toContain("upgrade-insecure-requests");
    // Ajv compiles schemas to functions in the browser (live contract checks): eval stays open to running code only.
    expect(contentSecurityPolicy({ nonce, https: false })).toContain("'unsafe-eval'");
  });

  it("a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });

  it("the public URL is SIGNALBOX_PUBLIC_URL, else NEXTAUTH_URL", () => {
    expect(publicUrl({ SIGNALBOX_PUBLIC_URL: "https://a.example", NEXTAUTH_URL: "http://b.example" })).toBe(
      "https://a.example",
    );
    expect(publicUrl({ NEXTAUTH_URL: "https://b.example" })).toBe("https://b.example");
    expect(publicUrl({})).toBeNull();
    expect([
      usesHttps("https://a.example"),
      usesHttps("HTTPS://a.example"),
      usesHttps("http://a.example"),
      usesHttps(null),
    ]).toEqual([true, true, false, false]);
  });
});

describe("cookies", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
    vi.resetModules();
  });

  /** The Set-Cookie lines next-auth's own handler answers a CSRF token request with, under our options. */
  async function csrfCookies(env: Record<string, string | undefined>): Promise<string[]> {
    vi.resetModules();
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    const { authOptions } = await import("@/lib/server/auth-options");
    const { default: NextAuth } = await import("next-auth");
    const host = new URL(env.SIGNALBOX_PUBLIC_URL ?? env.NEXTAUTH_URL ?? "http://localhost:3000").host;
    // next-auth's Node-style handler (the App Router one needs Next's request scope); the answer is recorded as sent.
    const sent = { status: 0, headers: {} as Record<string, string | string[]> };
    const res = {
      status: (code: number) => ((sent.status = code), res),
      getHeader: (name: string) => sent.headers[name.toLowerCase()],
      setHeader: (name: string, value: string | string[]) => ((sent.headers[name.toLowerCase()] = value), res),
      send: () => res,
      json: () => res,
      end: () => res,
    };
    const req = { method: "GET", query: { nextauth: ["csrf"] }, cookies: {}, headers: { host }, body: {} };
    await (NextAuth as unknown as (req: unknown, res: unknown, options: unknown) => Promise<unknown>)(
      req,
      res,
      authOptions(),
    );
    expect(sent.status).toBe(200);
    const cookies = sent.headers["set-cookie"] ?? [];
    return Array.isArray(cookies) ? cookies : [cookies];
  }

  it("are Secure (with __Host- / __Secure- names) when the public URL is https", async () => {
    const cookies = await csrfCookies({ SIGNALBOX_PUBLIC_URL: "https://console.example", NEXTAUTH_URL: undefined });
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) {
      expect(c).toMatch(/^__(Host|Secure)-next-auth\./);
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
    }
  });

  it("follow NEXTAUTH_URL when SIGNALBOX_PUBLIC_URL is not set", async () => {
    const cookies = await csrfCookies({ SIGNALBOX_PUBLIC_URL: undefined, NEXTAUTH_URL: "https://console.example" });
    for (const c of cookies) expect(c).toMatch(/;\s*Secure/i);
  });

  it("are not Secure on a plain-http console (a browser would drop them)", async () => {
    const cookies = await csrfCookies({ SIGNALBOX_PUBLIC_URL: "http://127.0.0.1:3000", NEXTAUTH_URL: undefined });
    expect(cookies.length).toBeGreaterThan(0);
    for (const c of cookies) expect(c).not.toMatch(/;\s*Secure/i);
  });
});
