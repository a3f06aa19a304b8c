// GET /api/v1/reconciliations/:id/findings – the findings, keyset-paginated
import { findingsEndpoint } from "@/lib/server/api/reconciliation";
import { handle } from "@/lib/server/route";

export const GET = handle(findingsEndpoint);
