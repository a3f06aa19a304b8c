// DELETE /api/v1/tokens/:id – revoke one of your tokens
import { revokeTokenEndpoint } from "@/lib/server/api/tokens";
import { handle } from "@/lib/server/route";

export const DELETE = handle(revokeTokenEndpoint);
