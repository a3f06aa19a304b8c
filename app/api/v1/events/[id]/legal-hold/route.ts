// POST /api/v1/events/:id/legal-hold – admin: keep an event whatever retention says, or release it (reason required)
import { legalHoldEndpoint } from "@/lib/server/api/events";
import { handle } from "@/lib/server/route";

export const POST = handle(legalHoldEndpoint);
