// Preloaded into `prisma migrate deploy`: the WebAssembly schema engine leaves a
// 10 s timer behind after its work is done, which keeps the CLI alive for 10 s
// on every start. Unref'd long timers still fire if anything else is running.
const original = global.setTimeout;
global.setTimeout = function patchedSetTimeout(fn, ms, ...args) {
  const timer = original(fn, ms, ...args);
  if (typeof ms === "number" && ms >= 5000 && timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
