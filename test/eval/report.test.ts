import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeError } from "../../src/core/errors.js";
import {
  compareRuns,
  readRunResults,
  renderCompareHtml,
  renderCompareMarkdown,
  renderReportHtml,
  renderSummaryMarkdown,
  runEval,
  type RunResults,
} from "../../src/eval/run/index.js";
import { FIXTURE_BENCH, writeFixtureData } from "./support/fixtureData.js";
import { GoldEngine } from "./support/GoldEngine.js";
import { loadItems } from "./support/loadFixtureItems.js";

// Reports from results fixtures: two runs of the fixture benches, one unmasked (one answer calls a
// tool named `<script>…`), one masked with a model that ignores the masked names.

const XSS_NAME = "<script>alert(1)</script>";
const XSS_ARG = "</pre><img src=x onerror=alert(2)>";
let data: { dir: string; cleanup: () => void };
let out: string;
let plain: RunResults;
let masked: RunResults;
beforeAll(async () => {
  data = writeFixtureData();
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-report-"));
  const items = loadItems(FIXTURE_BENCH, data.dir);
  const a = await runEval({
    bench: FIXTURE_BENCH,
    dataDir: data.dir,
    outDir: path.join(out, "unmasked"),
    engine: new GoldEngine(items, "original", { multiple_0: [{ name: XSS_NAME, arguments: { x: XSS_ARG } }] }),
    model: { name: "gold" },
  });
  const b = await runEval({
    bench: FIXTURE_BENCH,
    dataDir: data.dir,
    outDir: path.join(out, "masked-names"),
    engine: new GoldEngine(items, "original"),
    model: { name: "gold" },
    mask: { names: true, params: false, defaults: false },
  });
  plain = a.results as RunResults;
  masked = b.results as RunResults;
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe("summary.md", () => {
  it("has BFCL's columns, a row per category, and Hammer's F1 table with both variants and the average", () => {
    const md = readFileSync(path.join(out, "unmasked", "summary.md"), "utf8");
    expect(md).toBe(renderSummaryMarkdown(plain));
    expect(md).toContain("| Overall | Non-Live AST | Non-Live overall | Live | Relevance | Irrelevance | Multi-turn |");
    // Columns whose categories were not all run are n/a, as in BFCL's aggregation.
    expect(md).toContain("| n/a | n/a | n/a | n/a | n/a | n/a | n/a |");
    expect(md).toContain("n/a: a column needs categories that were not run (java, javascript, parallel_multiple, live_simple");
    expect(md).toContain("| Category | Column | Correct | Total | Accuracy | Errors |");
    expect(md).toContain("| simple | Non-Live AST (simple) | 2 | 2 | 100.00% | 0 |");
    expect(md).toContain("| multiple | Non-Live AST | 0 | 1 | 0.00% | 0 |");
    expect(md).toContain("| irrelevance | Irrelevance | 1 | 1 | 100.00% | 0 |");
    expect(md).toContain("| Set | F1 Func-Name | F1 Args | F1 Func-Name (corrected) | F1 Args (corrected) | Exact | Total | Errors |");
    expect(md).toContain("| apibank_l1 | 1.0000 | 1.0000 | 1.0000 | 1.0000 | 1 | 1 | 0 |");
    expect(md).toContain("| **Average** | 1.0000 | 1.0000 | 1.0000 | 1.0000 |  |  |  |");
    expect(md).toContain("| `simple_function_checker:wrong_func_name` | 1 |");
    expect(renderSummaryMarkdown(masked)).toContain("| Tools | masked: names (fixed mode, seed 0) |");
  });
});

describe("report.html", () => {
  it("is one self-contained file: no external references, one inline script, one inline style", () => {
    const html = readFileSync(path.join(out, "unmasked", "report.html"), "utf8");
    expect(html).toBe(renderReportHtml(plain));
    expect(html.toLowerCase()).not.toContain("http");
    expect(html).not.toMatch(/<(link|img|iframe)\b/i);
    expect(html.match(/<script/gi)).toHaveLength(1);
    expect(html).toContain("<script>\ndocument.querySelectorAll");
    expect(html.match(/<style>/g)).toHaveLength(1);
  });

  it("escapes every piece of user text", () => {
    const html = renderReportHtml(plain);
    expect(html).not.toContain(XSS_NAME);
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;/pre&gt;&lt;img src=x onerror=alert(2)&gt;");
  });

  it("shows the failed samples with expected, got and raw output, filterable by part and error type", () => {
    const html = renderReportHtml(plain);
    expect(html).toContain('<table id="failures">');
    expect(html).toContain('data-part="bfcl:multiple" data-type="simple_function_checker:wrong_func_name"');
    expect(html).toContain('<option value="bfcl:multiple">');
    expect(html).toMatch(/Expected<\/div><pre>\[\n \{\n  &quot;book_flight&quot;: \{/);
    expect(html).toMatch(/Raw output · finish tool_calls<\/div><pre>```\n\[\{&quot;name&quot;:&quot;&lt;script&gt;/);
    expect(html).toContain("Failed samples (1)");
    const m = renderReportHtml(masked);
    expect(m).toContain("Robustness mode.");
    expect(m).toContain("function names were replaced");
    expect(m).toContain("unshown:get_weather");
    expect(m).toContain("get_weather →"); // the masking of a failed sample
  });
});

describe("compare", () => {
  it("puts runs side by side with deltas against the first, masked runs marked", () => {
    const c = compareRuns([
      { label: "unmasked", results: plain },
      { label: "masked-names", results: masked },
    ]);
    const simple = c.rows.find((r) => r.key === "bfcl:simple");
    expect(simple).toMatchObject({ values: [1, 0], deltas: [null, "-100.00 pt"], details: ["2/2", "0/2"] });
    expect(c.rows.find((r) => r.key === "bfcl:irrelevance")?.deltas).toEqual([null, "±0.00 pt"]);
    expect(c.rows.find((r) => r.key === "bfcl/pooled")).toMatchObject({ values: [0.8, 0.2], details: ["4/5", "1/5"], deltas: [null, "-60.00 pt"] });
    expect(c.rows.some((r) => r.key === "bfcl/overall")).toBe(false); // n/a in both runs
    expect(c.rows.find((r) => r.key === "hammer:sealtool/f1_api")?.values).toEqual([1, null]);
    expect(c.runs.map((r) => [r.label, r.mask, r.masked])).toEqual([
      ["unmasked", "unmasked", false],
      ["masked-names", "masked: names", true],
    ]);

    const html = renderCompareHtml(c);
    expect(html.toLowerCase()).not.toContain("http");
    expect(html).toContain("Masked vs unmasked.");
    expect(html).toContain('<th class="masked">masked-names<br><span class="badge mask">masked: names</span>');
    expect(html).toContain('<span class="delta down">-100.00 pt</span>');

    const md = renderCompareMarkdown(c);
    expect(md).toContain("| Score | unmasked | masked-names (Δ vs unmasked) |");
    expect(md).toContain("| simple | 100.00% | 0.00% (-100.00 pt) |");
    expect(md).toContain("| masked-names | gold (llama) | bfcl:simple,bfcl:multiple,bfcl:parallel,bfcl:irrelevance,hammer:apibank_l1,hammer:sealtool | **masked: names** | 7 | 0 |");
  });

  it("gives a one-category baseline its pooled score beside runs of several categories, and keeps it last in its section", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const one = await runEval({ bench: "bfcl:simple", dataDir: data.dir, outDir: path.join(out, "simple-only"), engine: new GoldEngine(items, "original"), model: { name: "gold" } });
    const c = compareRuns([
      { label: "simple-only", results: one.results as RunResults },
      { label: "unmasked", results: plain },
    ]);
    expect(c.rows.find((r) => r.key === "bfcl/pooled")).toMatchObject({ values: [1, 0.8], details: ["2/2", "4/5"], deltas: [null, "-20.00 pt"] });
    const categories = c.rows.filter((r) => r.section === "BFCL v3 categories").map((r) => r.key);
    expect(categories.at(-1)).toBe("bfcl/pooled");
    expect(categories).toContain("bfcl:multiple");
    // one category on every side: the pooled row would only repeat it
    expect(compareRuns([{ label: "a", results: one.results as RunResults }, { label: "b", results: one.results as RunResults }]).rows.some((r) => r.key === "bfcl/pooled")).toBe(false);
  });

  it("reads a run folder's results.json, and says why a folder has none", () => {
    expect(readRunResults(path.join(out, "unmasked")).counts).toEqual(plain.counts);
    const empty = path.join(out, "empty");
    mkdirSync(empty);
    let message = "";
    try {
      readRunResults(empty);
    } catch (e) {
      message = describeError(e);
    }
    expect(message).toMatch(/empty\/results\.json: no results\.json \(not a run folder of `hammer eval run`\)/);
  });
});
