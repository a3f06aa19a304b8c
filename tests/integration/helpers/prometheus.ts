// A strict reader of the Prometheus text format (0.0.4), line by line: every
// line must be a HELP, a TYPE or a sample of the family declared last; label
// sets must be unique; histograms must be cumulative and end in +Inf = _count.
export type Labels = Record<string, string>;
export interface Sample {
  name: string;
  labels: Labels;
  value: number;
}
export interface Family {
  name: string;
  help: string;
  type: string;
  samples: Sample[];
}

const NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
const LABEL = `([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\\\n]|\\\\[\\\\"n])*)"`;
const VALUE = "([+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[+-]Inf|NaN)";
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*,?)?\\})? ${VALUE}(?: -?\\d+)?$`);
const COMMENT = new RegExp(`^# (HELP|TYPE) (${NAME}) (.*)$`);
const TYPES = ["counter", "gauge", "histogram", "summary", "untyped"];
const SUFFIXES: Record<string, string[]> = {
  histogram: ["_bucket", "_sum", "_count"],
  summary: ["", "_sum", "_count"],
};

const unescape = (v: string) => v.replace(/\\(["\\n])/g, (_, c: string) => (c === "n" ? "\n" : c));
const number = (v: string) => (v.endsWith("Inf") ? (v.startsWith("-") ? -Infinity : Infinity) : Number(v));

function labelsOf(text: string | undefined, line: string): Labels {
  const labels: Labels = {};
  for (const m of (text ?? "").matchAll(new RegExp(LABEL, "g"))) {
    if (m[1]! in labels) throw new Error(`label ${m[1]} twice: ${line}`);
    labels[m[1]!] = unescape(m[2]!);
  }
  return labels;
}

function family(families: Map<string, Family>, name: string): Family {
  const f = families.get(name) ?? { name, help: "", type: "", samples: [] };
  families.set(name, f);
  return f;
}

function readComment(families: Map<string, Family>, m: RegExpExecArray): Family {
  const [, kind, name, rest] = m as unknown as [string, "HELP" | "TYPE", string, string];
  const f = family(families, name);
  if (f.samples.length > 0) throw new Error(`# ${kind} ${name} after its samples`);
  if (kind === "TYPE") {
    if (f.type || !TYPES.includes(rest)) throw new Error(`bad or repeated TYPE for ${name}: ${rest}`);
    f.type = rest;
  } else f.help = rest;
  return f;
}

function checkHistogram(f: Family) {
  const series = new Map<string, Sample[]>();
  for (const s of f.samples) {
    const { le: _le, ...rest } = s.labels;
    const key = JSON.stringify(Object.entries(rest).sort());
    series.set(key, [...(series.get(key) ?? []), s]);
  }
  for (const [key, samples] of series) {
    const buckets = samples.filter((s) => s.name === `${f.name}_bucket`);
    const bounds = buckets.map((b) => number(b.labels.le ?? "NaN"));
    if (bounds.some((b, i) => Number.isNaN(b) || (i > 0 && b <= bounds[i - 1]!)))
      throw new Error(`${f.name}${key}: le not ascending`);
    if (bounds.at(-1) !== Infinity) throw new Error(`${f.name}${key}: no +Inf bucket`);
    if (buckets.some((b, i) => i > 0 && b.value < buckets[i - 1]!.value))
      throw new Error(`${f.name}${key}: buckets not cumulative`);
    const count = samples.find((s) => s.name === `${f.name}_count`);
    if (!samples.some((s) => s.name === `${f.name}_sum`) || count?.value !== buckets.at(-1)!.value)
      throw new Error(`${f.name}${key}: _sum/_count missing or +Inf ≠ _count`);
  }
}

/** Parse the exposition; throws on the first line that is not well-formed. */
export function parseExposition(text: string): Map<string, Family> {
  if (!text.endsWith("\n")) throw new Error("the exposition must end with a newline");
  const families = new Map<string, Family>();
  const seen = new Set<string>();
  let current: Family | null = null;
  for (const line of text.slice(0, -1).split("\n")) {
    if (line.trim() === "") continue;
    const comment = COMMENT.exec(line);
    if (comment) {
      current = readComment(families, comment);
      continue;
    }
    if (line.startsWith("#")) continue;
    const m = SAMPLE.exec(line);
    if (!m || !current) throw new Error(`not a sample line: ${line}`);
    const name = m[1]!;
    const suffixes = SUFFIXES[current.type] ?? [""];
    if (!suffixes.some((s) => name === current!.name + s))
      throw new Error(`${name} outside its family ${current.name}`);
    const value = m.at(-1)!;
    const sample = { name, labels: labelsOf(m[2], line), value: value === "NaN" ? NaN : number(value) };
    const key = `${name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (seen.has(key)) throw new Error(`duplicate series ${key}`);
    seen.add(key);
    current.samples.push(sample);
  }
  for (const f of families.values()) {
    if (!f.type || !f.help) throw new Error(`${f.name} lacks HELP or TYPE`);
    if (f.type === "histogram") checkHistogram(f);
  }
  return families;
}

/** The one sample with exactly these labels (throws when there is none). */
export function sampleValue(families: Map<string, Family>, family: string, name: string, labels: Labels): number {
  const f = families.get(family);
  const match =
    f?.samples.filter(
      (s) =>
        s.name === name &&
        JSON.stringify(Object.entries(s.labels).sort()) === JSON.stringify(Object.entries(labels).sort()),
    ) ?? [];
  if (match.length !== 1) throw new Error(`${name}${JSON.stringify(labels)}: ${match.length} samples`);
  return match[0]!.value;
}
