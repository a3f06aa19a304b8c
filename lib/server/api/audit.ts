import { z } from "zod";
import { listAudit, ZAuditQuery, ZAuditView } from "@/lib/core/audit/list-audit";
import { endpoint } from "../endpoint";

export const listAuditEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/audit",
  summary: "Audit entries, newest first (filter by actor, object type:id, time)",
  action: "audit.read",
  query: ZAuditQuery,
  response: z.object({ items: z.array(ZAuditView), nextCursor: z.string().nullable() }),
  run: ({ ctx, query }) => listAudit({ ctx, input: query }),
});
