import { scanRecordFile } from "../records/scanRecordFile.js";
import { looksMaskedRow } from "./looksMasked.js";
import { promptAndLabel } from "../records/trainRecord.js";

/** min / mean / max and a histogram (value → rows) of a per-row count. */
export interface Distribution {
  min: number;
  mean: number;
  max: number;
  histogram: Record<string, number>;
}

export type StatsFormat = "xlam" | "alpaca" | "sharegpt" | "messages";

export interface DatasetStats {
  file: string;
  /** Record layouts seen, with their counts. */
  formats: Partial<Record<StatsFormat, number>>;
  /** Records read (readable or not). */
  records: number;
  /** Records that could be read as a sample; the shares below are over these. */
  rows: number;
  unreadable: number;
  unreadableReasons: Record<string, number>;
  tools: Distribution;
  calls: Distribution;
  /** Rows with two or more calls. */
  parallel: number;
  parallelShare: number;
  /** Rows whose label is `[]`. */
  irrelevance: number;
  irrelevanceShare: number;
  masked: number;
  maskedShare: number;
  /** How masked rows were told apart (see {@link datasetStats}). */
  maskDetection: "heuristic" | "reference";
}

export interface DatasetStatsOptions {
  /** An xLAM file with the original tool names: a row is masked when none of its tool names is among them (exact). */
  reference?: string;
  maxRecordBytes?: number;
}

const TOOLS_OPEN = "[BEGIN OF AVAILABLE TOOLS]\n";
const TOOLS_CLOSE = "\n[END OF AVAILABLE TOOLS]";

/**
 * Statistics of an xLAM-format file or of a built training file (alpaca, sharegpt or messages
 * records holding Hammer's prompt), streamed record by record: tools and calls per row, parallel
 * and irrelevance shares, masked share.
 *
 * Built records carry no mark of masking (they keep Hammer's layout), so masked rows are told
 * apart by their names: with `reference` (the xLAM input of the build) a row is masked when none
 * of its tool names occurs in the reference — exact; otherwise by the name heuristic of
 * looksMaskedRow (about ±1 point on realistic data).
 */
export function datasetStats(file: string, options: DatasetStatsOptions = {}): DatasetStats {
  const maxRecordBytes = options.maxRecordBytes ?? 16 << 20;
  const reference = options.reference === undefined ? undefined : referenceNames(options.reference, maxRecordBytes);
  const s = {
    formats: {} as Partial<Record<StatsFormat, number>>,
    records: 0,
    unreadable: 0,
    unreadableReasons: {} as Record<string, number>,
    tools: new Counter(),
    calls: new Counter(),
    parallel: 0,
    irrelevance: 0,
    masked: 0,
  };
  const bad = (reason: string): void => {
    s.unreadable++;
    s.unreadableReasons[reason] = (s.unreadableReasons[reason] ?? 0) + 1;
  };
  scanRecordFile(
    file,
    (rec) => {
      s.records++;
      if (rec.bytes === null) return bad("record_too_large");
      const sample = readSample(rec.bytes.toString("utf8"));
      if (typeof sample === "string") return bad(sample);
      s.formats[sample.format] = (s.formats[sample.format] ?? 0) + 1;
      s.tools.add(sample.tools.length);
      s.calls.add(sample.calls);
      if (sample.calls >= 2) s.parallel++;
      if (sample.calls === 0) s.irrelevance++;
      const names = sample.tools.map((t) => t.name);
      const masked = reference
        ? names.length > 0 && names.every((n) => !reference.has(n))
        : looksMaskedRow([...names, ...sample.tools.flatMap((t) => t.params)]);
      if (masked) s.masked++;
    },
    maxRecordBytes,
  );
  const rows = s.records - s.unreadable;
  const share = (n: number): number => (rows === 0 ? 0 : n / rows);
  return {
    file,
    formats: s.formats,
    records: s.records,
    rows,
    unreadable: s.unreadable,
    unreadableReasons: s.unreadableReasons,
    tools: s.tools.distribution(),
    calls: s.calls.distribution(),
    parallel: s.parallel,
    parallelShare: share(s.parallel),
    irrelevance: s.irrelevance,
    irrelevanceShare: share(s.irrelevance),
    masked: s.masked,
    maskedShare: share(s.masked),
    maskDetection: reference ? "reference" : "heuristic",
  };
}

interface Sample {
  format: StatsFormat;
  tools: Array<{ name: string; params: string[] }>;
  calls: number;
}

/** A record as a sample, or the reason it is not one. */
function readSample(text: string): Sample | string {
  let rec: unknown;
  try {
    rec = JSON.parse(text);
  } catch {
    return "invalid_json";
  }
  if (typeof rec !== "object" || rec === null || Array.isArray(rec)) return "not_an_object";
  const r = rec as Record<string, unknown>;
  let format: StatsFormat;
  let tools: unknown;
  let calls: unknown;
  if ("tools" in r && "answers" in r) {
    format = "xlam";
    tools = typeof r.tools === "string" ? parseOr(r.tools) : r.tools;
    calls = typeof r.answers === "string" ? parseOr(r.answers) : r.answers;
  } else {
    const pl = promptAndLabel(r);
    if (!pl) return "unknown_layout";
    format = "instruction" in r ? "alpaca" : "conversations" in r ? "sharegpt" : "messages";
    const a = pl.prompt.indexOf(TOOLS_OPEN);
    const b = pl.prompt.indexOf(TOOLS_CLOSE, a + TOOLS_OPEN.length);
    if (a === -1 || b === -1) return "no_tools_block";
    tools = parseOr(pl.prompt.slice(a + TOOLS_OPEN.length, b));
    // as Hammer's evaluate.py reads labels: fences removed, a {"tool_calls": …} wrapper accepted
    calls = parseOr(pl.label.replace(/```json|```/g, ""));
    if (typeof calls === "object" && calls !== null && !Array.isArray(calls) && "tool_calls" in calls) calls = (calls as { tool_calls: unknown }).tool_calls ?? [];
  }
  if (!Array.isArray(tools)) return "tools_not_a_list";
  if (!Array.isArray(calls)) return "calls_not_a_list";
  return {
    format,
    calls: calls.length,
    tools: tools.map((t) => {
      const o = (typeof t === "object" && t !== null ? t : {}) as Record<string, unknown>;
      const p = (typeof o.parameters === "object" && o.parameters !== null ? o.parameters : {}) as Record<string, unknown>;
      const props = typeof p.properties === "object" && p.properties !== null && p.type === "object" ? (p.properties as object) : p;
      return { name: typeof o.name === "string" ? o.name : "", params: Object.keys(props) };
    }),
  };
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Tool names of an xLAM file. */
function referenceNames(file: string, maxRecordBytes: number): Set<string> {
  const names = new Set<string>();
  scanRecordFile(
    file,
    (rec) => {
      if (rec.bytes === null) return;
      const sample = readSample(rec.bytes.toString("utf8"));
      if (typeof sample !== "string") for (const t of sample.tools) names.add(t.name);
    },
    maxRecordBytes,
  );
  return names;
}

class Counter {
  private n = 0;
  private sum = 0;
  private min = Infinity;
  private max = -Infinity;
  private readonly hist = new Map<number, number>();

  add(v: number): void {
    this.n++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.hist.set(v, (this.hist.get(v) ?? 0) + 1);
  }

  distribution(): Distribution {
    const histogram: Record<string, number> = {};
    for (const k of [...this.hist.keys()].sort((a, b) => a - b)) histogram[String(k)] = this.hist.get(k) as number;
    return this.n === 0 ? { min: 0, mean: 0, max: 0, histogram } : { min: this.min, mean: this.sum / this.n, max: this.max, histogram };
  }
}
