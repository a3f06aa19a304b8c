// The audit export's address for whole local days (the "to" day included), or why those days cannot be exported.
const MAX_DAYS = 366;

export function auditExportUrl(fromDay: string, toDay: string): { url: string } | { problem: string } {
  if (!fromDay || !toDay) return { problem: "Choose the first and the last day." };
  const from = new Date(`${fromDay}T00:00:00`);
  const end = new Date(`${toDay}T00:00:00`);
  if (Number.isNaN(from.getTime()) || Number.isNaN(end.getTime())) return { problem: "Choose the days again." };
  end.setDate(end.getDate() + 1);
  if (end <= from) return { problem: "The last day must not be before the first." };
  // The same bound as the server's (in hours, so a summer-time change can tip a 366-day period over it).
  if (end.getTime() - from.getTime() > MAX_DAYS * 86_400_000)
    return { problem: `Export at most ${MAX_DAYS} days at a time.` };
  const query = new URLSearchParams({ from: from.toISOString(), to: end.toISOString() });
  return { url: `/api/v1/audit/export?${query}` };
}
