// POST /api/v1/integrations/:slug/resume – release held deliveries (ops, admin)
import { resumeIntegrationEndpoint } from "@/lib/server/api/integrations";
import { handle } from "@/lib/server/route";

export const POST = handle(resumeIntegrationEndpoint);
