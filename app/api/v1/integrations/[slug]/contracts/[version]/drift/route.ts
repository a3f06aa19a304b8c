// GET /api/v1/integrations/:slug/contracts/:version/drift – drift seen on a version
import { contractDriftEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const GET = handle(contractDriftEndpoint);
