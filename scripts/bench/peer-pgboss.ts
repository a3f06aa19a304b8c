// pg-boss 10.4.2, configured fairly: batch fetching (a batch per fetch, sent
// concurrently) and the shortest polling interval it allows, so it never idles.
import PgBoss from "pg-boss";
import { post } from "./load";

const [connectionString, sinkUrl, concurrency] = process.argv.slice(2);
const boss = new PgBoss({ connectionString, max: 8, supervise: false, schedule: false, migrate: false });
await boss.start();
const workers = Math.max(1, Math.floor(Number(concurrency) / 8));
for (let i = 0; i < workers; i++) {
  await boss.work("deliver", { batchSize: 8, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        const status = await post(`${sinkUrl}/pgboss`, JSON.stringify(job.data), {});
        if (status !== 200) throw new Error(`sink answered ${status}`);
      }),
    );
  });
}
process.send?.("ready");
process.on("SIGTERM", () => void boss.stop({ graceful: false }).then(() => process.exit(0)));
