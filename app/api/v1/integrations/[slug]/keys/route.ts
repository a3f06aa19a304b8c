// GET /api/v1/integrations/:slug/keys – list · POST – create one, shown once (admin)
import { createKeyEndpoint, listKeysEndpoint } from "@/lib/server/api/integration-parts";
import { handle } from "@/lib/server/route";

export const GET = handle(listKeysEndpoint);
export const POST = handle(createKeyEndpoint);
