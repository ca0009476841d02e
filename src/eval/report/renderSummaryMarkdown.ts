import type { RunResults } from "../run/types.js";
import { formatF1, formatPercent } from "./formatScore.js";
import { maskLabel } from "./runLabel.js";
import { bfclGroupOf } from "./scoreRows.js";

/** A Markdown table cell: pipes and line breaks would break the table. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

function table(header: string[], rows: string[][], align: Array<"l" | "r"> = []): string {
  const sep = header.map((_, i) => ((align[i] ?? (i === 0 ? "l" : "r")) === "r" ? "---:" : "---"));
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header.map(mdCell)), line(sep), ...rows.map((r) => line(r.map(mdCell)))].join("\n");
}

/** The model line of a run: name, backend, size and hash or endpoint. */
export function modelDescription(r: RunResults): string {
  const m = r.run.model;
  const bits: string[] = [r.run.backend];
  if (m.endpoint) bits.push(`${m.endpoint}${m.endpoint_mode ? `, ${m.endpoint_mode} mode` : ""}`);
  if (m.size_bytes !== null) bits.push(`${(m.size_bytes / 1e6).toFixed(1)} MB`);
  if (m.sha256) bits.push(`sha256 ${m.sha256.slice(0, 12)}…`);
  return `${m.name} (${bits.join(", ")})`;
}

/**
 * `summary.md`: run metadata, BFCL's leaderboard columns and per-category rows, Hammer's F1
 * table (evaluate.py's metric and the corrected one, per set and averaged), failures by type.
 */
export function renderSummaryMarkdown(r: RunResults): string {
  const out: string[] = [`# hammer eval run: ${mdCell(r.run.bench)}`, ""];
  const c = r.counts;
  const errorKinds = Object.entries(c.errors_by_kind).map(([k, n]) => `${n} ${k}`);
  out.push(
    table(
      ["Run", ""],
      [
        ["Model", modelDescription(r)],
        ["Prompt format", `${r.run.format}${r.run.requested_format ? "" : " (chosen by the engine)"}`],
        ["Decoding", r.run.decoding === "free" ? "free (no grammar)" : "constrained (grammar)"],
        ["Tools", r.run.mask ? `${maskLabel(r)} (fixed mode, seed ${r.run.seed})` : "unmasked"],
        ["Sampling", `temperature ${r.run.temperature}, seed ${r.run.seed}, max ${r.run.max_tokens} tokens`],
        ["Samples", `${c.samples}${r.run.limit !== null ? ` (first ${r.run.limit} of each part)` : ""}: ${c.correct} correct, ${c.answered} answered, ${c.errors} generation errors${errorKinds.length > 0 ? ` (${errorKinds.join(", ")})` : ""}`],
        ["Tokens", `${c.prompt_tokens} prompt, ${c.completion_tokens} completion`],
        ["Time", `${(r.timing.wall_ms / 1000).toFixed(1)} s in ${r.timing.sessions} session(s), concurrency ${r.timing.concurrency}, p50 ${r.timing.p50_latency_ms ?? "n/a"} ms, p95 ${r.timing.p95_latency_ms ?? "n/a"} ms per sample`],
        ["Versions", `hammer-fc ${r.run.versions.hammer_fc ?? "?"}, node ${r.run.versions.node}, node-llama-cpp ${r.run.versions.node_llama_cpp ?? "?"}`],
      ],
      ["l", "l"],
    ),
  );

  const s = r.bfcl_summary;
  const bfcl = r.parts.filter((p) => p.kind === "bfcl");
  if (s && bfcl.length > 0) {
    out.push("", "## BFCL v3", "");
    out.push(
      table(
        ["Overall", "Non-Live AST", "Non-Live overall", "Live", "Relevance", "Irrelevance", "Multi-turn"],
        [[formatPercent(s.overall), formatPercent(s.non_live_ast), formatPercent(s.non_live_overall), formatPercent(s.live_overall), formatPercent(s.relevance), formatPercent(s.irrelevance), formatPercent(s.multi_turn)]],
        ["r", "r", "r", "r", "r", "r", "r"],
      ),
    );
    out.push("");
    out.push(
      table(
        ["Category", "Column", "Correct", "Total", "Accuracy", "Errors"],
        bfcl.map((p) => {
          const cat = p.part.slice("bfcl:".length);
          return [cat, bfclGroupOf(cat), String(p.correct), String(p.total), formatPercent(p.accuracy), String(p.errors)];
        }),
        ["l", "l"],
      ),
    );
    if (s.missing_categories.length > 0) out.push(`n/a: a column needs categories that were not run (${s.missing_categories.join(", ")}).`);
    if (r.run.limit !== null) out.push(`Scores cover the first ${r.run.limit} samples of each category only.`);
  }

  const hammer = r.parts.filter((p) => p.kind === "hammer");
  if (hammer.length > 0) {
    out.push("", "## Hammer sets", "");
    const rows = hammer.map((p) => [
      p.part.slice("hammer:".length),
      formatF1(p.official?.f1_api ?? null),
      formatF1(p.official?.f1_param ?? null),
      formatF1(p.corrected?.f1_api ?? null),
      formatF1(p.corrected?.f1_param ?? null),
      String(p.correct),
      String(p.total),
      String(p.errors),
    ]);
    const a = r.hammer_average;
    if (a && hammer.length > 1) rows.push(["**Average**", formatF1(a.official.f1_api), formatF1(a.official.f1_param), formatF1(a.corrected.f1_api), formatF1(a.corrected.f1_param), "", "", ""]);
    out.push(table(["Set", "F1 Func-Name", "F1 Args", "F1 Func-Name (corrected)", "F1 Args (corrected)", "Exact", "Total", "Errors"], rows));
    out.push(
      "",
      "F1 Func-Name and F1 Args are Hammer's evaluate.py metrics (micro-averaged; F1 Args can exceed 1 through its empty-arguments bonus). The corrected variant matches calls one-to-one and is bounded by 1. The average is unweighted over the sets, as in the paper.",
    );
  }
  if (r.run.not_present.length > 0) out.push("", `Not in the data dir (not run): ${r.run.not_present.join(", ")}.`);

  const types = Object.entries(r.error_types).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  if (types.length > 0) {
    out.push("", "## Failures by error type", "");
    out.push(table(["Error type", "Samples"], types.map(([t, n]) => [`\`${t}\``, String(n)])));
  }
  if (r.issues.length > 0) {
    out.push("", `## Data issues (${r.issues.length})`, "");
    for (const i of r.issues.slice(0, 50)) out.push(`- ${mdCell(i.location)}: ${mdCell(i.message)}`);
    if (r.issues.length > 50) out.push(`- … and ${r.issues.length - 50} more (see results.json)`);
  }
  return `${out.join("\n")}\n`;
}
