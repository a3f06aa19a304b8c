// POST /api/v1/integrations/:slug/pause – hold deliveries (ops, admin)
import { pauseIntegrationEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(pauseIntegrationEndpoint);
