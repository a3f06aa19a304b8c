// GET /api/v1/tokens – your tokens · POST /api/v1/tokens – create one (shown once)
import { createTokenEndpoint, listTokensEndpoint } from "@/lib/server/api/tokens";
import { handle } from "@/lib/server/route";

export const GET = handle(listTokensEndpoint);
export const POST = handle(createTokenEndpoint);
