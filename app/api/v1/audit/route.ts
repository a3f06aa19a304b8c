// GET /api/v1/audit – audit entries, newest first, keyset-paginated
import { listAuditEndpoint } from "@/lib/server/api/audit";
import { handle } from "@/lib/server/route";

export const GET = handle(listAuditEndpoint);
