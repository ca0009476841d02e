import path from "node:path";
import { pyJsonDumps } from "../../core/python/index.js";
import { renderReportHtml } from "../report/renderReportHtml.js";
import { renderSummaryMarkdown } from "../report/renderSummaryMarkdown.js";
import { RUN_FILES } from "./runFiles.js";
import type { RunResults } from "./types.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

/**
 * results.json (Python-style JSON, so `5.0` in expected/got values stays `5.0`), summary.md and
 * report.html, each written atomically.
 */
export function writeRunOutputs(dir: string, results: RunResults): void {
  writeFileAtomic(path.join(dir, RUN_FILES.results), `${pyJsonDumps(results, { ensureAscii: false, indent: 1 })}\n`);
  writeFileAtomic(path.join(dir, RUN_FILES.summary), renderSummaryMarkdown(results));
  writeFileAtomic(path.join(dir, RUN_FILES.report), renderReportHtml(results));
}
