// POST /api/v1/integrations/:slug/secrets/rotate – new signing secret, old one in grace (admin)
import { rotateSecretEndpoint } from "@/lib/server/api/integration-parts";
import { handle } from "@/lib/server/route";

export const POST = handle(rotateSecretEndpoint);
