// GET /api/v1/integrations/:slug/contracts – versions · POST – add a draft (admin)
import { createContractEndpoint, listContractsEndpoint } from "@/lib/server/api/integration-parts";
import { handle } from "@/lib/server/route";

export const GET = handle(listContractsEndpoint);
export const POST = handle(createContractEndpoint);
