// GET /api/v1/events – events newest first, filtered, keyset-paginated
import { listEventsEndpoint } from "@/lib/server/api/events";
import { handle } from "@/lib/server/route";

export const GET = handle(listEventsEndpoint);
