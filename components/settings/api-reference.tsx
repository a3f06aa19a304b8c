import { Badge, type Tone } from "@/components/ui/badge";
import { JsonView } from "@/components/ui/json-view";

type Operation = {
  summary?: string;
  "x-signalbox-permission"?: string;
  security?: Record<string, unknown>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema?: unknown }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
};

const METHOD: Record<string, Tone> = { get: "blue", post: "green", patch: "amber", delete: "red" };
/** The first media type's schema and its name (JSON for most; CSV or plain text for uploads and ingest). */
function firstBody(
  content: Record<string, { schema?: unknown }> | undefined,
): { type: string; schema: unknown } | null {
  const entry = content ? Object.entries(content)[0] : undefined;
  return entry ? { type: entry[0], schema: entry[1].schema ?? {} } : null;
}

const WHO: Record<string, string> = {
  session: "console",
  personalToken: "personal token",
  integrationKey: "integration key",
  standardWebhooks: "webhook signature",
};

/** The OpenAPI document, readable: one card per operation with who may call it and what it takes and answers. */
export function ApiReference({
  doc,
}: {
  doc: { info: { title: string }; paths: Record<string, Record<string, Operation>> };
}) {
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
  return (
    <div className="space-y-3">
      {ops.map(({ path, method, op }) => {
        const ok = Object.entries(op.responses).find(([code]) => code.startsWith("2"));
        const body = firstBody(op.requestBody?.content);
        const answer = firstBody(ok?.[1].content);
        return (
          <details
            key={`${method} ${path}`}
            className="rounded-lg border border-slate-200 bg-white"
            data-testid="api-operation"
          >
            <summary className="flex cursor-pointer flex-wrap items-center gap-2 px-4 py-3 text-sm">
              <Badge tone={METHOD[method] ?? "slate"}>{method.toUpperCase()}</Badge>
              <code className="font-mono">{path}</code>
              <span className="text-slate-600">{op.summary}</span>
            </summary>
            <div className="space-y-3 border-t border-slate-100 px-4 py-3 text-sm">
              <p>
                Who:{" "}
                {(op.security ?? [])
                  .map((s) => Object.keys(s).map((k) => WHO[k] ?? k))
                  .flat()
                  .join(" or ") || "anyone"}
                {op["x-signalbox-permission"] ? (
                  <>
                    {" "}
                    · permission <code className="font-mono">{op["x-signalbox-permission"]}</code>
                  </>
                ) : null}
              </p>
              {op.parameters?.length ? (
                <p>
                  Parameters:{" "}
                  {op.parameters.map((p) => `${p.name} (${p.in}${p.required ? ", required" : ""})`).join(", ")}
                </p>
              ) : null}
              <div className="grid grid-cols-1 gap-3 lg:grid-cols-2">
                {body ? (
                  <JsonView
                    label={body.type === "application/json" ? "Body" : `Body (${body.type})`}
                    value={body.schema}
                  />
                ) : null}
                {answer && ok ? (
                  <JsonView
                    label={`Answer ${ok[0]}${answer.type === "application/json" ? "" : ` (${answer.type})`}`}
                    value={answer.schema}
                  />
                ) : null}
              </div>
              <p className="text-xs text-slate-500">
                Errors:{" "}
                {Object.keys(op.responses)
                  .filter((c) => !c.startsWith("2"))
                  .join(", ")}{" "}
                as {"{ error: { code, message, details } }"}
              </p>
            </div>
          </details>
        );
      })}
    </div>
  );
}
