// A LISTEN that outlives its connection: when the connection drops (PostgreSQL restarted, the session was cut) it is
// opened again — retried every second until it succeeds, however long the database is away — and `onConnected` runs
// each time it is (re)established, so the caller can catch up on what it may have missed meanwhile.
import pg from "pg";

export interface Listener {
  close(): Promise<void>;
}

export function listen(
  connectionString: string,
  channel: string,
  handlers: { onNotify: () => void; onConnected: () => void; onLost?: () => void },
  retryMs = 1_000,
): { listener: Listener; connected: Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let markConnected: () => void;
  const connected = new Promise<void>((resolve) => (markConnected = resolve));
  const retry = () => {
    if (!closed) setTimeout(() => void attempt(), retryMs).unref();
  };
  const attempt = async () => {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
    let lost = false;
    c.on("notification", () => handlers.onNotify());
    c.on("error", () => {
      // Reported once per connection, whether it failed while connecting or later.
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      c.end().catch(() => {});
      handlers.onLost?.();
      retry();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      if (!lost) {
        lost = true;
        c.end().catch(() => {});
        retry();
      }
      return;
    }
    if (closed) return void c.end().catch(() => {});
    client = c;
    handlers.onConnected();
    markConnected();
  };
  void attempt();
  return {
    listener: {
      async close() {
        closed = true;
        await client?.end().catch(() => {});
      },
    },
    connected,
  };
}
