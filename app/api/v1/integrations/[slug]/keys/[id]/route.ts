// DELETE /api/v1/integrations/:slug/keys/:id – revoke an API key (admin)
import { revokeKeyEndpoint } from "@/lib/server/api/integration-parts";
import { handle } from "@/lib/server/route";

export const DELETE = handle(revokeKeyEndpoint);
