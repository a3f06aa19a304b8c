// GET /api/openapi.json – the OpenAPI 3.1 document of the whole HTTP API (public, like the API's shape)
import { openApiDocument } from "@/lib/server/openapi";

export function GET(): Response {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=60" } });
}
