// The worker's job registry parses each payload once with its kind's schema: a valid job's handler runs with the
// parsed value; a job whose payload does not parse is completed as dropped — gone from the queue, one log line, one
// audit entry — instead of being retried forever.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { userActor } from "@/lib/core/auth/sign-in";
import type { Ctx } from "@/lib/core/context";
import type { Sender } from "@/lib/core/delivery/sender";
import { getJob, startBulk } from "@/lib/core/exceptions/bulk";
import { runJob } from "@/lib/core/jobs/registry";
import type { Store } from "@/lib/db/client";
import { tokensByRole } from "./helpers/api";
import { useGlobalStore } from "./helpers/pipeline";
import { freshStore, testContext } from "./helpers/store";

let store: Store;
let ctx: Ctx;
let admin: Ctx;
const sender = {} as Sender; // neither job kind here sends anything
const deps = { sender, workerId: "registry-test" };

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store);
  const { ids } = await tokensByRole(store, ctx, "registry");
  admin = testContext(store, userActor((await ctx.repos.users.findById(ids.admin))!, "token"));
});
afterAll(() => store.close());

async function claimOne() {
  const [job] = await ctx.repos.dispatch.claim(deps.workerId, 1, 60_000, new Date());
  expect(job).toBeDefined();
  return job!;
}

describe("job registry", () => {
  it("hands a valid job's handler its parsed payload (the bulk job runs to its end)", async () => {
    const { jobId } = await startBulk({ ctx: admin, input: { action: "discard", ids: ["nope"], reason: "test" } });
    expect(await runJob(ctx, await claimOne(), deps)).toBe("delivered");
    // its one item names no exception, so it is counted failed: the handler found the job by the parsed jobId
    expect(await getJob({ ctx: admin, id: jobId })).toMatchObject({ status: "failed", total: 1, failed: 1 });
  });

  it("drops a job whose payload does not parse: completed, one log line, audited", async () => {
    await ctx.repos.queue.enqueue({ kind: "bulk", payload: { jobId: 42 }, runAt: new Date(Date.now() - 1_000) });
    const job = await claimOne();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      expect(await runJob(ctx, job, deps)).toBe("dropped");
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toBe(
        `[signalbox worker] job ${job.id} dropped: payload does not match the bulk job at jobId: Invalid input: expected string, received number`,
      );
    } finally {
      warn.mockRestore();
    }
    expect(await store.db.queueJob.count({ where: { id: job.id } })).toBe(0);
    const entries = await store.db.auditEntry.findMany({ where: { action: "job.parked", objectId: job.id } });
    expect(entries).toHaveLength(1);
    expect(entries[0]!.reason).toContain("at jobId");
  });
});
