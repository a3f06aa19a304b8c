// GET /api/v1/events/:id – the process view of one event
import { getEventEndpoint } from "@/lib/server/api/events";
import { handle } from "@/lib/server/route";

export const GET = handle(getEventEndpoint);
