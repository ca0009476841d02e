// Overhead of the HTTP server (npm run bench:serve; runs the built dist/).
// The same BFCL-style workload — one user question, 5 tools, tool_choice auto (what BFCL sends),
// greedy, max_tokens 64 — at concurrency 1 and 4: in-process through engine.generate, and over
// loopback HTTP through createServer on the same engine in the same process (runs alternated). Prints the throughput ratio (target ≥ 0.95) and the added p50 latency
// (target < 5 ms). Options: --shape tiny|qwen2-0.5b|qwen2-1.5b (default tiny), --quant q8_0|q4_0|…,
// --requests N (per concurrency level), --threads N.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.HAMMER_DIST ?? path.join(root, "dist");
for (const f of ["server/index.js", "engine/index.js", "export/index.js"]) {
  if (!existsSync(path.join(dist, f))) {
    console.error(`bench:serve: dist/${f} is missing; run \`npm run build\` first (npm run bench:serve does).`);
    process.exit(2);
  }
}
const { values: args } = parseArgs({
  options: { shape: { type: "string", default: "tiny" }, quant: { type: "string" }, requests: { type: "string" }, threads: { type: "string" } },
});
const shape = args.shape;
const quant = args.quant ?? (shape === "tiny" ? "q8_0" : "q4_0");
const threads = Number(args.threads ?? (shape === "tiny" ? 1 : os.availableParallelism()));
/** Requests per run at concurrency 1; higher levels run `concurrency` times as many. */
const requests = Number(args.requests ?? (shape === "tiny" ? 24 : 4));
const PARALLEL = 4;
const CONCURRENCY = [1, 4];

const { createEngine } = await import(path.join(dist, "engine", "index.js"));
const { writeRandomModel } = await import(path.join(dist, "export", "index.js"));
const { fromOpenAITool } = await import(path.join(dist, "core", "tools", "index.js"));

const fn = (name, description, properties, required) => ({ type: "function", function: { name, description, parameters: { type: "object", properties, required } } });
const TOOLS = [
  fn("get_current_weather", "Get the current weather in a given location.", { location: { type: "string", description: "The city and state, e.g. San Francisco, CA" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, ["location"]),
  fn("search_flights", "Search one-way flights.", { origin: { type: "string" }, destination: { type: "string" }, date: { type: "string", description: "YYYY-MM-DD" } }, ["origin", "destination", "date"]),
  fn("convert_currency", "Convert an amount between currencies.", { amount: { type: "number" }, from_currency: { type: "string" }, to_currency: { type: "string" } }, ["amount", "from_currency", "to_currency"]),
  fn("calculate_bmi", "Body mass index from weight and height.", { weight_kg: { type: "number" }, height_m: { type: "number" } }, ["weight_kg", "height_m"]),
  fn("get_stock_price", "Latest price of a stock.", { symbol: { type: "string", description: "Ticker symbol, e.g. AAPL" } }, ["symbol"]),
];
const QUESTIONS = ["What's the weather like in Boston, MA in fahrenheit?", "Convert 250 euros to US dollars.", "Find me a flight from Paris to Rome on 2025-03-14.", "What is Apple's stock price right now?"];
const MAX_TOKENS = 64;
const chatBody = (i) => ({ model: "bench", messages: [{ role: "user", content: QUESTIONS[i % QUESTIONS.length] }], tools: TOOLS, max_tokens: MAX_TOKENS, temperature: 0 });
// What the server makes of chatBody (see src/server/serving/toGenerateRequest.ts): auto, Hammer 2.1's text fallback.
const engineRequest = (i) => ({ messages: [{ role: "user", content: QUESTIONS[i % QUESTIONS.length] }], tools: TOOLS.map((t, k) => fromOpenAITool(t, k)), maxTokens: MAX_TOKENS, temperature: 0, textFallback: true });

/** Run `n` requests with `concurrency` workers; per-request latencies (ms), wall time (s), completion tokens. */
async function drive(n, concurrency, one) {
  const latencies = [];
  let next = 0;
  let tokens = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) {
        const t = performance.now();
        tokens += await one(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, tokens };
}
const p50 = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-bench-serve-"));
let server;
let engine;
try {
  const model = await writeRandomModel({ shape, quant, seed: 1, out: path.join(dir, `${shape}.gguf`) });
  engine = await createEngine({ backend: "llama", model: model.path, parallel: PARALLEL, threads });
  // The same engine behind the HTTP server, in this process: both modes use one main thread and
  // the same llama.cpp threads and KV state, so the difference is the HTTP layer (client included).
  const { createServer } = await import(path.join(dist, "server", "index.js"));
  server = createServer(engine, { queueSize: 256 });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${server.server.address().port}`;
  const direct = async (i) => (await engine.generate(engineRequest(i))).usage.completionTokens;
  const post = async (i) => {
    const res = await fetch(`${url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody(i)) });
    const json = await res.json();
    if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json)}`);
    return json.usage.completion_tokens;
  };
  // Warm-up: every sequence sees the tool prompt (its KV prefix is then reused, as in a long run).
  await drive(PARALLEL * 2, PARALLEL, direct);
  await drive(PARALLEL * 2, PARALLEL, post);

  console.log(`bench:serve — ${shape} ${quant} random-weight model, threads ${threads}, ${PARALLEL} sequences, 5 tools, tool_choice auto, max_tokens ${MAX_TOKENS}`);
  console.log(`${ROUNDS} runs per mode, alternated (in-process, HTTP, …); medians; Node ${process.version}, ${os.availableParallelism()} cores (figures swing when other work shares them)`);
  for (const c of CONCURRENCY) {
    const n = requests * c;
    const runs = { direct: [], http: [] };
    for (let r = 0; r < ROUNDS; r++) {
      runs.direct.push(await drive(n, c, direct));
      runs.http.push(await drive(n, c, post));
    }
    const summary = (xs) => ({
      rate: median(xs.map((x) => n / x.seconds)),
      tokRate: median(xs.map((x) => x.tokens / x.seconds)),
      p50: median(xs.map((x) => p50(x.latencies))),
      tokens: xs.map((x) => x.tokens),
    });
    const a = summary(runs.direct);
    const b = summary(runs.http);
    // Per generated token: batched decoding changes the random model's greedy outputs from run to
    // run (llama.cpp's numerics depend on the batch), so runs at concurrency > 1 differ in work.
    const ratio = b.tokRate / a.tokRate;
    const added = b.p50 - a.p50;
    console.log(
      `concurrency ${c} (${n} requests per run): in-process ${a.rate.toFixed(2)} req/s (${a.tokRate.toFixed(0)} tok/s), p50 ${a.p50.toFixed(1)} ms | ` +
        `HTTP ${b.rate.toFixed(2)} req/s (${b.tokRate.toFixed(0)} tok/s), p50 ${b.p50.toFixed(1)} ms`,
    );
    console.log(
      `  throughput ratio ${ratio.toFixed(3)} in tokens/s (target ≥ 0.95: ${ratio >= 0.95 ? "met" : "NOT met"}; in requests/s ${(b.rate / a.rate).toFixed(3)}); added p50 latency ${added.toFixed(2)} ms (target < 5 ms: ${added < 5 ? "met" : "NOT met"})` +
        `; completion tokens per run: in-process ${a.tokens.join("/")}, HTTP ${b.tokens.join("/")}`,
    );
  }
  // The HTTP layer alone: an engine that answers at once, client and server in this process.
  const instant = {
    info: { backend: "llama", model: "instant", format: "hammer2.1", parallel: 4, contextSize: 8192 },
    generate: async () => ({ content: null, toolCalls: [{ id: "call_0", name: "get_current_weather", arguments: { location: "Boston, MA" }, argumentsText: '{"location": "Boston, MA"}' }], finishReason: "tool_calls", usage: { promptTokens: 600, completionTokens: 12 }, raw: "" }),
    stream: async function* () {},
    complete: async () => ({ text: "", finishReason: "stop", usage: { promptTokens: 0, completionTokens: 0 } }),
    countTokens: async (t) => t.length,
    close: async () => {},
  };
  const bare = createServer(instant);
  await bare.listen({ host: "127.0.0.1", port: 0 });
  const instantUrl = `http://127.0.0.1:${bare.server.address().port}/v1/chat/completions`;
  const once = async (i) => (await (await fetch(instantUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatBody(i)) })).json()).usage.completion_tokens;
  await drive(200, 1, once);
  const lone = await drive(2000, 1, once);
  await bare.close();
  console.log(`HTTP layer alone (instant engine, client in the same process): ${(lone.seconds * 1000 / 2000).toFixed(2)} ms per request round trip, p50 ${p50(lone.latencies).toFixed(2)} ms`);
} finally {
  await server?.close();
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
}
