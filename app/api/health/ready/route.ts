// GET /api/health/ready – readiness: store reachable, schema current (200, else 503), and the newest worker
// check-in (reported, not required). No auth; says nothing private.
import { checkReadiness } from "@/lib/server/health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const readiness = await checkReadiness();
  return Response.json(readiness, {
    status: readiness.status === "ready" ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
}
