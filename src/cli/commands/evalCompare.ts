import { writeFileSync } from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
import { compareRuns, readRunResults, renderCompareHtml, renderCompareMarkdown } from "../../eval/index.js";
import { action } from "../run.js";

interface CompareFlags {
  out?: string;
  markdown?: boolean;
}

/** `hammer eval compare`: several finished runs side by side. */
export function register(evalCmd: Command): void {
  evalCmd
    .command("compare")
    .description("Compare finished `eval run` folders side by side (scores per category and set, deltas against the first, masked runs highlighted)")
    .argument("<dirs...>", "run folders (or their results.json); the first is the baseline")
    .option("--out <file.html>", "write a self-contained HTML report")
    .option("--markdown", "print the comparison as Markdown (the default when --out is not given)")
    .showHelpAfterError(false)
    .action(
      action((dirs: string[], flags: CompareFlags) => {
        if (dirs.length < 2) throw new HammerError("USAGE", "compare needs at least two run folders");
        const runs = dirs.map((d) => ({ label: path.basename(path.resolve(d)).replace(/\.json$/, ""), results: readRunResults(d) }));
        const counts = new Map<string, number>();
        for (const r of runs) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
        // Two folders of the same name (a/run, b/run) need labels that tell them apart.
        runs.forEach((r, i) => {
          if ((counts.get(r.label) ?? 0) > 1) r.label = `${r.label} #${i + 1}`;
        });
        const comparison = compareRuns(runs);
        if (flags.out !== undefined) {
          try {
            writeFileSync(flags.out, renderCompareHtml(comparison));
          } catch (e) {
            throw fromSystemError(e, "cannot write the report", flags.out);
          }
          process.stderr.write(`hammer eval compare: wrote ${flags.out}\n`);
        }
        if (flags.markdown || flags.out === undefined) process.stdout.write(renderCompareMarkdown(comparison));
      }),
    );
}
