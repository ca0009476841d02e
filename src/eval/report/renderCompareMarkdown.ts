import type { RunComparison } from "./compareRuns.js";
import { formatF1, formatPercent } from "./formatScore.js";
import { mdCell } from "./renderSummaryMarkdown.js";

/** The comparison as Markdown: one table per section, a column per run with its delta to the first. */
export function renderCompareMarkdown(c: RunComparison): string {
  const out: string[] = ["# hammer eval compare", ""];
  out.push("| Run | Model | Bench | Tools | Samples | Errors |", "| --- | --- | --- | --- | ---: | ---: |");
  for (const r of c.runs) out.push(`| ${mdCell(r.label)} | ${mdCell(r.model)} | ${mdCell(r.bench)} | ${r.masked ? `**${mdCell(r.mask)}**` : mdCell(r.mask)} | ${r.samples} | ${r.errors} |`);
  for (const section of [...new Set(c.rows.map((r) => r.section))]) {
    out.push("", `## ${section}`, "");
    out.push(`| Score | ${c.runs.map((r, i) => mdCell(i === 0 ? r.label : `${r.label} (Δ vs ${c.runs[0]?.label ?? ""})`)).join(" | ")} |`);
    out.push(`| --- | ${c.runs.map(() => "---:").join(" | ")} |`);
    for (const row of c.rows.filter((r) => r.section === section)) {
      const cells = row.values.map((v, i) => {
        const value = row.kind === "percent" ? formatPercent(v) : formatF1(v);
        const d = row.deltas[i];
        return d ? `${value} (${d})` : value;
      });
      out.push(`| ${mdCell(row.label)} | ${cells.join(" | ")} |`);
    }
  }
  out.push("", "Masked runs are shown in bold. Δ: difference to the first run (percentage points for BFCL accuracy, F1 units for Hammer sets).");
  return `${out.join("\n")}\n`;
}
