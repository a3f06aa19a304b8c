import { listAudit, ZAuditQuery } from "@/lib/core/audit/list-audit";
import { ZAuditPage } from "@/lib/core/audit/schemas";
import { endpoint } from "../endpoint";

export const listAuditEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/audit",
  summary: "Audit entries, newest first (filter by actor, object type:id, time)",
  action: "audit.read",
  query: ZAuditQuery,
  response: ZAuditPage,
  run: ({ ctx, query }) => listAudit({ ctx, input: query }),
});
