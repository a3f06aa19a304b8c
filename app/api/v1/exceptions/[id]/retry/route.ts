// POST /api/v1/exceptions/:id/retry – redeliver the stored payload (ops, admin)
import { retryExceptionEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(retryExceptionEndpoint);
