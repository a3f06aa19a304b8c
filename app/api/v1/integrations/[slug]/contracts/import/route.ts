// POST /api/v1/integrations/:slug/contracts/import – import a JSON Schema file as a draft (admin)
import { importContractEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const POST = handle(importContractEndpoint);
