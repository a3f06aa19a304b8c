// Plain-words formatting for the console.

export function formatAgo(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000);
  const future = seconds < 0;
  const s = Math.abs(seconds);
  const phrase =
    s < 45
      ? "just now"
      : s < 90
        ? "1 min"
        : s < 3_600
          ? `${Math.round(s / 60)} min`
          : s < 5_400
            ? "1 hour"
            : s < 86_400
              ? `${Math.round(s / 3_600)} hours`
              : s < 129_600
                ? "1 day"
                : `${Math.round(s / 86_400)} days`;
  if (phrase === "just now") return phrase;
  return future ? `in ${phrase}` : `${phrase} ago`;
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
