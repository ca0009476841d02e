import { HammerError } from "../core/index.js";
import { loadBfclCategory, loadHammerSet, parseBenchName, type BfclCategory, type HammerSet } from "../eval/index.js";
import { bfclToXlamRow, hammerToXlamRow, rowFunctionNames, type SourceRow } from "./toXlamRow.js";

/**
 * The cross-benchmark split, as in the paper (train on one family of data, evaluate on benchmarks
 * never seen in training): training rows come from whole benchmarks, evaluation from others.
 * On top of that, a training row is dropped when it shows or calls any function of an evaluation
 * benchmark (names compared case-insensitively, every sample of the benchmark, not only those
 * evaluated) or repeats an evaluation query, so neither a sample nor a function set leaks.
 */
export interface ExperimentSplit {
  /** Benchmarks whose samples become training rows (bfcl:<category>, hammer:<set>). */
  train: string[];
  /** Benchmarks whose samples become irrelevance rows (gold `[]`), e.g. bfcl:irrelevance. */
  irrelevance: string[];
  /** Held-out benchmarks: evaluation only. */
  eval: string[];
}

export const DEFAULT_SPLIT: ExperimentSplit = Object.freeze({
  train: ["bfcl:simple", "bfcl:multiple", "bfcl:parallel", "bfcl:parallel_multiple", "hammer:sealtool", "hammer:toolalpaca"],
  irrelevance: ["bfcl:irrelevance"],
  eval: ["hammer:apibank_l1", "bfcl:live_simple"],
}) as ExperimentSplit;

export interface BuiltSplit {
  split: ExperimentSplit;
  train: SourceRow[];
  irrelevance: SourceRow[];
  /** Ids (`bench/id`) of every evaluation sample, and every evaluation function name (lower case). */
  evalIds: string[];
  evalFunctionNames: string[];
  /** Why source samples were left out, per bench: not a single user query, or overlapping evaluation. */
  dropped: Record<string, { notSingleTurn: number; sharesEvalFunction: number; sharesEvalQuery: number }>;
}

/** Benchmark samples as rows, any kind (`bfcl:` single-turn AST categories and `hammer:` sets). */
interface LoadedSource {
  rows: SourceRow[];
  ids: string[];
  names: string[];
  queries: string[];
  notSingleTurn: number;
}

function loadSource(dataDir: string, bench: string, irrelevance: boolean): LoadedSource {
  const parsed = parseBenchName(bench);
  const missing = () => new HammerError("NOT_FOUND", `${bench}: benchmark files not found under ${dataDir}`, { location: bench });
  if (parsed.kind === "bfcl" && parsed.parts.length === 1) {
    const loaded = loadBfclCategory(dataDir, parsed.parts[0] as BfclCategory);
    if (!loaded) throw missing();
    return fromSamples(
      loaded.samples.map((s) => ({ id: s.id, row: bfclToXlamRow(irrelevance ? { ...s, groundTruth: null } : s), names: s.functions.map((f) => f.name), query: firstText(s.question) })),
    );
  }
  if (parsed.kind === "hammer" && parsed.parts.length === 1) {
    const loaded = loadHammerSet(dataDir, parsed.parts[0] as HammerSet);
    if (!loaded) throw missing();
    return fromSamples(
      loaded.samples.map((s) => ({
        id: s.id,
        row: hammerToXlamRow(s),
        names: [...s.tools.map((t) => (t as { name?: unknown }).name).filter((n): n is string => typeof n === "string"), ...s.answers.map((a) => a.name)],
        query: typeof s.query === "string" ? s.query : JSON.stringify(s.query),
      })),
    );
  }
  throw new HammerError("USAGE", `${bench}: the split takes single benchmarks (bfcl:<category> or hammer:<set>)`, { location: bench });
}

function fromSamples(items: Array<{ id: string; row: SourceRow | null; names: string[]; query: string }>): LoadedSource {
  const rows = items.map((i) => i.row).filter((r): r is SourceRow => r !== null);
  return { rows, ids: items.map((i) => i.id), names: items.flatMap((i) => i.names), queries: items.map((i) => i.query), notSingleTurn: items.length - rows.length };
}

function firstText(question: unknown[]): string {
  const turn = Array.isArray(question[0]) ? (question[0] as Array<{ content?: unknown }>) : [];
  return turn.map((m) => (typeof m.content === "string" ? m.content : "")).join("\n");
}

/** Load the split's benchmarks from `dataDir` and apply it. Throws on a bench named twice. */
export function buildSplit(dataDir: string, split: ExperimentSplit): BuiltSplit {
  const all = [...split.train, ...split.irrelevance, ...split.eval];
  const twice = all.find((b, i) => all.indexOf(b) !== i);
  if (twice !== undefined) throw new HammerError("USAGE", `${twice}: a benchmark is either trained on or evaluated, not both`, { location: twice });
  const evalIds: string[] = [];
  const evalNames = new Set<string>();
  const evalQueries = new Set<string>();
  for (const bench of split.eval) {
    const src = loadSource(dataDir, bench, false);
    for (const id of src.ids) evalIds.push(`${bench}/${id}`);
    for (const n of src.names) evalNames.add(n.toLowerCase());
    for (const q of src.queries) evalQueries.add(q.trim());
  }
  const dropped: BuiltSplit["dropped"] = {};
  const keep = (bench: string, irrelevance: boolean): SourceRow[] => {
    const src = loadSource(dataDir, bench, irrelevance);
    const d = { notSingleTurn: src.notSingleTurn, sharesEvalFunction: 0, sharesEvalQuery: 0 };
    dropped[bench] = d;
    return src.rows.filter((row) => {
      if (rowFunctionNames(row).some((n) => evalNames.has(n.toLowerCase()))) return d.sharesEvalFunction++, false;
      if (evalQueries.has(row.query.trim())) return d.sharesEvalQuery++, false;
      return true;
    });
  };
  const train = split.train.flatMap((b) => keep(b, false));
  const irrelevance = split.irrelevance.flatMap((b) => keep(b, true));
  return { split, train, irrelevance, evalIds, evalFunctionNames: [...evalNames].sort(), dropped };
}
