// GET /api/v1/reconciliations/:id – status and findings per kind
import { getReconciliationEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const GET = handle(getReconciliationEndpoint);
