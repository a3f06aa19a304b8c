// POST /api/v1/integrations/:slug/self-test – the idempotency self-test (admin)
import { selfTestEndpoint } from "@/lib/server/api/governance";
import { handle } from "@/lib/server/route";

export const POST = handle(selfTestEndpoint);
