// GET /api/v1/exceptions – the exception queue, filtered, keyset-paginated
import { listExceptionsEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const GET = handle(listExceptionsEndpoint);
