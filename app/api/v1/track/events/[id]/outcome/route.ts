// POST /api/v1/track/events/:id/outcome – a tracked workflow reports the outcome
import { trackOutcomeEndpoint } from "@/lib/server/api/track";
import { handleIntegration } from "@/lib/server/integration-route";

export const POST = handleIntegration(trackOutcomeEndpoint);
