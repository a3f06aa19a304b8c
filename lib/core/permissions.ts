// Who may do what: the role → action table, kept as data. Every route handler
// names one action and the route wrapper checks it here.

export const ROLES = ["admin", "ops", "manager"] as const;
export type Role = (typeof ROLES)[number];

const everyone = ["admin", "ops", "manager"] as const satisfies readonly Role[];
const operators = ["admin", "ops"] as const satisfies readonly Role[];
const admins = ["admin"] as const satisfies readonly Role[];

export const PERMISSIONS = {
  "events.read": everyone,
  "events.redeliver": admins,
  "exceptions.read": everyone,
  "exceptions.act": operators,
  "jobs.read": everyone,
  "jobs.cancel": operators,
  "integrations.read": everyone,
  "integrations.write": admins,
  "integrations.pause": operators,
  "integrations.go_live": admins,
  "integrations.keys": admins,
  "contracts.read": everyone,
  "contracts.write": admins,
  "contracts.approve": admins,
  "reconciliation.read": everyone,
  "reconciliation.run": operators,
  "kpis.read": everyone,
  "alerts.read": everyone,
  "alerts.act": operators,
  "audit.read": everyone,
  "audit.export": admins,
  "settings.audit_webhook": admins,
  "settings.read": everyone,
  "settings.retention": admins,
  "events.legal_hold": admins,
  "events.erase": admins,
  "metrics.read": everyone,
  "users.read": everyone,
  "users.write": admins,
  "tokens.own": everyone,
  "tokens.manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Actions that change state; a manager holds none of them. */
export function isReadOnlyAction(action: Action): boolean {
  return action.endsWith(".read");
}
