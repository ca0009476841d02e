import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { HammerError, Rng } from "../core/index.js";
import { parseBenchName } from "../eval/index.js";
import { trainerChildEnv, trainerPython, trainerRoot, venvLocation } from "../train/index.js";
import { ARMS, EVAL_MODES, type ArmName, type EvalModeName, type ExperimentOptions } from "./experimentOptions.js";
import { writeExperimentReport, type ExperimentReport } from "./report/writeExperimentReport.js";
import { runHammer, shellLine, STAGE_COMMANDS, type HammerRunner } from "./runHammer.js";
import { buildSplit } from "./split.js";
import { hashFile, runStageGraph, type GraphStage, type StageSpec } from "./stage.js";

export type ModelName = "base" | ArmName;
export const MODELS: readonly ModelName[] = ["base", ...ARMS.map((a) => a.name)];

/** Where each stage writes, relative to the experiment folder. */
export const LAYOUT = {
  commands: "commands.sh",
  split: "split",
  data: (arm: ArmName) => path.join("data", arm),
  train: (arm: ArmName) => path.join("train", arm),
  model: (m: ModelName) => path.join("models", m),
  evalRun: (m: ModelName, mode: EvalModeName) => path.join("eval", `${m}-${mode}`),
  report: "report",
} as const;

/** The source files of a bench (hashed into the split stage's inputs). */
function benchFiles(dataDir: string, bench: string): string[] {
  const b = parseBenchName(bench);
  return b.kind === "bfcl"
    ? b.parts.flatMap((c) => [`bfcl_v3/BFCL_v3_${c}.json`, `bfcl_v3/possible_answer/BFCL_v3_${c}.json`]).filter((f) => existsSync(path.join(dataDir, f)))
    : b.parts.map((s) => `hammer_eval/original/${s}.json`);
}

/** A seeded sample of n items, in their original order. */
function sampleRows<T>(rows: T[], n: number | null, seed: number): T[] {
  if (n === null || rows.length <= n) return rows;
  const rng = new Rng(seed);
  const idx = rows.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx.slice(0, n).sort((a, b) => a - b).map((i) => rows[i]!);
}

/** Whether a training run folder holds a complete checkpoint (state.json is written last). */
function hasCheckpoint(runDir: string): boolean {
  const dir = path.join(runDir, "checkpoints");
  return existsSync(dir) && readdirSync(dir).some((c) => existsSync(path.join(dir, c, "state.json")));
}

const jsonl = (rows: unknown[]) => rows.map((r) => `${JSON.stringify(r)}\n`).join("");

/**
 * Hammer's claim at small scale: train the same base twice on the same rows, with and without
 * function masking, then evaluate base and both on held-out benchmarks with names as they are
 * and masked. Stages (each skipped when its outputs match its inputs, so a rerun resumes):
 * split → data (2 arms) → train (2 arms) → export (base + 2) → eval (3 models × modes) → report.
 */
export async function runMaskingExperiment(o: ExperimentOptions): Promise<ExperimentReport> {
  const out = path.resolve(o.out);
  mkdirSync(out, { recursive: true });
  const s = o.settings;
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // One switch stops every running command: the caller's (Ctrl-C) or the graph's on a failure.
  const stop = new AbortController();
  if (o.signal?.aborted) stop.abort();
  o.signal?.addEventListener("abort", () => stop.abort(), { once: true });
  const runner: HammerRunner = { argv: o.hammer, cwd: out, showOutput: o.showOutput ?? false, signal: stop.signal };
  const at = (rel: string) => path.join(out, rel);
  const rel = (abs: string) => path.relative(out, abs) || ".";
  const trainPython = () => {
    try {
      return trainerPython(venvLocation(trainerRoot()));
    } catch (e) {
      throw new HammerError("ENVIRONMENT", `the trainer's virtualenv is missing (run: npx hammer train setup): ${(e as Error).message}`);
    }
  };

  const stages: GraphStage[] = [];
  const add = (spec: Omit<StageSpec, "inputs"> & { inputs: Record<string, unknown> }, upstream: string[] = [], threads = 1) => stages.push({ spec: spec as StageSpec, upstream, threads });

  // base: a GGUF or HF folder given, or (quick) a tiny random Qwen2 made by the trainer's make_tiny
  let baseModel = o.baseModel === null ? null : path.resolve(o.baseModel);
  if (baseModel === null) {
    if (!o.quick) throw new HammerError("USAGE", "--base is required (a GGUF file or Hugging Face folder), or use --quick", { location: "--base" });
    const dir = at("base");
    baseModel = path.join(dir, "tiny-qwen2");
    const tiny = baseModel;
    add({
      name: "base",
      dir,
      inputs: { kind: "make_tiny", arch: "qwen2" },
      outputs: ["tiny-qwen2/config.json"],
      run: async () => {
        const py = trainPython();
        writeFileSync(path.join(dir, STAGE_COMMANDS), `${shellLine([py, "-m", "hammer_trainer.make_tiny", "--arch", "qwen2", "--out", rel(tiny)])}\n`);
        await promisify(execFile)(py, ["-m", "hammer_trainer.make_tiny", "--arch", "qwen2", "--out", tiny], { env: trainerChildEnv(trainerRoot(), 1) });
      },
    });
  }
  const base = baseModel;
  const baseIsGguf = base.toLowerCase().endsWith(".gguf");
  const baseId = o.baseModel === null ? "tiny" : existsSync(base) ? hashFile(baseIsGguf ? base : path.join(base, "config.json")) : "missing";

  // split: source rows in xLAM layout, the evaluation ids and function names
  const sourceHashes = Object.fromEntries([...o.split.train, ...o.split.irrelevance, ...o.split.eval].flatMap((b) => benchFiles(o.dataDir, b)).map((f) => [f, hashFile(path.join(o.dataDir, f))]));
  add({
    name: "split",
    dir: at(LAYOUT.split),
    inputs: { split: o.split, sources: sourceHashes, maxTrainRows: s.maxTrainRows, maxIrrelevanceRows: s.maxIrrelevanceRows, seed: s.dataSeed },
    outputs: ["xlam.jsonl", "irrelevance.jsonl", "split.json"],
    run: async () => {
      const built = buildSplit(o.dataDir, o.split);
      const train = sampleRows(built.train, s.maxTrainRows, s.dataSeed);
      const irrelevance = sampleRows(built.irrelevance, s.maxIrrelevanceRows, s.dataSeed + 1);
      const dir = at(LAYOUT.split);
      writeFileSync(path.join(dir, "xlam.jsonl"), jsonl(train.map((r) => ({ id: `${r.bench}/${r.id}`, query: r.query, tools: JSON.stringify(r.tools), answers: JSON.stringify(r.answers) }))));
      writeFileSync(path.join(dir, "irrelevance.jsonl"), jsonl(irrelevance.map((r) => ({ id: `${r.bench}/${r.id}`, query: r.query, tools: JSON.stringify(r.tools), answers: "[]" }))));
      const perBench = (rows: typeof train) => Object.fromEntries([...new Set(rows.map((r) => r.bench))].map((b) => [b, rows.filter((r) => r.bench === b).length]));
      const summary = {
        split: o.split,
        rule: "train and evaluation benchmarks are disjoint; a training row sharing any function name (case-insensitive) or query with any sample of an evaluation benchmark is dropped",
        train_rows: perBench(train),
        irrelevance_rows: perBench(irrelevance),
        dropped: built.dropped,
        eval_ids: built.evalIds,
        eval_function_names: built.evalFunctionNames,
      };
      writeFileSync(path.join(dir, "split.json"), `${JSON.stringify(summary, null, 2)}\n`);
      await Promise.resolve();
    },
  });

  for (const arm of ARMS) {
    add(
      {
        name: `data ${arm.name}`,
        dir: at(LAYOUT.data(arm.name)),
        inputs: { maskRatio: arm.maskRatio, copies: s.copies, seed: s.dataSeed, format: "alpaca" },
        outputs: ["train.jsonl"],
        run: async () => {
          const dir = at(LAYOUT.data(arm.name));
          const args = ["data", "build", "--xlam", path.join(LAYOUT.split, "xlam.jsonl"), "--irrelevance", path.join(LAYOUT.split, "irrelevance.jsonl")];
          args.push("--copies", String(s.copies), "--mask-ratio", String(arm.maskRatio), "--seed", String(s.dataSeed), "--format", "alpaca", "--workers", "0", "--out", path.join(LAYOUT.data(arm.name), "train.jsonl"));
          await runHammer(runner, args, dir);
        },
      },
      ["split"],
    );
  }

  for (const arm of ARMS) {
    const dir = at(LAYOUT.train(arm.name));
    const run = path.join(LAYOUT.train(arm.name), "run");
    const hyper = {
      "--max-steps": s.steps, "--batch-size": s.batchSize, "--grad-accum": s.gradAccum, "--lr": s.lr, "--warmup-steps": s.warmupSteps,
      "--lora-r": s.loraR, "--lora-alpha": s.loraAlpha, "--max-len": s.maxLen, "--seed": s.trainSeed,
    };
    add(
      {
        name: `train ${arm.name}`,
        dir,
        inputs: { base: baseId, hyper, sampler: "sequential", chatTemplate: "chatml", system: SYSTEM },
        outputs: ["run/adapter/adapter_config.json", "run/metrics.jsonl"],
        resumable: true,
        run: async () => {
          // a run stopped before its first checkpoint has nothing to resume: it starts again
          if (!hasCheckpoint(at(run))) rmSync(at(run), { recursive: true, force: true });
          const args = existsSync(at(path.join(run, "config.json")))
            ? ["train", "--resume", run]
            : ["train", "--model", base, "--data", path.join(LAYOUT.data(arm.name), "train.jsonl"), "--out", run, ...Object.entries(hyper).flatMap(([k, v]) => [k, String(v)])];
          args.push("--threads", String(s.trainThreads));
          if (args[1] !== "--resume") args.push("--sampler", "sequential", "--chat-template", "chatml", "--system", SYSTEM, "--save-steps", String(Math.max(1, Math.ceil(s.steps / 4))));
          await runHammer(runner, args, dir);
        },
      },
      [`data ${arm.name}`],
      s.trainThreads,
    );
  }

  // export: the base (no adapter) and each arm from the same Hugging Face folder and weight type
  const hfFolder = (): string => {
    if (!baseIsGguf) return base;
    const cfg = JSON.parse(readFileSync(path.join(at(LAYOUT.train("masked")), "run", "config.json"), "utf8")) as { model: { gguf_cache_dir: string } };
    return path.join(cfg.model.gguf_cache_dir, hashFile(base).slice(0, 16));
  };
  for (const m of MODELS) {
    const dir = at(LAYOUT.model(m));
    add(
      {
        name: `export ${m}`,
        dir,
        inputs: { base: baseId, type: s.exportType },
        outputs: ["model.gguf"],
        run: async () => {
          const args = ["export", "gguf", "--model", hfFolder(), "--out", path.join(LAYOUT.model(m), "model.gguf"), "--type", s.exportType, "--name", `experiment-${m}`];
          if (m !== "base") args.push("--adapter", path.join(LAYOUT.train(m), "run", "adapter"));
          await runHammer(runner, args, dir);
        },
      },
      m === "base" ? ARMS.map((a) => `train ${a.name}`) : [`train ${m}`],
    );
  }

  const modes = EVAL_MODES.filter((e) => s.evalModes.includes(e.name));
  for (const m of MODELS) {
    for (const mode of modes) {
      const dir = at(LAYOUT.evalRun(m, mode.name));
      const run = path.join(LAYOUT.evalRun(m, mode.name), "run");
      add(
        {
          name: `eval ${m} ${mode.name}`,
          dir,
          inputs: { bench: o.split.eval, limit: s.evalLimit, maxTokens: s.evalMaxTokens, mask: mode.mask, format: "hammer-train", seed: 0, sources: sourceHashes },
          outputs: ["run/results.json"],
          resumable: true,
          run: async () => {
            const args = ["eval", "run", "--bench", o.split.eval.join(","), "--limit", String(s.evalLimit), "--model", path.join(LAYOUT.model(m), "model.gguf"), "--data", o.dataDir];
            args.push("--format", "hammer-train", "--max-tokens", String(s.evalMaxTokens), "--seed", "0", "--threads", String(s.evalThreads), "--out", run);
            if (mode.mask !== null) args.push("--mask", mode.mask);
            if (existsSync(at(path.join(run, "run.json")))) args.push("--resume");
            await runHammer(runner, args, dir);
          },
        },
        [`export ${m}`],
        s.evalThreads,
      );
    }
  }

  const total = stages.length + 1;
  await runStageGraph(stages, { cores: o.cores ?? 1, stop, log, total });
  log(`[${total}/${total}] report: …`);
  const commands = stages.map(({ spec }) => path.join(spec.dir, STAGE_COMMANDS)).filter((f) => existsSync(f)).map((f) => readFileSync(f, "utf8").trim());
  writeFileSync(at(LAYOUT.commands), `# ${o.commandLine ?? "the masking experiment"}: its stages' commands, run in ${out}\n${commands.join("\n")}\n`);
  const report = writeExperimentReport({ out, settings: s, quick: o.quick, baseModel: o.baseModel ?? "tiny random Qwen2 (hammer_trainer.make_tiny)", commandLine: o.commandLine ?? null, models: MODELS, modes: modes.map((m) => m.name), layout: LAYOUT });
  log(`[${total}/${total}] report: ${rel(report.markdownFile)}, ${rel(report.chartFile)}`);
  return report;
}

/** The system turn of training rows: the one hammer-train prompts (the eval format) carry. */
const SYSTEM = "You are a helpful assistant.";
