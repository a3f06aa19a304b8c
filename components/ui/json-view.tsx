/** A record shown as readable, indented JSON. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</figcaption>
      <pre
        className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100"
        tabIndex={0}
      >
        {value === null || value === undefined ? "—" : JSON.stringify(value, null, 2)}
      </pre>
    </figure>
  );
}
