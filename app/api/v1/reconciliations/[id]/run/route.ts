// POST /api/v1/reconciliations/:id/run – compare the uploads with the events
import { runReconciliationEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const POST = handle(runReconciliationEndpoint);
