// GET /api/v1/integrations/:slug – one integration · PATCH – change it (admin)
import { getIntegrationEndpoint, patchIntegrationEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const GET = handle(getIntegrationEndpoint);
export const PATCH = handle(patchIntegrationEndpoint);
