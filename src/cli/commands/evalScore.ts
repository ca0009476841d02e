import type { Command } from "commander";
import { benchScoreJson, defaultDatasetsDir, formatBenchScore, parseBenchName, readPredictionsFile, scoreBench } from "../../eval/index.js";
import { action, usageCheck } from "../run.js";

interface ScoreFlags {
  bench: string;
  data?: string;
  predictions: string;
  json?: boolean;
  strict?: boolean;
  underscoreToDot?: boolean;
}

const MAX_ISSUE_LINES = 50;

/** `hammer eval score`: score a predictions file offline. */
export function register(evalCmd: Command): void {
  evalCmd
    .command("score")
    .description(
      'Score a predictions file (JSON Lines of {"id", "output"}, {"id", "tool_calls"} or, multi-turn, {"id", "turns"}) with BFCL\'s AST or multi-turn checker or Hammer\'s F1 metrics',
    )
    .requiredOption("--bench <name>", "bfcl:<category>, bfcl:all, hammer:<set> or hammer:all")
    .option("--data <dir>", "folder holding bfcl_v3/ and/or hammer_eval/ (default: the datasets cache)")
    .requiredOption("--predictions <file>", "predictions, one JSON object per line")
    .option("--json", "print one JSON object {bench, metrics, samples}")
    .option("--strict", "irrelevance: count a malformed call as a call (BFCL counts it as an abstention)")
    .option("--underscore-to-dot", "expected names with '.' are written with '_' (the model saw OpenAI-style names)")
    .action(
      action((flags: ScoreFlags) => {
        const bench = usageCheck(() => parseBenchName(flags.bench));
        const predictions = readPredictionsFile(flags.predictions);
        const score = scoreBench(bench, flags.data ?? defaultDatasetsDir(), predictions, {
          strict: flags.strict === true,
          underscoreToDot: flags.underscoreToDot === true,
        });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(benchScoreJson(score))}\n`);
          for (const i of score.issues.slice(0, MAX_ISSUE_LINES)) process.stderr.write(`hammer: ${i.location}: ${i.message}\n`);
          if (score.issues.length > MAX_ISSUE_LINES) process.stderr.write(`hammer: … and ${score.issues.length - MAX_ISSUE_LINES} more issues\n`);
          if (score.missingPredictions > 0) process.stderr.write(`hammer: ${score.missingPredictions} sample(s) had no prediction and count as failures\n`);
        } else {
          process.stdout.write(`${formatBenchScore(score, { maxIssues: MAX_ISSUE_LINES })}\n`);
        }
      }),
    );
}
