"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { auditExportUrl } from "@/lib/client/audit-export";

const today = () => new Date().toLocaleDateString("en-CA");

/** Admins: download the audit log of whole days as NDJSON (one entry per line, oldest first). */
export function AuditExport() {
  const [from, setFrom] = useState(() => today().slice(0, 8) + "01");
  const [to, setTo] = useState(today);
  const [problem, setProblem] = useState<string | null>(null);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = auditExportUrl(from, to);
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    window.location.assign(result.url);
  }

  return (
    <form
      onSubmit={onSubmit}
      aria-labelledby="audit-export-heading"
      className="mb-4 flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm"
    >
      <h2 id="audit-export-heading" className="w-full font-medium text-slate-800">
        Download the audit log
        <span className="ml-2 font-normal text-slate-600">
          one entry per line (NDJSON), oldest first, at most 366 days; the download is itself recorded here
        </span>
      </h2>
      <label className="flex flex-col font-medium text-slate-700">
        First day
        <input
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          required
          className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
        />
      </label>
      <label className="flex flex-col font-medium text-slate-700">
        Last day
        <input
          type="date"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          required
          className="mt-1 rounded-md border border-slate-300 px-2 py-1.5 font-normal"
        />
      </label>
      <Button type="submit" variant="secondary">
        Download
      </Button>
      {problem ? (
        <p role="alert" className="w-full text-red-700">
          {problem}
        </p>
      ) : null}
    </form>
  );
}
