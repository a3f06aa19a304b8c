// GET /api/v1/audit/export – the audit log of a period as streamed NDJSON (admin only)
import { exportAuditEndpoint } from "@/lib/server/api/audit";
import { handle } from "@/lib/server/route";

export const GET = handle(exportAuditEndpoint);
