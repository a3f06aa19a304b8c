// Single sign-on roles: which Signalbox role a provider's claim grants (pure).
// SIGNALBOX_OIDC_ROLE_MAP is "value=role,value=role"; the highest mapped role wins.
import { ROLES, type Role } from "../permissions";

export type RoleMap = ReadonlyMap<string, Role>;

/** Highest first: admin outranks ops outranks manager. */
const RANK: readonly Role[] = ["admin", "ops", "manager"];

/** Parse a role map; every mistake is one plain line (the value's text, never anything secret). */
export function parseRoleMap(text: string): { ok: true; map: RoleMap } | { ok: false; problems: string[] } {
  const map = new Map<string, Role>();
  const problems: string[] = [];
  for (const raw of text.split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const at = entry.lastIndexOf("=");
    if (at < 0) {
      problems.push(`"${entry}" has no "=role" (expected value=role)`);
      continue;
    }
    const value = entry.slice(0, at).trim();
    const role = entry.slice(at + 1).trim();
    if (!value) {
      problems.push(`"${entry}" names no value before "="`);
    } else if (!(ROLES as readonly string[]).includes(role)) {
      problems.push(`"${entry}": role must be ${ROLES.slice(0, -1).join(", ")} or ${ROLES.at(-1)}`);
    } else if (map.has(value) && map.get(value) !== role) {
      problems.push(`"${value}" is mapped twice (${map.get(value)} and ${role})`);
    } else {
      map.set(value, role as Role);
    }
  }
  if (problems.length === 0 && map.size === 0)
    problems.push("names no group (expected value=role, e.g. sbx-admins=admin,sbx-ops=ops)");
  return problems.length ? { ok: false, problems } : { ok: true, map };
}

/**
 * The string values of a claim: a string is one value, an array gives its strings. A name with dots that is not
 * itself a claim is followed as a path (e.g. Keycloak's `realm_access.roles`). Own properties only.
 */
export function claimValues(claims: Record<string, unknown>, name: string): string[] {
  let value: unknown = Object.hasOwn(claims, name) ? claims[name] : undefined;
  if (value === undefined && name.includes(".")) {
    value = claims;
    for (const part of name.split(".")) {
      value =
        value !== null && typeof value === "object" && Object.hasOwn(value, part)
          ? (value as Record<string, unknown>)[part]
          : undefined;
    }
  }
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}

/** The highest role any value of the claim maps to, or null (no mapped value: sign-in is refused). */
export function roleFromClaims(claims: Record<string, unknown>, claimName: string, map: RoleMap): Role | null {
  const granted = new Set(claimValues(claims, claimName).map((v) => map.get(v)));
  return RANK.find((role) => granted.has(role)) ?? null;
}
