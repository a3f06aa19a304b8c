// GET /api/v1/alerts – alerts with their runbooks (every role)
import { listAlertsEndpoint } from "@/lib/server/api/alerts";
import { handle } from "@/lib/server/route";

export const GET = handle(listAlertsEndpoint);
