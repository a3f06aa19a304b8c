// POST /api/v1/track/events/:id/stages – a tracked workflow reports a stage
import { trackStageEndpoint } from "@/lib/server/api/track";
import { handleIntegration } from "@/lib/server/integration-route";

export const POST = handleIntegration(trackStageEndpoint);
