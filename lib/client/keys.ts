// One react-query key factory per resource; mutations invalidate through these.

export const userKeys = {
  all: ["users"] as const,
  list: () => [...userKeys.all, "list"] as const,
};

export const tokenKeys = {
  all: ["tokens"] as const,
  list: () => [...tokenKeys.all, "list"] as const,
};

export const integrationKeys = {
  all: ["integrations"] as const,
  list: () => [...integrationKeys.all, "list"] as const,
  detail: (slug: string) => [...integrationKeys.all, "detail", slug] as const,
};

export const auditKeys = {
  all: ["audit"] as const,
  list: (filters: object) => [...auditKeys.all, "list", filters] as const,
};

export const settingsKeys = {
  all: ["settings"] as const,
  auditWebhook: () => [...settingsKeys.all, "audit-webhook"] as const,
  retention: () => [...settingsKeys.all, "retention"] as const,
  store: () => [...settingsKeys.all, "store"] as const,
};

export const eventKeys = {
  all: ["events"] as const,
  list: (filters: object) => [...eventKeys.all, "list", filters] as const,
  detail: (id: string) => [...eventKeys.all, "detail", id] as const,
  brief: (id: string) => [...eventKeys.all, "detail", id, "brief"] as const,
};

export const exceptionKeys = {
  all: ["exceptions"] as const,
  list: (filters: object) => [...exceptionKeys.all, "list", filters] as const,
  groups: (filters: object) => [...exceptionKeys.all, "groups", filters] as const,
  detail: (id: string) => [...exceptionKeys.all, "detail", id] as const,
};

export const jobKeys = {
  all: ["jobs"] as const,
  detail: (id: string) => [...jobKeys.all, id] as const,
};

export const contractKeys = {
  all: ["contracts"] as const,
  list: (slug: string) => [...contractKeys.all, slug] as const,
};

export const keyKeys = {
  all: ["integration-keys"] as const,
  list: (slug: string) => [...keyKeys.all, slug] as const,
};

export const readinessKeys = {
  all: ["readiness"] as const,
  board: () => [...readinessKeys.all, "board"] as const,
  detail: (slug: string) => [...readinessKeys.all, slug] as const,
};

export const driftKeys = {
  all: ["drift"] as const,
  detail: (slug: string, version: number) => [...driftKeys.all, slug, version] as const,
};

export const reconciliationKeys = {
  all: ["reconciliations"] as const,
  list: (slug: string) => [...reconciliationKeys.all, "list", slug] as const,
  detail: (id: string) => [...reconciliationKeys.all, id] as const,
  findings: (id: string, kind?: string) => [...reconciliationKeys.all, id, "findings", kind ?? "all"] as const,
};

export const kpiKeys = {
  all: ["kpis"] as const,
  query: (q: object) => [...kpiKeys.all, q] as const,
};

export const alertKeys = {
  all: ["alerts"] as const,
  list: (filters: object) => [...alertKeys.all, "list", filters] as const,
};

export const healthKeys = {
  readiness: ["health", "readiness"] as const,
};
