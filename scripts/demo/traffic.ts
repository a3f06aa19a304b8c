// Realistic demo records: new and updated orders, contact changes, and a
// no-code workflow reporting its steps — with duplicates, stale versions and
// contract violations mixed in, so every status shows up within a minute.
import { Webhook } from "standardwebhooks";

export interface DemoCredentials {
  base: string;
  orders: { key: string; secret: string };
  contacts: { key: string };
  workflow: { key: string };
}

const customers = ["ana@example.com", "ben@example.com", "chloe@example.com", "dev@example.com", "eve@example.com"];
const rand = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)]!;

export class DemoTraffic {
  private orders: { id: string; version: number; body: unknown }[] = [];
  private contacts: { id: string; updatedAt: string; body: unknown }[] = [];
  private seq = 0;

  constructor(private readonly c: DemoCredentials) {}

  private async post(path: string, body: unknown, headers: Record<string, string>) {
    const raw = JSON.stringify(body);
    const res = await fetch(`${this.c.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: raw,
    });
    return (await res.json().catch(() => ({}))) as { id?: string };
  }

  private signed(raw: string) {
    const id = `msg_${Date.now()}_${++this.seq}`;
    const at = new Date();
    return {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(this.c.orders.secret).sign(id, at, raw),
    };
  }

  async order() {
    const roll = Math.random();
    const previous = this.orders.length ? rand(this.orders) : null;
    let body: unknown;
    if (previous && roll < 0.1)
      body = previous.body; // the shop's webhook fires twice
    else if (previous && roll < 0.17)
      body = { order: { ...(previous.body as { order: object }).order, version: Math.max(1, previous.version - 1) } };
    else if (roll < 0.24)
      body = {
        order: { id: `SO-${Date.now()}`, version: 1, customerEmail: "not-an-email", total: -5, currency: "EUR" },
      };
    else if (previous && roll < 0.4) {
      previous.version += 1;
      body = {
        order: {
          ...(previous.body as { order: object }).order,
          version: previous.version,
          total: Math.round(Math.random() * 50_000) / 100,
        },
      };
      previous.body = body;
    } else {
      const id = `SO-${Date.now()}-${++this.seq}`;
      body = {
        order: {
          id,
          version: 1,
          customerEmail: rand(customers),
          total: Math.round(Math.random() * 50_000) / 100,
          currency: rand(["EUR", "USD", "GBP"]),
          lines: [{ sku: `SKU-${this.seq % 40}`, qty: 1 + (this.seq % 3) }],
          ...(Math.random() < 0.1 ? { giftWrap: true } : {}),
        },
      };
      this.orders.push({ id, version: 1, body });
      if (this.orders.length > 40) this.orders.shift();
    }
    const raw = JSON.stringify(body);
    const auth = Math.random() < 0.5 ? this.signed(raw) : { authorization: `Bearer ${this.c.orders.key}` };
    await this.post("/api/ingest/shop-orders-to-erp", body, {
      ...auth,
      "x-correlation-id": `checkout-${(body as { order: { id: string } }).order.id}`,
    });
  }

  async contact() {
    const previous = this.contacts.length ? rand(this.contacts) : null;
    const roll = Math.random();
    let body: unknown;
    if (previous && roll < 0.1) body = previous.body;
    else if (previous && roll < 0.18)
      body = {
        ...(previous.body as object),
        updatedAt: new Date(Date.parse(previous.updatedAt) - 60_000).toISOString(),
        firstName: "Old",
      };
    else if (roll < 0.24)
      body = { contactId: `C-${++this.seq}`, email: "broken@", updatedAt: new Date().toISOString() };
    else {
      const id = previous && roll < 0.5 ? previous.id : `C-${++this.seq}`;
      const updatedAt = new Date().toISOString();
      body = {
        contactId: id,
        email: rand(customers),
        firstName: rand(["Ana", "Ben", "Chloe", "Dev"]),
        consent: Math.random() < 0.8,
        updatedAt,
      };
      this.contacts.push({ id, updatedAt, body });
      if (this.contacts.length > 40) this.contacts.shift();
    }
    await this.post("/api/ingest/crm-contacts-to-marketing", body, { authorization: `Bearer ${this.c.contacts.key}` });
  }

  /** One run of the invoice workflow: event, three steps, an outcome (sometimes failed). */
  async workflowRun(existingId?: string) {
    const auth = { authorization: `Bearer ${this.c.workflow.key}` };
    const invoice = `INV-${Date.now()}-${++this.seq}`;
    const id =
      existingId ??
      (
        await this.post(
          "/api/v1/track/events",
          {
            integration: "invoice-approval-workflow",
            idempotencyKey: invoice,
            correlationId: `vendor-${this.seq % 7}`,
            entityKey: invoice,
            payload: { invoice, amount: 120 + (this.seq % 900) },
          },
          auth,
        )
      ).id;
    if (!id) return;
    const fail = !existingId && Math.random() < 0.15;
    for (const stage of ["extract", "approve", "post"]) {
      await this.post(`/api/v1/track/events/${id}/stages`, { stage, status: "started" }, auth);
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 400));
      const failed = fail && stage === "post";
      await this.post(
        `/api/v1/track/events/${id}/stages`,
        {
          stage,
          status: failed ? "failed" : "succeeded",
          ...(failed ? { errorCategory: "permanent", error: "Accounting rejected: vendor not on file" } : {}),
        },
        auth,
      );
      if (failed) break;
    }
    await this.post(
      `/api/v1/track/events/${id}/outcome`,
      fail ? { outcome: "failed", error: "Vendor not on file" } : { outcome: "success" },
      auth,
    );
  }
}
