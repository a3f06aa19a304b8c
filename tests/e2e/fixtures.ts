// Test-owned integrations and a destination the test controls, so the browser
// flows do not depend on the demo destination's random failures.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { apiFromPage } from "./helpers";

export interface TestSink {
  url: string;
  hits: { path: string; body: string; headers: http.IncomingHttpHeaders }[];
  /** answer the next N requests with this status, then 200 */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

export async function startTestSink(): Promise<TestSink> {
  let failing = 0;
  let failStatus = 500;
  const hits: TestSink["hits"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      hits.push({ path: req.url ?? "", body: Buffer.concat(chunks).toString(), headers: req.headers });
      const status = failing > 0 ? (failing--, failStatus) : 200;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(status === 200 ? '{"ok":true}' : '{"error":"refused by the test"}');
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    failNext(count, status) {
      failing = count;
      failStatus = status;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Create a relay integration as the signed-in admin; returns its API key. */
export async function createRelay(page: Page, slug: string, sinkUrl: string, triageOwner?: string): Promise<string> {
  const res = await apiFromPage(page, "POST", "/api/v1/integrations", {
    slug,
    name: `Test ${slug}`,
    mode: "relay",
    sourceSystem: "Test shop",
    targetSystem: "Test ERP",
    destination: { url: `${sinkUrl}/${slug}`, allowPrivateNetwork: true, timeoutMs: 3_000 },
    retryPolicy: { maxAttempts: 2, initialDelayMs: 200, maxDelayMs: 500, multiplier: 2, maxAgeMs: 60_000 },
    owners: triageOwner ? { triage: triageOwner } : undefined,
    runbook: "Fix the record and **replay** it.",
    contract: {
      schema: {
        type: "object",
        required: ["id", "total"],
        properties: { id: { type: "string" }, total: { type: "number", minimum: 0 } },
      },
      idempotencyKeyPaths: ["/id"],
    },
  });
  if (res.status !== 201) throw new Error(`could not create ${slug}: ${JSON.stringify(res.body)}`);
  return res.body.ingestKey.key as string;
}

export async function ingest(page: Page, slug: string, key: string, record: unknown) {
  const res = await page.request.post(`/api/ingest/${slug}`, {
    data: record,
    headers: { authorization: `Bearer ${key}` },
  });
  return { status: res.status(), body: await res.json() };
}
