// GET /api/v1/integrations/:slug/reconciliations – recent ones · POST – start one (ops, admin)
import { listReconciliationsEndpoint, startReconciliationEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const GET = handle(listReconciliationsEndpoint);
export const POST = handle(startReconciliationEndpoint);
