import { listAudit, ZAuditQuery } from "@/lib/core/audit/list-audit";
import { exportAudit, ZAuditExportQuery } from "@/lib/core/audit/export-audit";
import { ZAuditPage, ZAuditView } from "@/lib/core/audit/schemas";
import { endpoint, ZStreamed } from "../endpoint";

export const listAuditEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/audit",
  summary: "Audit entries, newest first (filter by actor, object type:id, time)",
  action: "audit.read",
  query: ZAuditQuery,
  response: ZAuditPage,
  run: ({ ctx, query }) => listAudit({ ctx, input: query }),
});

export const exportAuditEndpoint = endpoint({
  method: "GET",
  path: "/api/v1/audit/export",
  summary:
    "The audit log of a period (≤ 366 days) as NDJSON, one entry per line in the list's shape, oldest first, streamed; admin only; the export is itself audited",
  action: "audit.export",
  query: ZAuditExportQuery,
  response: ZStreamed,
  produces: "application/x-ndjson",
  lines: ZAuditView,
  run: async ({ ctx, query }) => {
    const { filename, pieces } = await exportAudit({ ctx, input: query });
    return { headers: { "content-disposition": `attachment; filename="${filename}"` }, pieces };
  },
});
