// POST /api/v1/jobs/:id/cancel – stop a bulk job
import { cancelJobEndpoint } from "@/lib/server/api/exceptions";
import { handle } from "@/lib/server/route";

export const POST = handle(cancelJobEndpoint);
