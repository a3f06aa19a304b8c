import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES, type Action } from "@/lib/core/permissions";

describe("role → action table", () => {
  it("gives managers read actions only (plus their own tokens)", () => {
    const managerActions = (Object.keys(PERMISSIONS) as Action[]).filter((a) => can("manager", a));
    expect(managerActions.filter((a) => !a.endsWith(".read") && a !== "tokens.own")).toEqual([]);
    expect(managerActions).toContain("kpis.read");
    expect(managerActions).toContain("events.read");
  });

  it("lets ops act on exceptions and pause integrations, but not configure", () => {
    expect(can("ops", "exceptions.act")).toBe(true);
    expect(can("ops", "integrations.pause")).toBe(true);
    for (const action of [
      "integrations.write",
      "contracts.approve",
      "users.write",
      "events.redeliver",
      "integrations.keys",
    ] as const) {
      expect(can("ops", action)).toBe(false);
    }
  });

  it("lets admins do every action", () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) expect(can("admin", action)).toBe(true);
  });

  it("names only known roles in every row", () => {
    for (const roles of Object.values(PERMISSIONS)) for (const role of roles) expect(ROLES).toContain(role);
  });

  it.each([
    ["manager", "exceptions.act", false],
    ["manager", "users.read", true],
    ["ops", "users.write", false],
    ["admin", "events.redeliver", true],
    ["ops", "events.redeliver", false],
  ] as const)("%s may %s: %s", (role, action, expected) => {
    expect(can(role, action)).toBe(expected);
  });
});
