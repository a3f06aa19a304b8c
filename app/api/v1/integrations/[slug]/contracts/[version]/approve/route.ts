// POST /api/v1/integrations/:slug/contracts/:version/approve – approve a draft (admin; not your own breaking change)
import { approveContractEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const POST = handle(approveContractEndpoint);
