// Any /api address that matches no endpoint: the API's own structured 404 (never the console's HTML).
import { DomainError } from "@/lib/core/errors";
import { errorResponse } from "@/lib/server/http-errors";

const answer = (req: Request) =>
  errorResponse(
    new DomainError(
      "not_found",
      "not_found",
      `There is no endpoint at ${new URL(req.url).pathname}. The endpoints are listed in /api/openapi.json.`,
    ),
  );

export { answer as GET, answer as POST, answer as PUT, answer as PATCH, answer as DELETE };
