// GET /api/v1/jobs/:id – a bulk job's progress
import { getJobEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const GET = handle(getJobEndpoint);
