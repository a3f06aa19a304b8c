// The SMTP mailer for email notifications, on nodemailer.
import nodemailer from "nodemailer";
import type { Mailer } from "../core/jobs/email";

/** A mailer for an SMTP URL (smtp://user:pass@host:port, smtps:// for implicit TLS). */
export function createMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send({ to, subject, text }) {
      try {
        await transport.sendMail({ from, to, subject, text });
        return { ok: true, transient: false };
      } catch (error) {
        const e = error as { responseCode?: number; message: string };
        // No SMTP reply (connection, timeout) or a 4xx reply: try again later; 5xx: give up.
        const transient = e.responseCode === undefined || (e.responseCode >= 400 && e.responseCode < 500);
        return { ok: false, transient, error: e.message };
      }
    },
    close: () => transport.close(),
  };
}
