// POST /api/v1/reconciliations/:id/upload?side=source|target – stream ids in (CSV, text or JSON)
import { uploadIdsEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const POST = handle(uploadIdsEndpoint);
