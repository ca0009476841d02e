#!/usr/bin/env node
// Benchmark of the llama engine (npm run bench:engine; runs the compiled dist/).
// On a qwen2-0.5b-shaped Q4_0 model with random weights (written once to $HAMMER_BENCH_DIR or
// <tmp>/hammer-fc-bench, then reused) it measures:
//   - decode tok/s: raw llama.cpp (no grammar), engine free text (UTF-8 grammar + guard) after a
//     short prompt and after the tool prompt itself, and under a 5-tool call grammar (target ≥ 0.95×
//     free text on the same prompt: decode slows as the context grows, so only equal prompts
//     isolate the grammar's cost);
//   - prefill tok/s on a fresh ~1,350-token prompt;
//   - aggregate decode tok/s with 1, 2 and 4 concurrent sequences;
//   - grammar compile time for 1, 16 and 128 BFCL tools, cold and cached (bench/grammar.mjs).
// Decode runs first warm the prompt into the sequence's cache, so the timed run is decode only.
// Flags: --threads N (default: all cores), --gpu auto|false (default false: CPU), --tokens N
// (decode tokens per run, default 96), --runs N (default 5, median), --flash-attention
// auto|true|false (default auto), --model FILE (a real GGUF instead of the random one), --json.
import { existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchGrammar } from "./grammar.mjs";
import { dist, args, flag, FIVE_BFCL_DOCS } from "./lib.mjs";

const threads = Number(flag("--threads", os.availableParallelism()));
const gpu = flag("--gpu", "false") === "false" ? false : flag("--gpu", "auto");
const TOKENS = Number(flag("--tokens", 96));
const faFlag = flag("--flash-attention", "auto");
const flashAttention = faFlag === "auto" ? "auto" : faFlag === "true";
const RUNS = Number(flag("--runs", 5));

const { writeRandomModel } = await import(dist("export/index.js"));
const { createLlamaEngine } = await import(dist("engine/index.js"));
const { fromBfclFunctions } = await import(dist("core/tools/index.js"));
const { getFormat } = await import(dist("core/formats/index.js"));
const { getLlama, LlamaLogLevel, LlamaGrammarEvaluationState } = await import("node-llama-cpp");

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const log = (s) => process.stderr.write(`${s}\n`);

// ---- model ----
const dir = process.env.HAMMER_BENCH_DIR ?? path.join(os.tmpdir(), "hammer-fc-bench");
mkdirSync(dir, { recursive: true });
const modelFlag = flag("--model", null);
const modelPath = modelFlag ?? path.join(dir, "qwen2-0.5b-q4_0-seed0.gguf");
if (!modelFlag && !existsSync(modelPath)) {
  log(`writing ${modelPath} (random qwen2-0.5b, Q4_0) …`);
  const r = await writeRandomModel({ shape: "qwen2-0.5b", quant: "q4_0", seed: 0, out: modelPath });
  log(`  ${(r.bytes / 1e6).toFixed(0)} MB in ${r.seconds.toFixed(1)} s`);
}

// ---- tools: 5 BFCL tools, and the prompts ----
const fiveTools = fromBfclFunctions(FIVE_BFCL_DOCS).tools;
const messages = [{ role: "user", content: "What is the weather in Paris, and send the answer to bob@example.com." }];
const story = "The old lighthouse keeper climbed the stairs every evening to light the lamp. ".repeat(2);

// ---- engine ----
const engine = await createLlamaEngine({ model: modelPath, parallel: 4, contextSize: 2048, threads, gpu, flashAttention });
log(`engine: ${JSON.stringify(engine.info)}, threads ${threads}, gpu ${gpu}, flash attention ${flashAttention}`);

async function timed(fn) {
  const t0 = performance.now();
  const r = await fn();
  return { r, s: (performance.now() - t0) / 1000 };
}

// Raw llama.cpp decode without any grammar or bias, for reference: the same context shape as the
// engine's (4 sequences, one busy), so the ratio is the engine's own overhead.
const llama = await getLlama({ gpu, build: "never", maxThreads: os.availableParallelism(), logLevel: LlamaLogLevel.error });
const rawModel = await llama.loadModel({ modelPath });
const rawContext = await rawModel.createContext({ contextSize: 2048, sequences: 4, threads, flashAttention });
const rawTokens = rawModel.tokenize(story);
async function rawRun(seed) {
  const seq = rawContext.getSequence();
  let n = 0;
  let t0 = 0;
  for await (const _ of seq.evaluate(rawTokens, { temperature: 1, seed })) {
    if (n++ === 0) t0 = performance.now();
    if (n > TOKENS) break;
  }
  seq.dispose();
  return (n - 1) / ((performance.now() - t0) / 1000);
}

/** Decode tok/s of an engine request: warm the prompt into a sequence with 1 token, then time `TOKENS` tokens (the sequence holding the prompt is chosen again). */
async function engineRun(run, seed) {
  await run(1, seed);
  const { r, s } = await timed(() => run(TOKENS, seed));
  return (r.usage.completionTokens - 1) / s; // the first token also evaluates the last prompt token
}
const freeRun = (maxTokens, seed) => engine.complete({ prompt: story, maxTokens, temperature: 1, seed });
// Free text after the very prompt the tool run uses: same context length, so the ratio isolates the grammar.
const toolPromptText = getFormat(engine.info.format).render(messages, fiveTools);
const freeSameRun = (maxTokens, seed) => engine.complete({ prompt: toolPromptText, maxTokens, temperature: 1, seed });
const toolRun = (maxTokens, seed) => engine.generate({ messages, tools: fiveTools, toolChoice: "required", parallelToolCalls: true, temperature: 1, seed, maxTokens });

// Interleaved, so load from other processes hits all three alike.
const rates = { raw: [], free: [], freeSame: [], tool: [] };
for (let i = 0; i < RUNS; i++) {
  rates.raw.push(await rawRun(i));
  rates.free.push(await engineRun(freeRun, i));
  rates.freeSame.push(await engineRun(freeSameRun, i));
  rates.tool.push(await engineRun(toolRun, i));
}
await rawContext.dispose();
await rawModel.dispose();
const [rawRate, freeRate, freeSameRate, toolRate] = [median(rates.raw), median(rates.free), median(rates.freeSame), median(rates.tool)];
const toolPromptTokens = await engine.countTokens(toolPromptText);

// Prefill: a fresh ~1,350-token prompt each run (a unique first line defeats the prefix cache).
const prefill = [];
for (let i = 0; i < RUNS; i++) {
  const prompt = `Run ${i} ${Math.random()}\n${"Tools and their JSON schemas are listed below for the assistant. ".repeat(70)}`;
  const { r, s } = await timed(() => engine.complete({ prompt, maxTokens: 1, temperature: 0 }));
  prefill.push({ tokens: r.usage.promptTokens, rate: r.usage.promptTokens / s });
}
const prefillRate = median(prefill.map((p) => p.rate));

// Aggregate decode with k concurrent sequences (all four sequences hold the prompt first).
await Promise.all([0, 1, 2, 3].map((seed) => engine.complete({ prompt: story, maxTokens: 1, seed })));
const aggregate = [];
for (const k of [1, 2, 4]) {
  const rates = [];
  for (let i = 0; i < RUNS; i++) {
    const { r, s } = await timed(() => Promise.all(Array.from({ length: k }, (_, j) => engine.complete({ prompt: story, maxTokens: TOKENS, temperature: 1, seed: 100 * i + j }))));
    rates.push(r.reduce((n, x) => n + x.usage.completionTokens - 1, 0) / s);
  }
  aggregate.push({ sequences: k, rate: median(rates) });
}
await engine.close();

// Grammar compile times (needs the shared BFCL data).
let grammar = null;
try {
  grammar = await benchGrammar({ runs: 10 });
} catch (e) {
  log(`grammar compile: skipped (${e.message})`);
}

const result = {
  model: modelFlag ? path.basename(modelFlag) : "random qwen2-0.5b Q4_0",
  threads,
  gpu,
  flashAttention,
  cores: os.availableParallelism(),
  loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  decode: {
    rawTokS: rawRate,
    freeTokS: freeRate,
    freeSamePromptTokS: freeSameRate,
    toolPromptTokens,
    toolGrammarTokS: toolRate,
    grammarVsFree: toolRate / freeRate,
    grammarVsFreeSamePrompt: toolRate / freeSameRate,
    grammarVsRaw: toolRate / rawRate,
  },
  prefill: { tokens: prefill[0]?.tokens, tokS: prefillRate },
  aggregate,
  grammar,
};
if (args.includes("--json")) console.log(JSON.stringify(result));
else {
  const f = (x, d = 1) => x.toFixed(d).padStart(9);
  console.log(`engine benchmark — ${result.model}, ${threads} threads, gpu ${gpu}, flash attention ${flashAttention}, ${result.cores} cores, load ${result.loadavg.join(" ")}`);
  console.log("decode (tok/s, median of runs)");
  const shortTok = rawTokens.length;
  const row = (label, rate) => console.log(`  ${label.padEnd(48)}${f(rate)}`);
  row(`raw llama.cpp, no grammar, ${shortTok}-token prompt`, rawRate);
  row(`engine free text, ${shortTok}-token prompt`, freeRate);
  row(`engine free text, the tool prompt (${toolPromptTokens} tokens)`, freeSameRate);
  row("engine 5-tool grammar, the tool prompt", toolRate);
  console.log(
    `  grammar / free on the same prompt: ${(toolRate / freeSameRate).toFixed(2)}× (target ≥ 0.95); ` +
      `vs the short prompt ${(toolRate / freeRate).toFixed(2)}× (longer context also slows decode), vs raw ${(toolRate / rawRate).toFixed(2)}×`,
  );
  console.log(`prefill (${prefill[0]?.tokens} tokens)        ${f(prefillRate)} tok/s`);
  console.log("aggregate decode (tok/s)");
  for (const a of aggregate) console.log(`  ${a.sequences} sequence${a.sequences > 1 ? "s" : " "}                 ${f(a.rate)}`);
  if (grammar) {
    console.log("grammar compile, BFCL tools (ms): tools  cold  cached  (target < 100 ms cold for 128)");
    for (const g of grammar) console.log(`  ${String(g.tools).padStart(5)}  ${g.coldMs.toFixed(2).padStart(7)}  ${g.cachedMs.toFixed(3).padStart(7)}`);
  }
}
