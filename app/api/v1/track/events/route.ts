// POST /api/v1/track/events – a tracked workflow reports an event (API.md §3)
import { trackEventEndpoint } from "@/lib/server/api/track";
import { handleIntegration } from "@/lib/server/integration-route";

export const POST = handleIntegration(trackEventEndpoint);
