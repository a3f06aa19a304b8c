// GET /api/v1/exceptions/groups – the queue grouped by cause
import { exceptionGroupsEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const GET = handle(exceptionGroupsEndpoint);
