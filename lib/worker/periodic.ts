// Loops that run on a clock beside the delivery loop (escalation, KPI rollups,
// alert rules). Each pass is safe to run from several workers at once.
export interface Periodic {
  stop(): Promise<void>;
}

export function every(name: string, intervalMs: number, pass: () => Promise<unknown>): Periodic {
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = pass()
      .catch((error: Error) => console.error(`[signalbox worker] ${name} failed: ${error.message}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setTimeout(tick, 1_000).unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
