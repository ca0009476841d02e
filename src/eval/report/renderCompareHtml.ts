import type { RunComparison } from "./compareRuns.js";
import { escapeHtml as e } from "./escapeHtml.js";
import { formatF1, formatPercent } from "./formatScore.js";
import { barHtml, htmlPage } from "./htmlPage.js";

/**
 * The comparison as one self-contained page: a column per run (masked runs tinted and badged),
 * each score with a bar and its difference to the first run, grouped by section.
 */
export function renderCompareHtml(c: RunComparison): string {
  const cls = (i: number) => (c.runs[i]?.masked ? ' class="masked"' : "");
  const head = c.runs
    .map(
      (r, i) =>
        `<th${cls(i)}>${e(r.label)}<br><span class="badge ${r.masked ? "mask" : "plain"}">${e(r.mask)}</span>${i === 0 ? ' <span class="badge plain">baseline</span>' : ""}</th>`,
    )
    .join("");
  const body: string[] = [];
  for (const section of [...new Set(c.rows.map((r) => r.section))]) {
    body.push(`<tr class="section"><td colspan="${c.runs.length + 1}">${e(section)}</td></tr>`);
    for (const row of c.rows.filter((r) => r.section === section)) {
      const cells = row.values.map((v, i) => {
        const value = row.kind === "percent" ? formatPercent(v) : formatF1(v);
        const d = row.deltas[i] ?? null;
        const dir = d === null ? "" : d.startsWith("+") ? "up" : d.startsWith("-") ? "down" : "";
        const detail = row.details[i] ? ` <span class="note">${e(row.details[i] as string)}</span>` : "";
        return `<td${cls(i)}><span>${value}</span>${detail}${barHtml(v, c.runs[i]?.masked === true)}${d ? `<span class="delta ${dir}">${e(d)}</span>` : ""}</td>`;
      });
      body.push(`<tr><td>${e(row.label)}</td>${cells.join("")}</tr>`);
    }
  }
  const runs = c.runs
    .map(
      (r, i) =>
        `<tr><td${cls(i)}>${e(r.label)}</td><td>${e(r.model)}</td><td>${e(r.bench).replaceAll(",", ",<wbr>")}</td><td><span class="badge ${r.masked ? "mask" : "plain"}">${e(r.mask)}</span></td><td class="n">${r.samples}</td><td class="n">${r.errors}</td></tr>`,
    )
    .join("");
  const masked = c.runs.some((r) => r.masked) && c.runs.some((r) => !r.masked);
  return htmlPage(
    "Eval comparison",
    `<h1>Eval comparison</h1>
<p class="sub">${c.runs.length} runs, each against the first (${e(c.runs[0]?.label ?? "")}).</p>
${masked ? '<div class="banner"><strong>Masked vs unmasked.</strong> Tinted columns are robustness runs: function names, parameter names and/or default values were replaced by random strings. The drop against an unmasked run shows how much the model relies on names rather than descriptions.</div>' : ""}
<h2>Runs</h2>
<div class="scroll"><table><thead><tr><th>Run</th><th>Model</th><th>Bench</th><th>Tools</th><th class="n">Samples</th><th class="n">Errors</th></tr></thead><tbody>${runs}</tbody></table></div>
<h2>Scores</h2>
<div class="scroll"><table><thead><tr><th>Score</th>${head}</tr></thead><tbody>${body.join("")}</tbody></table></div>
<p class="note">Δ: difference to the first run — percentage points for BFCL accuracy, F1 units for Hammer sets (evaluate.py's F1 Args can exceed 1; bars are capped at 1).</p>`,
  );
}
