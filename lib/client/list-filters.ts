// What a list page's URL means, in one place: the page reads it on the server to
// hand the first page of data along, the list component reads it in the browser,
// and both arrive at the same filters (and so the same query key).

export type SearchParamsLike = Record<string, string | string[] | undefined> | URLSearchParams;

const read = (params: SearchParamsLike, key: string): string | undefined => {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  const one = Array.isArray(value) ? value[0] : value;
  return one ? one : undefined;
};

export const EXCEPTION_URL_KEYS = [
  "status",
  "assignee",
  "integration",
  "category",
  "pastSla",
  "group",
  "selected",
] as const;
export const EVENT_URL_KEYS = ["integration", "status", "q", "correlationId", "from", "to"] as const;

export function exceptionFiltersFrom(params: SearchParamsLike) {
  return {
    status: read(params, "status") ?? "open",
    assignee: read(params, "assignee"),
    integration: read(params, "integration"),
    category: read(params, "category"),
    pastSla: read(params, "pastSla"),
    group: read(params, "group"),
  };
}

export function eventFiltersFrom(params: SearchParamsLike) {
  return Object.fromEntries(
    EVENT_URL_KEYS.map((k) => [k, read(params, k)]).filter(([, v]) => v !== undefined),
  ) as Partial<Record<(typeof EVENT_URL_KEYS)[number], string>>;
}

export const AUDIT_URL_KEYS = ["actor", "object", "from", "to"] as const;

export function auditFiltersFrom(params: SearchParamsLike) {
  return Object.fromEntries(
    AUDIT_URL_KEYS.map((k) => [k, read(params, k)]).filter(([, v]) => v !== undefined),
  ) as Partial<Record<(typeof AUDIT_URL_KEYS)[number], string>>;
}

export const alertsTabFrom = (params: SearchParamsLike): "open" | "resolved" =>
  read(params, "status") === "resolved" ? "resolved" : "open";
