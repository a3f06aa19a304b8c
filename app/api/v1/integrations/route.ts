// GET /api/v1/integrations – list · POST /api/v1/integrations – create (admin)
import { createIntegrationEndpoint, listIntegrationsEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const GET = handle(listIntegrationsEndpoint);
export const POST = handle(createIntegrationEndpoint);
