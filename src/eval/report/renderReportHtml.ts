import { pyJsonDumps } from "../../core/python/index.js";
import type { RunResults, SampleResult } from "../run/types.js";
import { escapeHtml } from "./escapeHtml.js";
import { formatF1, formatPercent } from "./formatScore.js";
import { barHtml, htmlPage } from "./htmlPage.js";
import { modelDescription } from "./renderSummaryMarkdown.js";
import { maskLabel } from "./runLabel.js";
import { bfclGroupOf } from "./scoreRows.js";

/** Failed samples shown in full; results.json has them all. */
export const REPORT_LIMITS = Object.freeze({ failures: 2000, textChars: 6000, errorChars: 300 });

const e = escapeHtml;

/**
 * `report.html`: one self-contained page — headline scores, per-category bars, Hammer F1 per
 * set, failures by error type, and a sortable, filterable list of failed samples with expected
 * vs got and the raw output. Every piece of data is HTML-escaped.
 */
export function renderReportHtml(r: RunResults): string {
  const masked = r.run.mask !== null;
  const body: string[] = [];
  body.push(`<h1>Eval report · ${e(r.run.bench).replaceAll(",", ",<wbr>")}</h1>`);
  body.push(
    `<p class="sub">${e(modelDescription(r))} · format <code>${e(r.run.format)}</code> · ${maskBadge(r)} · ${e(r.timing.finished_at.replace("T", " ").replace(/\.\d+Z$/, " UTC"))}</p>`,
  );
  if (masked) {
    body.push(
      `<div class="banner"><strong>Robustness mode.</strong> Every sample's ${e(maskParts(r))} were replaced by seeded random strings (Hammer's function masking, fixed mode, seed ${r.run.seed}) before prompting; answers were mapped back and scored against the original gold. Put this run beside an unmasked one with <code>hammer eval compare UNMASKED_DIR THIS_DIR</code> to see how much the model relies on names.</div>`,
    );
  }
  body.push(cards(r));
  body.push(bfclSection(r));
  body.push(hammerSection(r));
  body.push(errorTypeSection(r));
  body.push(failureSection(r));
  body.push(metaSection(r));
  return htmlPage(`Eval report · ${r.run.bench}`, body.filter((b) => b !== "").join("\n"));
}

function maskBadge(r: RunResults): string {
  return r.run.mask ? `<span class="badge mask">${e(maskLabel(r))}</span>` : `<span class="badge plain">unmasked</span>`;
}

function maskParts(r: RunResults): string {
  const m = r.run.mask;
  if (!m) return "";
  const words = [m.names ? "function names" : "", m.params ? "parameter names" : "", m.defaults ? "default values" : ""].filter((w) => w !== "");
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

function card(label: string, value: string, sub = ""): string {
  return `<div class="card"><div class="k">${e(label)}</div><div class="v">${e(value)}</div>${sub ? `<div class="note">${e(sub)}</div>` : ""}</div>`;
}

/** Headline numbers; a score that is n/a (its categories were not all run) gets no card. */
function cards(r: RunResults): string {
  const out: string[] = [];
  const bfcl = r.parts.filter((p) => p.kind === "bfcl");
  if (bfcl.length > 0) {
    const correct = bfcl.reduce((a, p) => a + p.correct, 0);
    const total = bfcl.reduce((a, p) => a + p.total, 0);
    out.push(card("BFCL samples correct", formatPercent(total === 0 ? null : correct / total), `${correct} / ${total}, all categories run`));
  }
  const s = r.bfcl_summary;
  if (s) {
    const cols = [
      ["BFCL Non-Live AST", s.non_live_ast],
      ["BFCL Live", s.live_overall],
      ["BFCL Relevance", s.relevance],
      ["BFCL Irrelevance", s.irrelevance],
    ] as const;
    for (const [label, v] of cols) if (v !== null) out.push(card(label, formatPercent(v)));
  }
  const a = r.hammer_average;
  const sets = r.parts.filter((p) => p.kind === "hammer").length;
  if (a) {
    const scope = sets > 1 ? `mean of ${sets} sets` : "";
    if (a.official.f1_api !== null) out.push(card("Hammer F1 Func-Name", formatF1(a.official.f1_api), scope));
    if (a.official.f1_param !== null) out.push(card("Hammer F1 Args", formatF1(a.official.f1_param), scope));
    if (a.official.f1_api === null && a.corrected.f1_api !== null) out.push(card("Hammer F1 Func-Name (corr.)", formatF1(a.corrected.f1_api), scope));
  }
  const c = r.counts;
  out.push(card("Correct", `${c.correct} / ${c.samples}`, "exact, all parts"), card("Generation errors", String(c.errors)));
  return `<div class="cards">${out.join("")}</div>`;
}

function bfclSection(r: RunResults): string {
  const parts = r.parts.filter((p) => p.kind === "bfcl");
  const s = r.bfcl_summary;
  if (parts.length === 0 || !s) return "";
  const masked = r.run.mask !== null;
  const summary = [
    ["Overall", s.overall],
    ["Non-Live AST", s.non_live_ast],
    ["Non-Live overall", s.non_live_overall],
    ["Live", s.live_overall],
    ["Relevance", s.relevance],
    ["Irrelevance", s.irrelevance],
    ["Multi-turn", s.multi_turn],
  ] as const;
  const rows = parts.map((p) => {
    const cat = p.part.slice("bfcl:".length);
    return `<tr><td><code>${e(cat)}</code></td><td>${e(bfclGroupOf(cat))}</td><td data-v="${p.accuracy}">${barHtml(p.accuracy, masked)}</td><td class="n" data-v="${p.accuracy}">${formatPercent(p.accuracy)}</td><td class="n" data-v="${p.correct}">${p.correct} / ${p.total}</td><td class="n" data-v="${p.errors}">${p.errors}</td></tr>`;
  });
  const notes: string[] = [];
  if (s.missing_categories.length > 0) notes.push(`n/a columns need categories that were not run: ${s.missing_categories.join(", ")}.`);
  if (r.run.limit !== null) notes.push(`Only the first ${r.run.limit} samples of each category were run.`);
  const columns = summary.some(([, v]) => v !== null)
    ? `<div class="scroll" style="margin-bottom:14px"><table><thead><tr>${summary.map(([k]) => `<th class="n">${e(k)}</th>`).join("")}</tr></thead><tbody><tr>${summary.map(([, v]) => `<td class="n">${formatPercent(v)}</td>`).join("")}</tr></tbody></table></div>`
    : "";
  return `<h2>BFCL v3</h2>
${columns}<div class="scroll"><table><thead><tr><th data-sort>Category</th><th data-sort>Column</th><th data-sort style="width:34%">Accuracy</th><th data-sort class="n">%</th><th data-sort class="n">Correct</th><th data-sort class="n">Errors</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>
<p class="note">${e(notes.join(" "))}</p>`;
}

function hammerSection(r: RunResults): string {
  const parts = r.parts.filter((p) => p.kind === "hammer");
  if (parts.length === 0) return "";
  const masked = r.run.mask !== null;
  const f1Cell = (v: number | null) => `<td data-v="${v ?? -1}"><span>${formatF1(v)}</span>${barHtml(v, masked)}</td>`;
  const rows = parts.map(
    (p) =>
      `<tr><td><code>${e(p.part.slice("hammer:".length))}</code></td>${f1Cell(p.official?.f1_api ?? null)}${f1Cell(p.official?.f1_param ?? null)}${f1Cell(p.corrected?.f1_api ?? null)}${f1Cell(p.corrected?.f1_param ?? null)}<td class="n" data-v="${p.correct}">${p.correct} / ${p.total}</td><td class="n" data-v="${p.errors}">${p.errors}</td></tr>`,
  );
  const a = r.hammer_average;
  const avg =
    a && parts.length > 1
      ? `<tr class="section"><td>Average</td>${[a.official.f1_api, a.official.f1_param, a.corrected.f1_api, a.corrected.f1_param].map((v) => `<td>${formatF1(v)}</td>`).join("")}<td></td><td></td></tr>`
      : "";
  return `<h2>Hammer sets</h2>
<div class="scroll"><table><thead><tr><th data-sort>Set</th><th data-sort>F1 Func-Name</th><th data-sort>F1 Args</th><th data-sort>F1 Func-Name (corr.)</th><th data-sort>F1 Args (corr.)</th><th data-sort class="n">Exact</th><th data-sort class="n">Errors</th></tr></thead><tbody>${rows.join("")}</tbody>${avg ? `<tfoot>${avg}</tfoot>` : ""}</table></div>
<p class="note">F1 Func-Name and F1 Args are Hammer's evaluate.py metrics (micro-averaged; F1 Args can exceed 1 through its empty-arguments bonus; bars are capped at 1). "corr." matches calls one-to-one and is bounded by 1. The average is unweighted over sets, as in the paper.</p>`;
}

function errorTypeSection(r: RunResults): string {
  const types = Object.entries(r.error_types).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  if (types.length === 0) return "";
  const max = Math.max(...types.map(([, n]) => n));
  const failed = r.samples.filter((s) => !s.correct).length;
  const rows = types.map(
    ([t, n]) => `<tr><td><code>${e(t)}</code></td><td style="width:45%">${barHtml(n / max)}</td><td class="n" data-v="${n}">${n}</td><td class="n">${formatPercent(failed === 0 ? 0 : n / failed)}</td></tr>`,
  );
  const kinds = Object.entries(r.counts.errors_by_kind);
  const note = kinds.length > 0 ? `<p class="note">Generation errors: ${e(kinds.map(([k, n]) => `${n} ${k}`).join(", "))} (see <code>hammer_fc:generation_error</code> rows below).</p>` : "";
  return `<h2>Failures by error type</h2>
<div class="scroll"><table><thead><tr><th data-sort>Error type</th><th></th><th data-sort class="n">Samples</th><th class="n">Share of failures</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>${note}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters in results.json)` : text;
}

function json(value: unknown): string {
  try {
    return pyJsonDumps(value, { ensureAscii: false, indent: 1 });
  } catch {
    return String(value);
  }
}

function failureRow(s: SampleResult): string {
  const error = s.error ?? "";
  const raw = s.raw_output ?? "(no output)";
  const text = `${s.id} ${s.part} ${s.error_type ?? ""} ${error} ${raw.slice(0, 2000)}`.toLowerCase();
  const blocks = [
    `<div class="k2">Expected</div><pre>${e(clip(json(s.expected), REPORT_LIMITS.textChars))}</pre>`,
    `<div class="k2">Got (decoded${s.mask ? ", unmasked" : ""})</div><pre>${e(clip(json(s.got), REPORT_LIMITS.textChars))}</pre>`,
    `<div class="k2">Raw output${s.mask ? " (masked names)" : ""}${s.finish_reason ? ` · finish ${e(s.finish_reason)}` : ""}</div><pre>${e(clip(raw, REPORT_LIMITS.textChars))}</pre>`,
  ];
  if (error !== "") blocks.push(`<div class="k2">Error</div><pre>${e(clip(error, REPORT_LIMITS.textChars))}</pre>`);
  if (s.mask && (s.mask.functions.length > 0 || s.mask.params.length > 0 || s.mask.values.length > 0)) {
    const lines = [
      ...s.mask.functions.map((f) => `${f.original} → ${f.masked}`),
      ...s.mask.params.map((p) => `${p.function}.${p.original} → ${p.masked}`),
      ...s.mask.values.map((v) => `${v.function}.${v.param} default ${json(v.originalDefault)} → ${json(v.maskedDefault)}`),
    ];
    blocks.push(`<div class="k2">Masking</div><pre>${e(clip(lines.join("\n"), REPORT_LIMITS.textChars))}</pre>`);
  }
  return `<tr data-part="${e(s.part)}" data-type="${e(s.error_type ?? "")}" data-text="${e(text)}"><td><code>${e(s.id)}</code></td><td>${e(s.part)}</td><td><code>${e(s.error_type ?? "")}</code></td><td>${e(clip(error, REPORT_LIMITS.errorChars))}<details><summary>expected vs got</summary>${blocks.join("")}</details></td></tr>`;
}

function failureSection(r: RunResults): string {
  const failures = r.samples.filter((s) => !s.correct);
  if (failures.length === 0) return `<h2>Failed samples</h2><p class="note">None: every sample is correct.</p>`;
  const shown = failures.slice(0, REPORT_LIMITS.failures);
  const parts = [...new Set(failures.map((s) => s.part))];
  const types = [...new Set(failures.map((s) => s.error_type ?? ""))].sort();
  const option = (v: string) => `<option value="${e(v)}">${e(v)}</option>`;
  const more = failures.length > shown.length ? `<p class="note">Showing the first ${shown.length} of ${failures.length} failures; results.json lists them all.</p>` : "";
  return `<h2>Failed samples (${failures.length})</h2>
<div class="controls"><input id="fq" type="search" placeholder="Filter by id, error or output…" aria-label="Filter failures"><select id="fpart" aria-label="Part"><option value="">All parts</option>${parts.map(option).join("")}</select><select id="ftype" aria-label="Error type"><option value="">All error types</option>${types.map(option).join("")}</select><span id="fcount" class="note"></span></div>
<div class="scroll"><table id="failures"><thead><tr><th data-sort style="width:18%">Sample</th><th data-sort style="width:14%">Part</th><th data-sort style="width:22%">Error type</th><th>Error</th></tr></thead><tbody>${shown.map(failureRow).join("")}</tbody></table></div>${more}`;
}

function metaSection(r: RunResults): string {
  const m = r.run.model;
  const rows: Array<[string, string]> = [
    ["Bench", r.run.bench],
    ["Parts", r.run.parts.join(", ")],
    ["Model", m.name],
    ["Backend", r.run.backend],
  ];
  if (m.ref) rows.push(["Model reference", m.ref]);
  if (m.path) rows.push(["Model file", m.path]);
  if (m.size_bytes !== null) rows.push(["Model size", `${m.size_bytes} bytes`]);
  if (m.sha256) rows.push(["Model sha256", m.sha256]);
  if (m.endpoint) rows.push(["Endpoint", `${m.endpoint}${m.endpoint_mode ? ` (${m.endpoint_mode} mode)` : ""}`]);
  rows.push(
    ["Prompt format", `${r.run.format}${r.run.requested_format ? "" : " (chosen by the engine)"}`],
    ["Decoding", r.run.decoding === "free" ? "free (no grammar)" : "constrained (grammar)"],
    ["Tools", r.run.mask ? `${maskLabel(r)} (fixed mode)` : "unmasked"],
    ["Sampling", `temperature ${r.run.temperature}, seed ${r.run.seed}, max ${r.run.max_tokens} tokens, tool choice auto`],
    ["Limit", r.run.limit === null ? "all samples" : `first ${r.run.limit} of each part`],
    ["Data", r.run.data_dir],
    ["Samples", `${r.counts.samples} (${r.counts.answered} answered, ${r.counts.errors} generation errors)`],
    ["Finish reasons", Object.entries(r.counts.finish_reasons).map(([k, n]) => `${k} ${n}`).join(", ") || "none"],
    ["Tokens", `${r.counts.prompt_tokens} prompt, ${r.counts.completion_tokens} completion`],
    ["Time", `${(r.timing.wall_ms / 1000).toFixed(1)} s, ${r.timing.sessions} session(s), concurrency ${r.timing.concurrency}`],
    ["Latency per sample", `mean ${r.timing.mean_latency_ms ?? "n/a"} ms, p50 ${r.timing.p50_latency_ms ?? "n/a"} ms, p95 ${r.timing.p95_latency_ms ?? "n/a"} ms`],
    ["Started / finished", `${r.timing.started_at} / ${r.timing.finished_at}`],
    ["Versions", `hammer-fc ${r.run.versions.hammer_fc ?? "?"}, node ${r.run.versions.node}, node-llama-cpp ${r.run.versions.node_llama_cpp ?? "?"}`],
  );
  if (r.run.not_present.length > 0) rows.push(["Not in the data dir", r.run.not_present.join(", ")]);
  if (r.issues.length > 0) rows.push(["Data issues", `${r.issues.length} (see results.json)`]);
  return `<h2>Run</h2><div class="scroll"><table class="meta"><tbody>${rows.map(([k, v]) => `<tr><td>${e(k)}</td><td>${e(v)}</td></tr>`).join("")}</tbody></table></div>`;
}
