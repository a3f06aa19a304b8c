// POST /api/v1/reconciliations/:id/exceptions – open exceptions for findings
import { findingExceptionsEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const POST = handle(findingExceptionsEndpoint);
