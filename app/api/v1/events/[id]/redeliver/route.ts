// POST /api/v1/events/:id/redeliver – admin: deliver again, even a succeeded event (reason required)
import { redeliverEndpoint } from "@/lib/server/api/events";
import { handle } from "@/lib/server/route";

export const POST = handle(redeliverEndpoint);
