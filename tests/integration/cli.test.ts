// The `signalbox` command line end to end: the real web process (scripts/serve.ts) and a real worker process on this
// run's store (SQLite or PostgreSQL), a local sink as the destinations, and the CLI run as a child process the way
// `npx signalbox` runs it. Integrations and the CLI's token are created through the generated client.
import { execFile, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSignalboxClient, ok, type SignalboxClient } from "@/packages/client/index";
import type { Store } from "@/lib/db/client";
import { tokensByRole } from "./helpers/api";
import { startApp, type AppProcess } from "./helpers/app-process";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";
import { killHard, spawnWorker, type WorkerProcess } from "./helpers/worker-process";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "packages/cli/bin/signalbox.mjs");

let store: Store;
let app: AppProcess;
let worker: WorkerProcess;
let good: Sink;
let bad: Sink;
let client: SignalboxClient;
let token: string;
let dir: string;

function cli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, SIGNALBOX_URL: app.url, SIGNALBOX_TOKEN: token, ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

const file = (name: string, value: unknown) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, JSON.stringify(value));
  return p;
};

async function relay(slug: string, sink: Sink) {
  return ok(
    client.POST("/api/v1/integrations", {
      body: {
        slug,
        name: `CLI ${slug}`,
        mode: "relay",
        sourceSystem: "Shop",
        targetSystem: "ERP",
        destination: { url: `${sink.url}/orders`, allowPrivateNetwork: true, timeoutMs: 2_000 },
        retryPolicy: { maxAttempts: 1, initialDelayMs: 50, maxDelayMs: 200, multiplier: 2, maxAgeMs: 60_000 },
        contract: { schema: { type: "object", required: ["order"] }, idempotencyKeyPaths: ["/order/id"] },
      },
    }),
  );
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sbx-cli-"));
  store = await freshStore();
  const admin = (await tokensByRole(store, testContext(store), "cli")).tokens.admin;
  [good, bad] = await Promise.all([startSink(), startSink()]);
  bad.fallback = { status: 400, body: '{"error":"no"}' };
  [app, worker] = await Promise.all([startApp(store, 240_000), Promise.resolve(spawnWorker(store))]);
  await worker.ready;
  client = createSignalboxClient({ baseUrl: app.url, token: admin });
  token = (await ok(client.POST("/api/v1/tokens", { body: { name: "command line" } }))).token;
}, 300_000);

afterAll(async () => {
  if (worker) killHard(worker);
  await app?.stop();
  await Promise.all([good?.close(), bad?.close()]);
  await store?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("signalbox CLI against a running app", () => {
  let slug: string;
  let eventId: string;
  let key: string;

  it("send signs a record; tail --until-delivered exits 0; events get shows it delivered", async () => {
    const created = await relay("cli-orders", good);
    slug = created.integration.slug;
    key = created.ingestKey.key;
    const sent = await cli(["send", slug, file("order.json", { order: { id: "A-1", total: 3 } })], {
      SIGNALBOX_INGEST_SECRET: created.ingestSecret,
    });
    expect(sent.stderr).toBe("");
    expect(sent.code).toBe(0);
    const [id, status] = sent.stdout.trim().split(" ");
    expect(status).toBe("received");
    eventId = id!;

    const tail = await cli(["tail", "--integration", slug, "--until-delivered", eventId, "--interval", "200"]);
    expect(tail.code).toBe(0);
    expect(tail.stderr).toContain(`${eventId} delivered`);
    expect(good.requests.some((r) => JSON.parse(r.body).order?.id === "A-1")).toBe(true);

    const shown = await cli(["events", "get", eventId]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/status\s+succeeded/);
    expect(shown.stdout).toMatch(/delivered\s+1\s+succeeded/);
    const raw = JSON.parse((await cli(["events", "get", eventId, "--json"])).stdout);
    expect(raw.event).toMatchObject({ id: eventId, status: "succeeded", payload: { order: { id: "A-1" } } });
  }, 120_000);

  it("a failing destination: tail exits 1, exceptions list shows it, retry delivers it", async () => {
    const created = await relay("cli-failing", bad);
    const viaFile = await cli(
      ["send", created.integration.slug, file("bad.json", { order: { id: "B-1" } }), "--idempotency-key", "b-1"],
      { SIGNALBOX_INGEST_KEY: created.ingestKey.key },
    );
    expect(viaFile.code).toBe(0);
    const id = viaFile.stdout.split(" ")[0]!;
    const tail = await cli(["tail", "--until-delivered", id, "--interval", "200"]);
    expect(tail.code).toBe(1);
    expect(tail.stderr).toContain(`${id} failed`);

    const list = await cli(["exceptions", "list", "--integration", created.integration.slug]);
    expect(list.code).toBe(0);
    const row = list.stdout.split("\n").find((l) => l.includes(id));
    expect(row).toMatch(/permanent/);
    const exceptionId = row!.split(/\s+/)[0]!;

    bad.fallback = { status: 200, body: "{}" };
    const retry = await cli(["exceptions", "retry", exceptionId]);
    expect(retry.code).toBe(0);
    expect(retry.stdout).toContain(`retrying: event ${id} processing`);
    expect((await cli(["tail", "--until-delivered", id, "--interval", "200"])).code).toBe(0);
    const after = await cli(["exceptions", "list", "--integration", created.integration.slug, "--json"]);
    expect(JSON.parse(after.stdout).items).toEqual([]);
  }, 120_000);

  it("tail prints each new event as it arrives, one line: time, integration, status, id", async () => {
    const child = spawn(process.execPath, [BIN, "tail", "--integration", slug, "--interval", "200"], {
      cwd: ROOT,
      env: { ...process.env, SIGNALBOX_URL: app.url, SIGNALBOX_TOKEN: token },
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    try {
      await new Promise((r) => setTimeout(r, 2_500)); // the tail has read where the list stands
      const sent = await cli(["send", slug, file("order2.json", { order: { id: "A-2" } })], {
        SIGNALBOX_INGEST_KEY: key,
      });
      const id = sent.stdout.split(" ")[0]!;
      const until = Date.now() + 15_000;
      while (!stdout.includes(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(stdout).toMatch(new RegExp(`^\\S+Z  ${slug}  \\w+  ${id}$`, "m"));
      expect(stdout).not.toContain(eventId); // only events that arrived after it started
      expect((await cli(["tail", "--until-delivered", id, "--interval", "200"])).code).toBe(0);
    } finally {
      child.kill("SIGINT");
    }
  }, 60_000);

  it("redeliver lists the matching events, then delivers each again with --yes", async () => {
    const before = good.requests.length;
    const run = await cli([
      "redeliver",
      "--integration",
      slug,
      "--status",
      "succeeded",
      "--yes",
      "--reason",
      "ERP restore",
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("2 event(s) of cli-orders match");
    expect(run.stderr).toContain("redelivered 2, refused 0");
    await good.waitFor(before + 2);
    const refused = await cli(["redeliver", "--integration", slug]);
    expect(refused.code).toBe(2); // not a terminal and no --yes
    // The statuses offered are the API's own (read from its OpenAPI document), not a copy.
    const unknown = await cli(["redeliver", "--integration", slug, "--status", "done"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--status must be one of received, processing, retrying, succeeded, failed");
  }, 60_000);

  it("track start / stage / outcome report a tracked integration's work", async () => {
    const created = await ok(
      client.POST("/api/v1/integrations", {
        body: {
          slug: "cli-tracked",
          name: "CLI tracked",
          mode: "tracked",
          sourceSystem: "Inbox",
          targetSystem: "Accounting",
          contract: { schema: { type: "object", required: ["invoice"] } },
        },
      }),
    );
    const env = { SIGNALBOX_INGEST_KEY: created.ingestKey.key };
    const start = await cli(
      [
        "track",
        "start",
        "cli-tracked",
        file("inv.json", { invoice: 7 }),
        "--correlation-id",
        "c-7",
        "--idempotency-key",
        "inv-7",
      ],
      env,
    );
    expect(start.code).toBe(0);
    const id = start.stdout.split(" ")[0]!;
    expect((await cli(["track", "stage", id, "book", "started"], env)).code).toBe(0);
    expect((await cli(["track", "stage", id, "book", "succeeded"], env)).code).toBe(0);
    const outcome = await cli(["track", "outcome", id, "success"], env);
    expect(outcome.code).toBe(0);
    const raw = JSON.parse((await cli(["events", "get", id, "--json"])).stdout);
    expect(raw.event).toMatchObject({ status: "succeeded", correlationId: "c-7", idempotencyKey: "inv-7" });
    expect(raw.stages.map((s: { stage: string; status: string }) => `${s.stage}:${s.status}`)).toContain(
      "book:succeeded",
    );
    const wrong = await cli(["track", "stage", id, "book", "done"], env);
    expect(wrong.code).toBe(2);
  }, 60_000);

  it("audit export streams NDJSON of the period", async () => {
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 60_000).toISOString();
    const run = await cli(["audit", "export", "--from", from, "--to", to]);
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { action: string });
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.map((l) => l.action)).toContain("integration.create");
  }, 60_000);

  it("errors: a bad token is one line and exit 1; a usage mistake exits 2 with the usage", async () => {
    const denied = await cli(["events", "get", "whatever"], { SIGNALBOX_TOKEN: "sbx_pat_not-a-real-token" });
    expect(denied.code).toBe(1);
    expect(denied.stderr.trim().split("\n")).toHaveLength(1);
    expect(denied.stderr).toMatch(/^signalbox: .+ \(unauthorized, HTTP 401\)$/m);
    const usage = await cli(["send"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("Usage: signalbox send");
  }, 30_000);
});
