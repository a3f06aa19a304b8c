// POST /api/v1/integrations/:slug/restore – bring an archived integration back (admin)
import { restoreIntegrationEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(restoreIntegrationEndpoint);
