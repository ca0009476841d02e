import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { EXIT_CODES } from "../../core/errorCodes.js";
import { HammerError } from "../../core/errors.js";
import type { FormatName } from "../../core/formats/index.js";
import { DECODINGS, type Decoding, type Engine } from "../../engine/index.js";
import { defaultDatasetsDir, describeModelFile, parseBenchList, parseMaskList, progressReporter, RUN_DEFAULTS, runEval, type ModelMeta, type RunResults } from "../../eval/index.js";
import { engineOptions, type EngineChoice } from "../engineOptions.js";
import { action, usageCheck } from "../run.js";

interface RunFlags {
  bench: string;
  format?: FormatName;
  data?: string;
  limit?: number;
  concurrency?: number;
  parallel?: number;
  mask?: string;
  decoding: Decoding;
  seed: number;
  temperature: number;
  maxTokens: number;
  timeout: number;
  resume?: boolean;
  out: string;
  quiet?: boolean;
}

/** `hammer eval run`: run a model on BFCL / Hammer benches, log every answer, score and report. */
export function register(evalCmd: Command): void {
  const command = evalCmd
    .command("run")
    .description("Run a model (local GGUF or OpenAI-compatible endpoint) on BFCL v3 / Hammer benchmark sets; write predictions, results.json, summary.md and report.html")
    .requiredOption("--bench <list>", "comma-separated: bfcl:<category>, bfcl:all, hammer:<set>, hammer:all")
    .option("--data <dir>", "folder holding bfcl_v3/ and/or hammer_eval/ (default: the datasets cache)")
    .option("--limit <n>", "only the first N samples of each category / set", integer(1, 1e9))
    .option("--concurrency <n>", "samples in flight (default: the engine's parallel sequences)", integer(1, 1024))
    .option("--mask <list>", "robustness mode: mask names, params and/or defaults (comma-separated) before prompting")
    .addOption(new Option("--decoding <mode>", "constrained: under the tool-call grammar; free: no grammar, the raw text scored as BFCL decodes it").choices(DECODINGS).default("constrained"))
    .option("--seed <n>", "sampling and masking seed", integer(0, 2 ** 32 - 1), RUN_DEFAULTS.seed)
    .option("--temperature <t>", "sampling temperature (0 = greedy)", temperatureOf, RUN_DEFAULTS.temperature)
    .option("--max-tokens <n>", "most tokens per answer", integer(1, 1_000_000), RUN_DEFAULTS.maxTokens)
    .option("--timeout <seconds>", "give up on a sample after this long and record a timeout (0 = never)", secondsOf, 0)
    .option("--resume", "continue the run in --out (its bench, model, format, decoding, mask and seed must match)")
    .requiredOption("--out <dir>", "run folder")
    .option("--quiet", "no progress output");
  const engine = engineOptions(command, {
    endpointMode: "chat",
    defaultModel: true,
    aliases: { "--api-key": "--endpoint-api-key" },
    parallelHelp: "engine sequences (local model) or requests in flight (endpoint) (default: --concurrency, else 1 / 4)",
  });
  command
    .showHelpAfterError(false)
    .addHelpText("after", HELP)
    .action(action((flags: RunFlags, cmd: Command) => runCommand(flags, engine.read(cmd))));
}

const HELP = `
Output folder (--out):
  run.json           the run's config (checked by --resume) and sessions
  predictions.jsonl  one line per sample as it is answered: {"id", "output", "tool_calls", "finish_reason",
                     "latency_ms", "usage"} (+ "error", "mask"); \`hammer eval score\` reads it too
  results.json       verdicts per sample, scores per category / set, BFCL's columns, Hammer's F1, run metadata
  summary.md         the tables; report.html: one self-contained page with bars and the failed samples

Requests: the sample's conversation (API-Bank dialogues: user → user, agent → assistant text, API requests
→ assistant tool calls, API results → tool messages), its tools (BFCL Java/JavaScript parameters as strings,
as BFCL prepares them), tool choice auto, temperature 0 and the seed unless given.

Free decoding (--decoding free): no grammar; calls are parsed from the model's text, and a turn without a
readable call is scored from its raw text as BFCL decodes it (a decode failure is wrong, with its error type).
With --endpoint in chat mode the server decides (hammer serve --decoding free for hammer's own server).

Multi-turn (bfcl:multi_turn_*, part of bfcl:all): each entry is a conversation. Per user turn the model
answers in steps; each step's calls run on BFCL's simulated APIs (our ports) and their results go back as
tool messages until a reply has no call (at most 20 steps a turn, as BFCL). At a miss_func turn the held-out
functions join the tools with BFCL's "I have updated some more functions" message. The log line holds
"turns" (per turn, per step, the calls); --timeout applies to the whole conversation; --mask does not
apply (conversations run unmasked).

Robustness mode (--mask): each sample's function names, parameter names and/or default values become seeded
random strings (Hammer's masking, fixed mode; seeded by --seed and the sample id) before prompting; answers
are mapped back and scored against the original gold. A name the prompt never showed scores as wrong.
Compare with an unmasked run: hammer eval compare UNMASKED_DIR MASKED_DIR --out compare.html

Examples:
  hammer eval run --bench bfcl:all --model model.gguf --out runs/base
  hammer eval run --bench bfcl:all --model model.gguf --mask names --out runs/names
  hammer eval run --bench hammer:all --endpoint http://localhost:8080/v1 --endpoint-model m --out runs/ep
`;

async function runCommand(flags: RunFlags, choice: EngineChoice): Promise<void> {
  // Everything that can be checked without a model is checked first: bad flags fail in a moment.
  usageCheck(() => parseBenchList(flags.bench));
  const mask = flags.mask === undefined ? null : usageCheck(() => parseMaskList(flags.mask as string));
  if (flags.decoding === "free" && choice.spec.backend === "openai" && (choice.spec.mode ?? "chat") === "chat") {
    usageCheck(() => {
      throw new HammerError("INPUT_INVALID", "--decoding free: in chat mode the server decodes; start it with `hammer serve --decoding free`, or use --endpoint-mode completions");
    });
  }
  const dataDir = path.resolve(flags.data ?? defaultDatasetsDir());
  if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
    if (flags.data !== undefined) throw new HammerError("NOT_FOUND", `--data: no such folder ${dataDir}`);
    throw new HammerError("NOT_FOUND", `no datasets in ${dataDir}; run \`hammer datasets fetch\` or pass --data DIR`);
  }

  const { engine, model } = await openEngine(choice, flags);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write("\nhammer eval: stopping (answers in flight are dropped; Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  const progress = flags.quiet ? null : progressReporter(process.stderr, "hammer eval");
  try {
    const outcome = await runEval({
      bench: flags.bench,
      dataDir,
      outDir: flags.out,
      engine,
      model,
      requestedFormat: flags.format ?? null,
      limit: flags.limit ?? null,
      ...(flags.concurrency !== undefined ? { concurrency: flags.concurrency } : {}),
      mask,
      decoding: flags.decoding,
      seed: flags.seed,
      temperature: flags.temperature,
      maxTokens: flags.maxTokens,
      timeoutMs: flags.timeout,
      resume: flags.resume === true,
      signal: controller.signal,
      ...(progress ? { onProgress: (p) => progress.update(p) } : {}),
    });
    progress?.stop();
    if (outcome.cutBytes > 0) process.stderr.write(`hammer eval: dropped a torn last line (${outcome.cutBytes} bytes) of the predictions log; that sample was redone\n`);
    if (!outcome.results) {
      process.stderr.write(`hammer eval: interrupted; the answers so far are in ${outcome.dir}. Continue with the same command and --resume\n`);
      process.exitCode = EXIT_CODES.interrupted;
      return;
    }
    process.stdout.write(headline(outcome.results, outcome.dir));
  } finally {
    progress?.stop();
    process.off("SIGINT", onSigint);
    await engine.close();
  }
}

async function openEngine(choice: EngineChoice, flags: RunFlags): Promise<{ engine: Engine; model: ModelMeta }> {
  // Loaded here: the rest of the CLI should not pay for llama.cpp.
  const { prepareEngine } = await import("../../engine/index.js");
  const spec = { ...choice.spec };
  if (spec.parallel === undefined && flags.concurrency !== undefined) spec.parallel = flags.concurrency;
  if (spec.backend === "openai") spec.maxTokens = flags.maxTokens;
  const prepared = await prepareEngine(spec, choice.prepare);
  const { target } = prepared;
  const model: ModelMeta =
    target.backend === "openai" ? { name: target.model, endpoint: target.baseUrl, endpointMode: spec.backend === "openai" ? (spec.mode ?? "chat") : "chat" } : await describeModelFile(target.path, target.ref);
  return { engine: await prepared.load(), model };
}

/** What a finished run prints: where its files are and its headline scores. */
function headline(r: RunResults, dir: string): string {
  const pct = (x: number | null) => (x === null ? "n/a" : `${(x * 100).toFixed(2)}%`);
  const f1 = (x: number | null) => (x === null ? "n/a" : x.toFixed(4));
  const lines = [`hammer eval: ${r.counts.samples} samples, ${r.counts.correct} correct, ${r.counts.errors} generation error(s) in ${(r.timing.wall_ms / 1000).toFixed(1)} s`];
  const bfcl = r.parts.filter((p) => p.kind === "bfcl");
  if (bfcl.length > 0) lines.push(`  BFCL v3 categories: ${bfcl.map((p) => `${p.part.slice(5)} ${pct(p.accuracy)}`).join(", ")}`);
  const s = r.bfcl_summary;
  if (s && [s.non_live_ast, s.live_overall, s.relevance, s.irrelevance, s.multi_turn].some((x) => x !== null)) {
    lines.push(`  BFCL v3: Non-Live AST ${pct(s.non_live_ast)}, Live ${pct(s.live_overall)}, Relevance ${pct(s.relevance)}, Irrelevance ${pct(s.irrelevance)}, Multi-turn ${pct(s.multi_turn)}, Overall ${pct(s.overall)}`);
  }
  const a = r.hammer_average;
  if (a) lines.push(`  Hammer sets: F1 Func-Name ${f1(a.official.f1_api)}, F1 Args ${f1(a.official.f1_param)} (corrected ${f1(a.corrected.f1_api)} / ${f1(a.corrected.f1_param)})`);
  lines.push(`  ${path.join(dir, "results.json")}`, `  ${path.join(dir, "summary.md")}`, `  ${path.join(dir, "report.html")}`);
  return `${lines.join("\n")}\n`;
}

function integer(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

function temperatureOf(v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("expected a number from 0 to 100");
  return n;
}

function secondsOf(v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError("expected a number of seconds ≥ 0");
  return Math.round(n * 1000);
}
