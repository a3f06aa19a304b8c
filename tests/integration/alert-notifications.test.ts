// Alert notifications leave through the worker's real channels: a signed
// generic webhook and a Slack-compatible webhook to a local HTTP server, and
// email to a local SMTP server started here.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateAlerts } from "@/lib/core/alerts/evaluate";
import type { Ctx } from "@/lib/core/context";
import type { JobOutcome } from "@/lib/core/delivery/process-job";
import { runJob } from "@/lib/core/jobs/registry";
import { verifyWebhook } from "@/lib/core/security/webhook-signature";
import type { Store } from "@/lib/db/client";
import { createHttpSender } from "@/lib/worker/http-sender";
import { createMailer } from "@/lib/worker/mailer";
import { makeRelay, useGlobalStore } from "./helpers/pipeline";
import { seedEvent, seedException } from "./helpers/seed";
import { startSink, type Sink } from "./helpers/sink";
import { freshStore, testContext } from "./helpers/store";

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

let store: Store;
let ctx: Ctx;
let sink: Sink;
let smtp: SMTPServer;
let smtpUrl: string;
const mails: Mail[] = [];
let smtpAnswer: { code: number; message: string } | null = null;
// Real time: receivers check a signature's timestamp against their own clock.
const clock = { now: new Date() };
const sender = createHttpSender();

/** Quoted-printable soft line breaks and escapes undone, so assertions read the text as sent. */
const plain = (raw: string) =>
  raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

beforeAll(async () => {
  store = await freshStore();
  useGlobalStore(store);
  ctx = testContext(store, undefined, clock);
  sink = await startSink();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (smtpAnswer) {
          const error = Object.assign(new Error(smtpAnswer.message), { responseCode: smtpAnswer.code });
          smtpAnswer = null;
          return done(error);
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  sender.close();
  await sink.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await store.close();
});

/** Run every due notification job once, as the worker would; the outcomes by kind. */
async function drain(
  mailer = createMailer(smtpUrl, "Signalbox <alerts@signalbox.test>"),
): Promise<Record<string, JobOutcome[]>> {
  const jobs = await ctx.repos.dispatch.claim("test-worker", 20, 60_000, clock.now);
  const outcomes: Record<string, JobOutcome[]> = {};
  for (const job of jobs)
    (outcomes[job.kind] ??= []).push(await runJob(ctx, job, { sender, workerId: "test-worker", mailer }));
  mailer.close();
  return outcomes;
}

describe("alert notifications", () => {
  it("reach a signed generic webhook, a Slack-compatible webhook and email, when firing and when resolved", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      runbook: "1. Check the ERP status page.\n2. Page the ERP on-call.",
      alertThresholds: {
        backlogMax: 1,
        notify: {
          webhookUrl: `${sink.url}/generic`,
          slackUrl: `${sink.url}/slack`,
          email: ["oncall@example.com", "lead@example.com"],
        },
      },
    });
    await ctx.repos.integrations.update(relay.integrationId, { lifecycle: "live", liveAt: clock.now }, clock.now);
    const exceptions = [];
    for (let k = 0; k < 2; k++) {
      const e = await seedEvent(store, relay.integrationId, {
        received: clock.now,
        status: "failed",
        completed: clock.now,
      });
      exceptions.push(
        await seedException(store, relay.integrationId, e.id, {
          opened: clock.now,
          dueAt: new Date(clock.now.getTime() + 3_600_000),
        }),
      );
    }
    await evaluateAlerts(ctx, { consoleUrl: "https://signalbox.example" });
    const alert = await store.db.alert.findFirstOrThrow({ where: { integrationId: relay.integrationId } });

    expect(await drain()).toEqual({ notify: ["delivered", "delivered"], email: ["delivered"] });
    const generic = sink.requests.find((r) => r.url === "/generic")!;
    expect(JSON.parse(generic.body).signalbox).toMatchObject({
      type: "alert.firing",
      alertId: alert.id,
      integration: relay.slug,
      rule: "backlog",
      value: 2,
      threshold: 1,
      link: `https://signalbox.example/alerts?alert=${alert.id}`,
    });
    expect(generic.headers["webhook-id"]).toBe(`alert_${alert.id}_firing`);
    expect(verifyWebhook([relay.deliverySecret], generic.body, generic.headers as Record<string, string>)).toBe(true);
    expect(
      verifyWebhook(
        ["whsec_" + Buffer.from("another secret entirely!").toString("base64")],
        generic.body,
        generic.headers as Record<string, string>,
      ),
    ).toBe(false);
    const slack = JSON.parse(sink.requests.find((r) => r.url === "/slack")!.body);
    expect(Object.keys(slack)).toEqual(["text"]);
    expect(slack.text).toContain(`Relay ${relay.slug}: Exception backlog high`);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to).toEqual(["oncall@example.com", "lead@example.com"]);
    expect(mails[0]!.from).toBe("alerts@signalbox.test");
    const text = plain(mails[0]!.raw);
    expect(text).toContain(`Subject: [alert] Relay ${relay.slug}: Exception backlog high`);
    expect(text).toContain("2 exceptions are open; the limit is 1.");
    expect(text).toContain("2. Page the ERP on-call.");

    await store.db.exception.update({
      where: { id: exceptions[0]!.id },
      data: { status: "resolved", resolvedAt: clock.now, openForEventId: null },
    });
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    expect(await drain()).toEqual({ notify: ["delivered", "delivered"], email: ["delivered"] });
    const resolved = sink.requests.filter((r) => r.url === "/generic")[1]!;
    expect(JSON.parse(resolved.body).signalbox).toMatchObject({
      type: "alert.resolved",
      status: "resolved",
      link: null,
    });
    expect(plain(mails[1]!.raw)).toContain(`Subject: [resolved] Relay ${relay.slug}: Exception backlog high`);
  });

  it("retries a webhook that answers 503 and an SMTP server that answers 451; fails loudly without SMTP", async () => {
    const relay = await makeRelay(ctx, sink.url, {
      alertThresholds: { backlogMax: 1, notify: { webhookUrl: `${sink.url}/generic`, email: ["oncall@example.com"] } },
    });
    await ctx.repos.integrations.update(relay.integrationId, { lifecycle: "live", liveAt: clock.now }, clock.now);
    for (let k = 0; k < 2; k++) {
      const e = await seedEvent(store, relay.integrationId, {
        received: clock.now,
        status: "failed",
        completed: clock.now,
      });
      await seedException(store, relay.integrationId, e.id, { opened: clock.now });
    }
    clock.now = new Date(clock.now.getTime() + 60_000);
    await evaluateAlerts(ctx, { consoleUrl: null });
    sink.script({ status: 503 });
    smtpAnswer = { code: 451, message: "try again later" };
    const before = mails.length;
    expect(await drain()).toEqual({ notify: ["retry_scheduled"], email: ["retry_scheduled"] });
    expect(await store.db.queueJob.count({ where: { kind: { in: ["notify", "email"] } } })).toBe(2);
    clock.now = new Date(clock.now.getTime() + 60_000);
    expect(await drain()).toEqual({ notify: ["delivered"], email: ["delivered"] });
    expect(mails.length).toBe(before + 1);

    // No SMTP configured: the email job ends as failed instead of pretending it was sent.
    await ctx.repos.queue.enqueue({
      kind: "email",
      payload: { to: ["x@example.com"], subject: "s", text: "t" },
      runAt: clock.now,
    });
    const jobs = await ctx.repos.dispatch.claim("test-worker", 5, 60_000, clock.now);
    expect(await runJob(ctx, jobs[0]!, { sender, workerId: "test-worker" })).toBe("failed");
  });
});
