// GET /api/v1/exceptions/:id – one exception, open or closed (ops, admin, manager)
import { getExceptionEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const GET = handle(getExceptionEndpoint);
