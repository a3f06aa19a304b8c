// POST /api/v1/integrations/:slug/readiness/confirm – confirm a check by hand (admin)
import { confirmCheckEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const POST = handle(confirmCheckEndpoint);
