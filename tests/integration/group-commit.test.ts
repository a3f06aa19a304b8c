// Group commit (issue 12): arrivals in flight together are written in one transaction, with exactly the semantics
// of one-at-a-time arrivals, and nobody is answered 2xx for a row that was not committed.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/core/context";
import type { Store } from "@/lib/db/client";
import { arrivalStats } from "@/lib/db/hot/group-commit";
import {
  eventually,
  ingest,
  makeRelay,
  order,
  startWorker,
  useGlobalStore,
  waitForEvent,
  type Relay,
} from "./helpers/pipeline";
import { startSink } from "./helpers/sink";
import { freshStore, provider, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let relay: Relay;

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  relay = await makeRelay(ctx, "http://127.0.0.1:9", { rateLimit: { perSecond: 10_000, burst: 10_000 } });
});
afterAll(() => store.close());

/** A store-side fault: every Event insert whose payload mentions `word` fails (a trigger, so the database refuses it). */
async function failInsertsMentioning(word: string | null) {
  if (provider === "sqlite") {
    await store.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "sbx_fault"`);
    if (word)
      await store.db.$executeRawUnsafe(
        `CREATE TRIGGER "sbx_fault" BEFORE INSERT ON "Event" WHEN NEW."payload" LIKE '%${word}%' BEGIN SELECT RAISE(ABORT, 'injected fault'); END`,
      );
    return;
  }
  await store.db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "sbx_fault" ON "Event"`);
  if (!word) return;
  await store.db.$executeRawUnsafe(
    `CREATE OR REPLACE FUNCTION sbx_fault() RETURNS trigger AS $$ BEGIN IF NEW."payload"::text LIKE '%${word}%' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
  );
  await store.db.$executeRawUnsafe(
    `CREATE TRIGGER "sbx_fault" BEFORE INSERT ON "Event" FOR EACH ROW EXECUTE FUNCTION sbx_fault()`,
  );
}
afterEach(() => failInsertsMentioning(null));

const parallel = <T>(n: number, make: (i: number) => Promise<T>) =>
  Promise.all(Array.from({ length: n }, (_, i) => make(i)));

describe("group commit", () => {
  it("writes arrivals in flight together in shared transactions, keeping one-at-a-time semantics inside a batch", async () => {
    const before = arrivalStats();
    const answers = await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => ingest(relay.slug, order(`GC-${i}`), { key: relay.key })),
      // the same key twice: one event and one counted duplicate
      ingest(relay.slug, order("GC-TWICE"), { key: relay.key }),
      ingest(relay.slug, order("GC-TWICE"), { key: relay.key }),
      // two versions of one entity: the guard keeps the higher
      ingest(relay.slug, order("GC-ENT", 2), { key: relay.key }),
      ingest(relay.slug, order("GC-ENT", 1), { key: relay.key }),
      // a contract violation rejects only its own record
      ingest(relay.slug, { order: { id: "GC-BAD", version: 1, total: -5 } }, { key: relay.key }),
    ]);
    const after = arrivalStats();
    expect(after.largest).toBeGreaterThan(1); // batched, not one transaction per record
    expect(after.batches - before.batches).toBeLessThan(answers.length);

    expect(answers.slice(0, 40).every((a) => a.status === 202)).toBe(true);
    expect(
      answers
        .slice(40, 42)
        .map((a) => a.status)
        .sort(),
    ).toEqual([200, 202]);
    expect(answers[40]!.body.id).toBe(answers[41]!.body.id);
    const twice = await store.db.event.findFirstOrThrow({
      where: { integrationId: relay.integrationId, entityKey: "GC-TWICE" },
    });
    expect(twice.duplicateCount).toBe(1);
    expect(await store.db.event.count({ where: { integrationId: relay.integrationId, entityKey: "GC-TWICE" } })).toBe(
      1,
    );

    const entity = await store.db.entityVersion.findUniqueOrThrow({
      where: { integrationId_entityKey: { integrationId: relay.integrationId, entityKey: "GC-ENT" } },
    });
    expect(entity.version).toBe(2);
    const versions = await store.db.event.findMany({
      where: { integrationId: relay.integrationId, entityKey: "GC-ENT" },
    });
    expect(versions).toHaveLength(2);
    const queued = await store.db.queueJob.findMany({ where: { eventId: { in: versions.map((v) => v.id) } } });
    expect(queued.map((j) => j.eventId)).toContain(entity.eventId);

    expect(answers[44]!.status).toBe(422);
    expect(answers[44]!.body.error?.code).toBe("contract_violation");
    const bad = await store.db.event.findUniqueOrThrow({ where: { id: answers[44]!.body.id! } });
    expect(bad.status).toBe("rejected");
    expect(await store.db.exception.count({ where: { eventId: bad.id, status: "open" } })).toBe(1);
    for (const a of answers.slice(0, 40))
      expect(await store.db.queueJob.count({ where: { eventId: a.body.id! } })).toBe(1);
  });

  it("a batch the store refuses answers no 2xx: every record in it fails with a 5xx and nothing is written", async () => {
    await failInsertsMentioning("GC-FAULT");
    const answers = await parallel(20, (i) => ingest(relay.slug, order(`GC-FAULT-${i}`), { key: relay.key }));
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(500));
    expect(answers.every((a) => a.body.error?.code === "internal_error")).toBe(true);
    expect(
      await store.db.event.count({
        where: { integrationId: relay.integrationId, entityKey: { startsWith: "GC-FAULT" } },
      }),
    ).toBe(0);
  });

  it("one faulty record in a batch fails alone: its neighbours are retried on their own and answered only once committed", async () => {
    await failInsertsMentioning("GC-POISON");
    const before = arrivalStats();
    const answers = await parallel(30, (i) =>
      ingest(relay.slug, order(i === 7 ? "GC-POISON" : `GC-OK-${i}`), { key: relay.key }),
    );
    expect(arrivalStats().fallbacks).toBeGreaterThan(before.fallbacks);
    expect(answers[7]!.status).toBe(500);
    for (const [i, a] of answers.entries()) {
      if (i === 7) continue;
      expect(a.status).toBe(202);
      expect(await store.db.event.findUnique({ where: { id: a.body.id! } })).not.toBeNull();
    }
    expect(await store.db.event.count({ where: { integrationId: relay.integrationId, entityKey: "GC-POISON" } })).toBe(
      0,
    );
  });
});

describe("batched delivery", () => {
  it(
    "records deliveries that finish together in shared statements, each once, only while its lease is held",
    {
      timeout: 60_000,
    },
    async () => {
      const sink = await startSink();
      // Generous timeouts and attempts: this test is about batching, and a loaded machine (other test files run
      // processes meanwhile) may stall the in-process sink past a short timeout.
      const target = await makeRelay(ctx, sink.url, {
        rateLimit: { perSecond: 10_000, burst: 10_000 },
        destination: { url: `${sink.url}/orders`, allowPrivateNetwork: true, timeoutMs: 10_000 },
        retryPolicy: { maxAttempts: 8, initialDelayMs: 50, maxDelayMs: 500, multiplier: 2, maxAgeMs: 120_000 },
      });
      await store.db.queueJob.deleteMany({}); // earlier tests' undeliverable records are not this test's business
      // A backlog first, so the worker claims a full round and the deliveries finish together.
      const answers = await parallel(40, (i) => ingest(target.slug, order(`BD-${i}`), { key: target.key }));
      const before = arrivalStats("completions");
      const worker = await startWorker(ctx, store, { concurrency: 16 });
      try {
        const events = await Promise.all(
          answers.map((a) => waitForEvent(ctx, a.body.id!, (e) => e.status === "succeeded", 50_000)),
        );
        expect(arrivalStats("completions").largest).toBeGreaterThan(1);
        expect(arrivalStats("completions").batches - before.batches).toBeLessThan(40);
        // (a slow moment on a busy machine may time an attempt out and retry it: a failed attempt is a stage of its own,
        // and still exactly one succeeded delivered stage each)
        expect(events.filter((e) => e.completedAt === null)).toEqual([]);
        const stages = await store.db.stageRun.groupBy({
          by: ["eventId"],
          where: { eventId: { in: events.map((e) => e.id) }, stage: "delivered", status: "succeeded" },
          _count: true,
        });
        expect(stages.map((st) => st._count)).toEqual(Array(40).fill(1));
        expect(await store.db.queueJob.count({ where: { eventId: { in: events.map((e) => e.id) } } })).toBe(0);
        expect(new Set(sink.requests.map((r) => JSON.parse(r.body).externalId)).size).toBe(40);
      } finally {
        await worker.stop();
        await sink.close();
      }
    },
  );
});

describe("one event write per delivery", () => {
  it("a claim leases the job and leaves the event row alone; the lease is what counts as an attempt under way", async () => {
    await store.db.queueJob.deleteMany({});
    const answer = await ingest(relay.slug, order("CLAIM-1"), { key: relay.key });
    const arrived = (await ctx.repos.events.findById(answer.body.id!))!;
    const now = new Date();
    const [job] = await ctx.repos.dispatch.claim("claim-test", 10, 60_000, now);
    expect(job?.eventId).toBe(arrived.id);
    const claimed = (await ctx.repos.events.findById(arrived.id))!;
    // not written at all: same status and the same updatedAt (an update of the event would move it)
    expect([claimed.status, claimed.updatedAt.getTime()]).toEqual(["received", arrived.updatedAt.getTime()]);
    expect(await ctx.repos.metrics.inFlight(now)).toEqual([{ integrationId: relay.integrationId, count: 1 }]);
    await ctx.repos.dispatch.release("claim-test", [job!.id]);
    expect(await ctx.repos.metrics.inFlight(now)).toEqual([]);
    expect((await ctx.repos.events.findById(arrived.id))!.status).toBe("received");
  });
});

describe("jobs claimed ahead", () => {
  it("a stopping worker gives back at once the jobs it claimed ahead but did not start; those in flight finish", async () => {
    const sink = await startSink();
    sink.fallback = { status: 200, delayMs: 400 };
    const target = await makeRelay(ctx, sink.url, { rateLimit: { perSecond: 10_000, burst: 10_000 } });
    await store.db.queueJob.deleteMany({});
    const answers = await parallel(10, (i) => ingest(target.slug, order(`CA-${i}`), { key: target.key }));
    const ids = answers.map((a) => a.body.id!);
    const worker = await startWorker(ctx, store, { concurrency: 2, workerId: "ahead-worker" });
    try {
      // 2 in flight and 2 claimed ahead
      await eventually(
        async () =>
          (await store.db.queueJob.count({ where: { eventId: { in: ids }, lockedBy: "ahead-worker" } })) === 4,
      );
      await eventually(async () => sink.requests.length === 2);
    } finally {
      await worker.stop();
    }
    expect(sink.requests.length).toBe(2); // nothing new started while stopping
    const jobs = await store.db.queueJob.findMany({ where: { eventId: { in: ids } } });
    expect(jobs).toHaveLength(8);
    expect(jobs.every((j) => j.lockedBy === null && j.lockedUntil === null && j.attempt === 0)).toBe(true);
    const waiting = await store.db.event.findMany({ where: { id: { in: jobs.map((j) => j.eventId!) } } });
    expect(waiting.every((e) => e.status === "received")).toBe(true);
    expect(await store.db.event.count({ where: { id: { in: ids }, status: "succeeded" } })).toBe(2);
    await sink.close();
  });
});

describe("kill -9 of the web process during a burst", () => {
  it("loses no acknowledged record: every 202 has its committed event", async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const url = store.provider === "sqlite" ? `file:${store.target.url}` : store.target.url;
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      [path.join(import.meta.dirname, "helpers/lean-process.ts")],
      {
        cwd: root,
        env: { ...process.env, DATABASE_URL: url, PORT: String(port), SIGNALBOX_INGEST_BATCH_WAIT_MS: "2" },
        stdio: ["ignore", "pipe", "inherit"],
        detached: true,
      },
    );
    await new Promise<void>((resolve) =>
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("lean ready") && resolve()),
    );
    const acknowledged: string[] = [];
    let sent = 0;
    const stopAt = Date.now() + 10_000;
    let killed = false;
    const send = async () => {
      while (!killed && Date.now() < stopAt) {
        const i = sent++;
        const res = await fetch(`http://127.0.0.1:${port}/api/ingest/${relay.slug}`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${relay.key}` },
          body: JSON.stringify(order(`KILL-${i}`)),
        }).catch(() => null);
        if (res?.status === 202) acknowledged.push(((await res.json()) as { id: string }).id);
      }
    };
    const senders = Array.from({ length: 16 }, send);
    // Kill once the burst is well under way.
    while (acknowledged.length < 150 && Date.now() < stopAt) await new Promise((r) => setTimeout(r, 5));
    process.kill(-child.pid!, "SIGKILL");
    killed = true;
    await Promise.all(senders);
    expect(acknowledged.length).toBeGreaterThanOrEqual(150);
    const found = await store.db.event.count({ where: { id: { in: acknowledged } } });
    expect(found).toBe(acknowledged.length);
    const jobs = await store.db.queueJob.count({ where: { eventId: { in: acknowledged } } });
    expect(jobs).toBe(acknowledged.length);
  });
});

describe("the hot paths stay off transactions", () => {
  it("inside ctx.transaction the ingest, dispatch and attempts repositories refuse, naming the call", async () => {
    await expect(ctx.transaction(async (tx) => tx.repos.ingest.integrationById("x"))).rejects.toThrow(
      /repos\.ingest\.integrationById writes on its own connection and cannot run inside a transaction/,
    );
    await expect(ctx.transaction(async (tx) => tx.repos.dispatch.nextDueAt())).rejects.toThrow(
      /repos\.dispatch\.nextDueAt/,
    );
    await expect(ctx.repos.dispatch.nextDueAt()).resolves.toBeDefined(); // outside a transaction it works
  });
});

describe("what a batch carries", () => {
  it("awkward text in records goes through a batch and its delivery unchanged (quotes, backslashes, braces, NULL, emoji)", async () => {
    const sink = await startSink();
    const answerBody = JSON.stringify({ ok: 'a "quoted" \\ back\\slash, {NULL} 🚚' });
    sink.fallback = { status: 200, body: answerBody };
    const target = await makeRelay(ctx, sink.url, { rateLimit: { perSecond: 10_000, burst: 10_000 } });
    const notes = [
      'a "quoted" word',
      "back\\slash \\\\ and \\u0041",
      "{braces}, [brackets], commas",
      "NULL",
      "",
      "line\nbreak\ttab",
      "grüße 日本 🚚",
      "'single' and `back`",
    ];
    const answers = await parallel(notes.length, (i) =>
      ingest(target.slug, order(`AWK-${i}`, 1, { note: notes[i] }), { key: target.key }),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(notes.length).fill(202));
    for (const [i, a] of answers.entries()) {
      const event = (await ctx.repos.events.findById(a.body.id!))!;
      expect(event.payload).toEqual(order(`AWK-${i}`, 1, { note: notes[i] }));
    }
    const worker = await startWorker(ctx, store);
    try {
      for (const a of answers) await waitForEvent(ctx, a.body.id!, (e) => e.status === "succeeded");
    } finally {
      await worker.stop();
      await sink.close();
    }
    // The contract's mapping keeps the id and the total; each delivery's stage keeps the target's answer as it came.
    const sent = sink.requests.map((r) => JSON.parse(r.body) as { externalId: string }).map((b) => b.externalId);
    expect(sent.sort()).toEqual(notes.map((_, i) => `AWK-${i}`).sort());
    const delivered = await store.db.stageRun.findMany({
      where: { eventId: { in: answers.map((a) => a.body.id!) }, stage: "delivered" },
    });
    expect(delivered).toHaveLength(notes.length);
    for (const stage of delivered)
      expect((stage.detail as { response: { body: string } }).response.body).toBe(answerBody);
  });
});
