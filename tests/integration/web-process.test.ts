// The web process as `npm start` runs it (scripts/serve.ts, built console), stopped with SIGTERM in the middle of a
// burst of ingest (issue 13 item 1): it stops taking connections, answers the requests in flight once their batch
// has committed, and exits 0. No request gets a 5xx, and every 202 has its committed event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "@/lib/db/client";
import { startApp, type AppProcess } from "./helpers/app-process";
import { makeRelay, order } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let app: AppProcess | undefined;

beforeAll(async () => {
  store = await freshStore();
});
afterAll(async () => {
  await app?.stop();
  await store.close();
});

describe("the web process on SIGTERM", () => {
  it("drains: requests in flight are answered after their commit, none gets a 5xx, every 202 is stored", async () => {
    const relay = await makeRelay(testContext(store), "http://127.0.0.1:9", {
      rateLimit: { perSecond: 100_000, burst: 100_000 },
    });
    app = await startApp(store);
    const exited = new Promise<number | null>((resolve) => app!.child.on("exit", (code) => resolve(code)));
    const answers: { status: number; id?: string }[] = [];
    const refused: string[] = [];
    let sent = 0;
    let stop = false;
    const lanes = Array.from({ length: 16 }, async (_, lane) => {
      for (let i = 0; !stop; i++) {
        sent++;
        try {
          const res = await fetch(`${app!.url}/api/ingest/${relay.slug}`, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${relay.key}` },
            body: JSON.stringify(order(`W-${lane}-${i}`)),
          });
          const body = (await res.json().catch(() => ({}))) as { id?: string };
          answers.push({ status: res.status, id: body.id });
        } catch (error) {
          // After the listener closed: the connection is refused or reset before a request was taken. Not an answer.
          refused.push((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
          stop = true;
        }
      }
    });
    while (answers.length < 300) await new Promise((r) => setTimeout(r, 5));
    process.kill(-app.child.pid!, "SIGTERM");
    const code = await exited;
    stop = true;
    await Promise.all(lanes);

    expect(code, app.output.join("")).toBe(0);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
    const accepted = answers.filter((a) => a.status === 202).map((a) => a.id!);
    expect(accepted.length).toBeGreaterThanOrEqual(300);
    expect(accepted.length + refused.length).toBeLessThanOrEqual(sent);
    const stored = await store.db.event.count({ where: { integrationId: relay.integrationId } });
    expect(stored).toBe(accepted.length);
    const found = await store.db.event.findMany({
      where: { integrationId: relay.integrationId },
      select: { id: true },
    });
    expect(new Set(found.map((e) => e.id))).toEqual(new Set(accepted));
    app = undefined;
  }, 120_000);
});
