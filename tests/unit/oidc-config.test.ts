// Single sign-on settings are checked at start: one plain line per problem, never a secret's value.
import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { authOptions } from "@/lib/server/auth-options";
import { oidcProvider, signInOptions } from "@/lib/server/oidc";

const BASE = { SIGNALBOX_SECRET: "test-secret-0123456789abcdef" };
const FULL = {
  ...BASE,
  SIGNALBOX_OIDC_ISSUER: "https://id.example.com/realms/ops",
  SIGNALBOX_OIDC_CLIENT_ID: "signalbox",
  SIGNALBOX_OIDC_CLIENT_SECRET: "s3cret-value-never-shown",
  SIGNALBOX_OIDC_ROLE_MAP: "sbx-admins=admin,sbx-ops=ops",
};

const problems = (source: Record<string, string>) => {
  const parsed = parseEnv(source);
  return "problems" in parsed ? parsed.problems : [];
};

describe("single sign-on configuration", () => {
  it("is off by default, with password sign-in on", () => {
    const parsed = parseEnv(BASE);
    if (!("env" in parsed)) throw new Error(parsed.problems.join("\n"));
    expect(parsed.env.SIGNALBOX_OIDC_ISSUER).toBeUndefined();
    expect(parsed.env).toMatchObject({
      SIGNALBOX_OIDC_NAME: "Single sign-on",
      SIGNALBOX_OIDC_ROLE_CLAIM: "groups",
      SIGNALBOX_OIDC_PASSWORDS: "on",
    });
  });

  it("accepts a complete configuration and treats empty values as unset", () => {
    expect(problems(FULL)).toEqual([]);
    expect(problems({ ...BASE, SIGNALBOX_OIDC_ISSUER: "", SIGNALBOX_OIDC_NAME: "" })).toEqual([]);
  });

  it("names each missing piece when the issuer is set", () => {
    expect(problems({ ...BASE, SIGNALBOX_OIDC_ISSUER: "https://id.example.com" })).toEqual([
      "SIGNALBOX_OIDC_CLIENT_ID: is required when SIGNALBOX_OIDC_ISSUER is set",
      "SIGNALBOX_OIDC_CLIENT_SECRET: is required when SIGNALBOX_OIDC_ISSUER is set",
      "SIGNALBOX_OIDC_ROLE_MAP: is required when SIGNALBOX_OIDC_ISSUER is set (e.g. sbx-admins=admin,sbx-ops=ops)",
    ]);
  });

  it("gives one line per mistake in the role map", () => {
    expect(problems({ ...FULL, SIGNALBOX_OIDC_ROLE_MAP: "sbx-admins=root,sbx-ops" })).toEqual([
      'SIGNALBOX_OIDC_ROLE_MAP: "sbx-admins=root": role must be admin, ops or manager',
      'SIGNALBOX_OIDC_ROLE_MAP: "sbx-ops" has no "=role" (expected value=role)',
    ]);
  });

  it("refuses client settings without an issuer, and passwords off with no other way in", () => {
    expect(problems({ ...BASE, SIGNALBOX_OIDC_CLIENT_ID: "signalbox", SIGNALBOX_OIDC_PASSWORDS: "off" })).toEqual([
      "SIGNALBOX_OIDC_CLIENT_ID: is set but SIGNALBOX_OIDC_ISSUER is not (single sign-on needs the issuer)",
      "SIGNALBOX_OIDC_PASSWORDS: off would leave no way to sign in; set SIGNALBOX_OIDC_ISSUER too",
    ]);
  });

  it("reports a bad issuer or switch together with the other problems, and never prints the secret", () => {
    const lines = problems({
      ...FULL,
      SIGNALBOX_SECRET: "short",
      SIGNALBOX_OIDC_ISSUER: "not a url",
      SIGNALBOX_OIDC_PASSWORDS: "maybe",
      SIGNALBOX_OIDC_ROLE_MAP: "x",
    });
    expect(lines.map((l) => l.split(":")[0])).toEqual([
      "SIGNALBOX_SECRET",
      "SIGNALBOX_OIDC_ISSUER",
      "SIGNALBOX_OIDC_PASSWORDS",
      "SIGNALBOX_OIDC_ROLE_MAP",
    ]);
    expect(lines.join("\n")).not.toContain("s3cret-value-never-shown");
  });
});

describe("what the console offers", () => {
  const env = (source: Record<string, string>) => {
    const parsed = parseEnv(source);
    if (!("env" in parsed)) throw new Error(parsed.problems.join("\n"));
    return parsed.env;
  };
  const providers = (source: Record<string, string>) => authOptions(env(source)).providers.map((p) => p.id);

  it("offers passwords only by default", () => {
    expect(signInOptions(env(BASE))).toEqual({ singleSignOn: null, passwords: true });
    expect(providers(BASE)).toEqual(["credentials"]);
  });

  it("offers both when single sign-on is configured, under its name", () => {
    expect(signInOptions(env({ ...FULL, SIGNALBOX_OIDC_NAME: "Okta" }))).toEqual({
      singleSignOn: "Okta",
      passwords: true,
    });
    expect(providers(FULL)).toEqual(["oidc", "credentials"]);
  });

  it("drops password sign-in altogether (not just the form) when SIGNALBOX_OIDC_PASSWORDS=off", () => {
    const off = { ...FULL, SIGNALBOX_OIDC_PASSWORDS: "off" };
    expect(signInOptions(env(off))).toEqual({ singleSignOn: "Single sign-on", passwords: false });
    expect(providers(off)).toEqual(["oidc"]);
  });

  it("uses next-auth's OpenID Connect client with discovery, the ID token, PKCE and state", () => {
    const provider = oidcProvider(env({ ...FULL, SIGNALBOX_OIDC_ISSUER: "https://id.example.com/realms/ops/" }));
    expect(provider).toMatchObject({
      id: "oidc",
      type: "oauth",
      wellKnown: "https://id.example.com/realms/ops/.well-known/openid-configuration",
      clientId: "signalbox",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });
});
