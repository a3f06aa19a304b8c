// POST /api/v1/integrations/:slug/go-live – take it live behind the readiness gate (admin)
import { goLiveEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const POST = handle(goLiveEndpoint);
