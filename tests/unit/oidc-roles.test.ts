import { describe, expect, it } from "vitest";
import { claimValues, parseRoleMap, roleFromClaims } from "@/lib/core/auth/oidc-roles";

const MAP = "sbx-admins=admin,sbx-ops=ops,sbx-managers=manager";

describe("parseRoleMap", () => {
  it("reads group=role pairs, trimming spaces and skipping empty entries", () => {
    const parsed = parseRoleMap(" sbx-admins = admin , sbx-ops=ops,, sbx-managers=manager ,");
    expect(parsed).toEqual({
      ok: true,
      map: new Map([
        ["sbx-admins", "admin"],
        ["sbx-ops", "ops"],
        ["sbx-managers", "manager"],
      ]),
    });
  });

  it("splits at the last '=' so a value may itself contain one", () => {
    const parsed = parseRoleMap("cn=sbx-ops=ops");
    expect(parsed.ok && [...parsed.map]).toEqual([["cn=sbx-ops", "ops"]]);
  });

  it.each([
    ["", ["names no group (expected value=role, e.g. sbx-admins=admin,sbx-ops=ops)"]],
    ["sbx-admins", ['"sbx-admins" has no "=role" (expected value=role)']],
    ["sbx-admins=root", ['"sbx-admins=root": role must be admin, ops or manager']],
    ["=admin", ['"=admin" names no value before "="']],
    ["a=admin,a=ops", ['"a" is mapped twice (admin and ops)']],
    ["x,y=boss", ['"x" has no "=role" (expected value=role)', '"y=boss": role must be admin, ops or manager']],
  ])("refuses %j with one problem per mistake", (text, problems) => {
    expect(parseRoleMap(text)).toEqual({ ok: false, problems });
  });

  it("accepts the same pair twice", () => {
    expect(parseRoleMap("a=ops,a=ops").ok).toBe(true);
  });
});

describe("claimValues", () => {
  it("takes a string as one value and an array's strings as values", () => {
    expect(claimValues({ groups: "sbx-ops" }, "groups")).toEqual(["sbx-ops"]);
    expect(claimValues({ groups: ["a", 7, "b", null] }, "groups")).toEqual(["a", "b"]);
  });

  it("follows a dotted path when there is no claim of that exact name", () => {
    const claims = { realm_access: { roles: ["sbx-admins"] }, "dotted.name": "x" };
    expect(claimValues(claims, "realm_access.roles")).toEqual(["sbx-admins"]);
    expect(claimValues(claims, "dotted.name")).toEqual(["x"]);
  });

  it("gives nothing for a missing or odd claim", () => {
    expect(claimValues({}, "groups")).toEqual([]);
    expect(claimValues({ groups: { a: 1 } }, "groups")).toEqual([]);
    expect(claimValues({ groups: 3 }, "groups")).toEqual([]);
    expect(claimValues({ a: "x" }, "a.b")).toEqual([]);
    expect(claimValues({ __proto__: { groups: ["sbx-admins"] } } as never, "groups")).toEqual([]);
  });
});

describe("roleFromClaims", () => {
  const parsed = parseRoleMap(MAP);
  if (!parsed.ok) throw new Error("map");
  const { map } = parsed;

  it.each([
    [["sbx-ops"], "ops"],
    [["sbx-managers"], "manager"],
    [["sbx-managers", "sbx-admins", "sbx-ops"], "admin"],
    [["sbx-managers", "sbx-ops"], "ops"],
    [["other", "sbx-managers"], "manager"],
    ["sbx-admins", "admin"],
  ])("maps %j to %s (highest role wins)", (groups, role) => {
    expect(roleFromClaims({ groups }, "groups", map)).toBe(role);
  });

  it("gives null when no value is mapped (sign-in is refused)", () => {
    expect(roleFromClaims({ groups: ["other"] }, "groups", map)).toBeNull();
    expect(roleFromClaims({ groups: [] }, "groups", map)).toBeNull();
    expect(roleFromClaims({}, "groups", map)).toBeNull();
  });

  it("matches values exactly (case and spaces count)", () => {
    expect(roleFromClaims({ groups: ["SBX-OPS", " sbx-ops"] }, "groups", map)).toBeNull();
  });

  it("reads the configured claim only", () => {
    expect(roleFromClaims({ roles: ["sbx-admins"], groups: ["sbx-ops"] }, "roles", map)).toBe("admin");
  });
});
