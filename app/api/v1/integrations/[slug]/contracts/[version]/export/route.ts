// GET /api/v1/integrations/:slug/contracts/:version/export – a version as a JSON Schema file
import { exportContractEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const GET = handle(exportContractEndpoint);
