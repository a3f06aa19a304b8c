"use client";
import { useEffect, useState } from "react";
import { formatAgo } from "@/lib/client/format";

/** "3 min ago", with the exact time on hover and for screen readers. */
export function TimeAgo({ at }: { at: string | null | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) return <span className="text-slate-400">—</span>;
  const date = new Date(at);
  const exact = date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
  return (
    <time dateTime={at} title={exact} aria-label={exact} className="whitespace-nowrap">
      {formatAgo(date.getTime(), now)}
    </time>
  );
}
