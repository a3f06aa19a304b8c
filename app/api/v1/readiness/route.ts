// GET /api/v1/readiness – every integration's readiness
import { readinessBoardEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const GET = handle(readinessBoardEndpoint);
