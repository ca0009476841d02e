#!/usr/bin/env node
// Benchmark of `hammer export gguf` (npm run bench:export; runs the compiled dist/).
// Writes (once, cached) a qwen2-0.5b-shaped random Hugging Face model in bfloat16 with the test helper
// (test/export/support/hf_fixture.py, trainer virtualenv), exports it to f16 and q8_0 in a child process
// and reports seconds, CPU and peak RSS. When $LLAMA_CPP_DIR points at a llama.cpp checkout, its
// convert_hf_to_gguf.py (with pip's gguf package from the same virtualenv) converts the same folder, side
// by side, and the two files are compared tensor by tensor (sha256 of each tensor's bytes).
// Flags: --model DIR (an existing HF folder), --types f16,q8_0 (any of f32,f16,bf16,q8_0,q4_0), --keep.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";


if (args[0] === "--child") {
  // One measured export in this (child) process; prints a JSON line.
  const [, model, out, type] = args;
  const { exportGguf } = await import(dist("export/index.js"));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await exportGguf({ model, out, type });
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, bytes: r.bytes }));
  process.exit(0);
}

if (!existsSync(path.join(root, "dist/export/index.js"))) {
  console.error("bench:export: dist/ is missing; run `npm run build` first");
  process.exit(2);
}

// The trainer's virtualenv (`hammer train setup`), and the environment every torch process gets (one thread, passive waits).
const train = await import(dist("train/index.js"));
const venv = train.venvLocation(train.trainerRoot());
const python = (() => {
  try {
    return train.trainerPython(venv);
  } catch {
    return undefined;
  }
})();
const torchEnv = { ...train.trainerChildEnv(train.trainerRoot(), 1), MKL_NUM_THREADS: "1" };
const types = flag("--types", "f16,q8_0").split(",");
let model = flag("--model", undefined);
if (model === undefined) {
  model = path.join(tmpdir(), "hammer-bench-export", "qwen2-0.5b-bf16");
  if (!existsSync(path.join(model, "config.json"))) {
    if (python === undefined) {
      console.error(`bench:export: no model folder and no trainer virtualenv at ${venv.dir} to write one (run: npx hammer train setup, or pass --model DIR)`);
      process.exit(2);
    }
    mkdirSync(path.dirname(model), { recursive: true });
    const job = path.join(path.dirname(model), "job.json");
    writeFileSync(job, JSON.stringify({ out: model, arch: "qwen2", shape: "qwen2-0.5b", dtype: "bfloat16", tie: true, vocab_size: 151936 }));
    const t = performance.now();
    console.log(`writing a random qwen2-0.5b-shaped model (bfloat16) to ${model} …`);
    execFileSync(python, [path.join(root, "test/export/support/hf_fixture.py"), job, path.join(path.dirname(model), "result.json")], { env: torchEnv, stdio: ["ignore", "ignore", "inherit"] });
    console.log(`  written in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
}
const folderMb = (d) => execFileSync("du", ["-sm", d], { encoding: "utf8" }).split("\t")[0];
console.log(`model: ${model} (${folderMb(model)} MB)`);
console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (other processes slow every figure)`);

const llamaCpp = process.env.LLAMA_CPP_DIR;
const convertScript = llamaCpp ? path.join(llamaCpp, "convert_hf_to_gguf.py") : undefined;
if (convertScript && !existsSync(convertScript)) console.log(`LLAMA_CPP_DIR=${llamaCpp} has no convert_hf_to_gguf.py: running ours alone`);
const withConvert = convertScript !== undefined && existsSync(convertScript) && python !== undefined;
if (!llamaCpp) console.log("LLAMA_CPP_DIR is not set: running ours alone (point it at a llama.cpp checkout for the side-by-side)");

const dir = mkdtempSync(path.join(tmpdir(), "hammer-bench-export-out-"));
const report = (label, r, file) =>
  console.log(`  ${label.padEnd(22)} ${(r.ms / 1000).toFixed(1).padStart(6)} s, CPU ${(r.cpuMs / 1000).toFixed(1).padStart(6)} s, peak RSS ${r.maxRssMb.toFixed(0).padStart(5)} MB, ${(statSync(file).size / 1e6).toFixed(0)} MB`);
try {
  for (const type of types) {
    console.log(`--type ${type}`);
    const ours = path.join(dir, `ours-${type}.gguf`);
    const o = lastJsonLine(execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", model, ours, type], { encoding: "utf8" }));
    report("hammer export gguf", o, ours);
    if (!withConvert) continue;
    const theirs = path.join(dir, `llama-cpp-${type}.gguf`);
    const c = runConvert(theirs, type);
    report("convert_hf_to_gguf.py", c, theirs);
    console.log(`  time convert / ours: ${(c.ms / o.ms).toFixed(2)} (above 1: ours is faster); peak RSS ours ${o.maxRssMb.toFixed(0)} MB vs ${c.maxRssMb.toFixed(0)} MB`);
    const cmp = await compareTensors(ours, theirs);
    console.log(`  tensors: ${cmp.same}/${cmp.total} identical (name, type, shape, sha256 of the data)${cmp.diff.length ? `; differ: ${cmp.diff.slice(0, 5).join(", ")}` : ""}`);
  }
  console.log("targets: faster than convert_hf_to_gguf.py, peak RSS < 1 GB, identical tensors for f32/f16");
} finally {
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}

/** llama.cpp's converter on the same folder. Its pre-tokenizer check hashes the tokenizer's output on a
 * probe text and knows only published tokenizers, so the bench's own small tokenizer is declared qwen2 (its
 * structure is Qwen2's); without sentencepiece installed the script fails before it finds that the model has
 * no tokenizer.model, so that finding is made directly. Everything else runs unchanged. */
function runConvert(out, type) {
  const code = `
import json, os, resource, sys, time
sys.path.insert(0, ${JSON.stringify(llamaCpp)})
import convert_hf_to_gguf as c
import { root, dist, args, flag, lastJsonLine } from "./lib.mjs";
base = getattr(c, "TextModel", None) or c.Model
base.get_vocab_base_pre = lambda self, tokenizer: "qwen2"
def no_sentencepiece(self, *args, **kwargs):
    raise FileNotFoundError("no tokenizer.model")  # what the script finds once sentencepiece is importable
base._set_vocab_sentencepiece = no_sentencepiece
sys.argv = ["convert_hf_to_gguf.py", ${JSON.stringify(model)}, "--outtype", ${JSON.stringify(type)}, "--outfile", ${JSON.stringify(out)}]
t0 = time.time(); c0 = time.process_time()
c.main()
print(json.dumps({"ms": (time.time() - t0) * 1000, "cpuMs": (time.process_time() - c0) * 1000, "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;
  const text = execFileSync(python, ["-c", code], { encoding: "utf8", env: { ...torchEnv, NO_LOCAL_GGUF: "1" }, stdio: ["ignore", "pipe", "ignore"], maxBuffer: 64 << 20 });
  return lastJsonLine(text);
}

async function compareTensors(a, b) {
  const { readGgufHeader, readTensorData } = await import(dist("core/gguf/index.js"));
  const [ha, hb] = [await readGgufHeader(a), await readGgufHeader(b)];
  const byName = new Map(hb.tensors.map((t) => [t.name, t]));
  const diff = [];
  let same = 0;
  for (const t of ha.tensors) {
    const u = byName.get(t.name);
    const sha = async (h, x) => createHash("sha256").update(await readTensorData(h, x)).digest("hex");
    if (u && u.type.name === t.type.name && u.dims.join() === t.dims.join() && (await sha(ha, t)) === (await sha(hb, u))) same++;
    else diff.push(u ? `${t.name} (${t.type.name} vs ${u.type.name})` : `${t.name} (missing)`);
  }
  for (const t of hb.tensors) if (!ha.tensors.some((x) => x.name === t.name)) diff.push(`${t.name} (only in theirs)`);
  return { same, total: Math.max(ha.tensors.length, hb.tensors.length), diff };
}
