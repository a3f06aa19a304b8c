// GET /api/v1/integrations/:slug/readiness – the seven pre-launch checks
import { readinessEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const GET = handle(readinessEndpoint);
