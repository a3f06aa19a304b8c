"use client";
import { useEffect, useState } from "react";
import { formatAgo } from "@/lib/client/format";

/** The exact time as the server can write it: the same on both sides, so hydration never disagrees. */
const utc = (date: Date) => `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
/** The exact time in the viewer's zone and language, once the page runs in their browser (UTC before). */
const exactFor = (date: Date, viewer: boolean) =>
  viewer ? date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" }) : utc(date);

/** A moment written out in full ("7 Dec 2026, 14:03:12"), in the viewer's zone once the page is interactive. */
export function ExactTime({ at }: { at: string }) {
  const [viewer, setViewer] = useState(false);
  useEffect(() => setViewer(true), []);
  return <>{exactFor(new Date(at), viewer)}</>;
}

/**
 * "3 min ago", with the exact time on hover and for screen readers. The server's HTML carries its own clock and UTC;
 * once the page is interactive the text follows the viewer's clock and the exact time their zone and language. (The
 * texts may differ by then; that is expected, not a hydration failure that would re-render the page from scratch.)
 */
export function TimeAgo({ at }: { at: string | null | undefined }) {
  const [now, setNow] = useState(() => Date.now());
  const [viewer, setViewer] = useState(false);
  useEffect(() => {
    setNow(Date.now());
    setViewer(true);
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) return <span className="text-slate-400">—</span>;
  const date = new Date(at);
  const exact = exactFor(date, viewer);
  return (
    <time dateTime={at} title={exact} aria-label={exact} className="whitespace-nowrap" suppressHydrationWarning>
      {formatAgo(date.getTime(), now)}
    </time>
  );
}
