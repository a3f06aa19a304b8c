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

export const eventKeys = {
  all: ["events"] as const,
  list: (filters: object) => [...eventKeys.all, "list", filters] as const,
  detail: (id: string) => [...eventKeys.all, "detail", id] as const,
};
