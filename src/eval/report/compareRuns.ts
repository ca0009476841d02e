import { HammerError } from "../../core/errors.js";
import type { RunResults } from "../run/types.js";
import { formatDelta } from "./formatScore.js";
import { modelDescription } from "./renderSummaryMarkdown.js";
import { maskLabel } from "./runLabel.js";
import { POOLED_KEY, scoreRows, type ScoreSection } from "./scoreRows.js";

export interface ComparedRun {
  label: string;
  model: string;
  bench: string;
  mask: string;
  masked: boolean;
  samples: number;
  errors: number;
}

export interface ComparedRow {
  key: string;
  section: ScoreSection;
  label: string;
  kind: "percent" | "f1";
  /** One value per run (null: the run lacks this score). */
  values: Array<number | null>;
  /** Per run, its difference to the first run (`+1.25 pt`); null for the first run and where a side is missing. */
  deltas: Array<string | null>;
  /** Per run, `correct/total` where it applies. */
  details: Array<string | null>;
}

export interface RunComparison {
  runs: ComparedRun[];
  rows: ComparedRow[];
}

/**
 * Put the scores of several runs side by side, each against the first: every score any run has,
 * in the first run's order, then the scores only later runs have (scores n/a in every run are
 * left out).
 */
export function compareRuns(runs: ReadonlyArray<{ label: string; results: RunResults }>): RunComparison {
  // A run of one BFCL category has a pooled score too (that category's): beside runs of several,
  // it would otherwise show as n/a.
  const pooled = runs.some((r) => r.results.parts.filter((p) => p.kind === "bfcl").length > 1);
  const perRun = runs.map((r) => new Map(scoreRows(r.results, { alwaysPooled: pooled }).map((row) => [row.key, row])));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const rows of perRun) {
    for (const key of rows.keys()) {
      if (!seen.has(key)) {
        seen.add(key);
        order.push(key);
      }
    }
  }
  const rows = order.flatMap((key): ComparedRow[] => {
    const first = perRun.map((m) => m.get(key)).find((x) => x !== undefined);
    if (!first) throw new HammerError("INTERNAL", `compareRuns: no run has ${key}`);
    const values = perRun.map((m) => m.get(key)?.value ?? null);
    if (values.every((v) => v === null)) return []; // n/a everywhere says nothing
    const base = values[0] ?? null;
    return [{
      key,
      section: first.section,
      label: first.label,
      kind: first.kind,
      values,
      deltas: values.map((v, i) => (i === 0 ? null : formatDelta(v, base, first.kind))),
      details: perRun.map((m) => m.get(key)?.detail ?? null),
    }];
  });
  // Sections in a fixed order so BFCL's summary stays on top even if the first run lacks it; the
  // pooled row closes its section even when later runs bring more categories.
  const rank: Record<ScoreSection, number> = { "BFCL v3 summary": 0, "BFCL v3 categories": 1, "Hammer sets": 2 };
  const last = (r: ComparedRow): number => (r.key === POOLED_KEY ? 1 : 0);
  rows.sort((a, b) => rank[a.section] - rank[b.section] || last(a) - last(b));
  return {
    runs: runs.map(({ label, results }) => ({
      label,
      model: modelDescription(results),
      bench: results.run.bench,
      mask: maskLabel(results),
      masked: results.run.mask !== null,
      samples: results.counts.samples,
      errors: results.counts.errors,
    })),
    rows,
  };
}
