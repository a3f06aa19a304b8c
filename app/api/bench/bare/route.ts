// POST /api/bench/bare – the framework baseline for `npm run bench` (reads and
// parses the body, answers 202). Exists only when SIGNALBOX_BENCH=1.
export async function POST(req: Request): Promise<Response> {
  if (process.env.SIGNALBOX_BENCH !== "1")
    return Response.json({ error: { code: "not_found", message: "Not found." } }, { status: 404 });
  const body = JSON.parse(await req.text()) as unknown;
  return Response.json(
    { id: "bare", status: "received", duplicate: false, size: JSON.stringify(body).length },
    { status: 202 },
  );
}
