// POST /api/ingest/:slug – accept a record for a relay integration (API.md §1)
import { fromRequest, toResponse } from "@/lib/server/inbound";
import { handleIngest } from "@/lib/server/ingest";

export async function POST(req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  return toResponse(await handleIngest(fromRequest(req), (await ctx.params).slug));
}
