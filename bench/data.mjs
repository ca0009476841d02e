#!/usr/bin/env node
// Benchmark of `hammer data build` (npm run bench:data; runs the compiled dist/).
// Generates a deterministic synthetic xLAM dataset (60,000 rows + 7,500 irrelevance rows), times
// Hammer's default build (3 copies, ~2/3 masked) in a child process and reports rows/s, CPU and
// peak RSS, next to a baseline child doing a plain read-parse-write pass of the same volume.
// Flags: --rows N (default 60000), --irrelevance N (7500), --workers N (build default), --keep.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, existsSync } from "node:fs";
import { loadavg, availableParallelism, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { root, dist, args, flag, lastJsonLine } from "./lib.mjs";


if (args[0] === "--child") {
  // One measured run in this (child) process; prints a JSON line.
  const [, mode, xlam, irr, out, workers] = args;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let rows;
  if (mode === "build") {
    const { buildDataset, useSerialScavenges } = await import(dist("data/index.js"));
    useSerialScavenges(); // as `hammer data build` does
    const s = await buildDataset({ xlam, irrelevance: irr, out, ...(workers === "default" ? {} : { workers: Number(workers) }) });
    rows = s.rowsOut;
  } else {
    rows = await baseline(xlam, irr, out);
  }
  const cpu = process.cpuUsage(c0);
  console.log(JSON.stringify({ rows, ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

/** Plain pass, same output volume: stream the records, JSON.parse, write Hammer's prompt unmasked, 3 times. */
async function baseline(xlam, irr, out) {
  const { scanRecordFile } = await import(dist("data/index.js"));
  const { hammerTrainPrompt, hammerLabel } = await import(dist("core/formats/hammerText.js"));
  const { openSync, writeSync, closeSync } = await import("node:fs");
  const fd = openSync(out, "w");
  let rows = 0;
  let pending = [];
  let size = 0;
  for (let copy = 0; copy < 3; copy++) {
    for (const file of [xlam, irr]) {
      scanRecordFile(
        file,
        (rec) => {
          const r = JSON.parse(rec.bytes.toString("utf8"));
          const line = JSON.stringify({ instruction: hammerTrainPrompt(r.tools, r.query), input: "", output: hammerLabel(r.answers) }) + "\n";
          pending.push(line);
          size += line.length;
          rows++;
          if (size > 1 << 20) {
            writeSync(fd, pending.join(""));
            pending = [];
            size = 0;
          }
        },
        16 << 20,
      );
    }
  }
  writeSync(fd, pending.join(""));
  closeSync(fd);
  return rows;
}

if (!existsSync(path.join(root, "dist/data/index.js"))) {
  console.error("bench:data: dist/ is missing; run `npm run build` first");
  process.exit(2);
}
const { writeSyntheticXlam } = await import(dist("data/index.js"));
const rowsN = Number(flag("--rows", 60000));
const irrN = Number(flag("--irrelevance", 7500));
const workers = flag("--workers", "default");
const dir = mkdtempSync(path.join(tmpdir(), "hammer-bench-data-"));
try {
  const xlam = path.join(dir, "xlam_function_calling_60k.json");
  const irr = path.join(dir, "xlam_irrelevance_7.5k.json");
  let t = performance.now();
  writeSyntheticXlam(xlam, { rows: rowsN, seed: 1 });
  writeSyntheticXlam(irr, { rows: irrN, seed: 1, irrelevance: true });
  const mb = (f) => (statSync(f).size / 1e6).toFixed(1);
  console.log(`dataset: ${rowsN} xLAM rows (${mb(xlam)} MB) + ${irrN} irrelevance rows (${mb(irr)} MB), generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  console.log(`machine: ${availableParallelism()} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(" ")} (other processes slow every figure)`);

  const child = (mode, out) => {
    const text = execFileSync(process.execPath, [fileURLToPath(import.meta.url), "--child", mode, xlam, irr, out, String(workers)], { encoding: "utf8", maxBuffer: 1 << 20 });
    return lastJsonLine(text);
  };
  const report = (label, r, out) =>
    console.log(
      `${label.padEnd(9)} ${String(r.rows).padStart(7)} rows in ${(r.ms / 1000).toFixed(2).padStart(6)} s = ${Math.round(r.rows / (r.ms / 1000)).toLocaleString("en-US").padStart(8)} rows/s, ` +
        `CPU ${(r.cpuMs / 1000).toFixed(2)} s, peak RSS ${r.maxRssMb.toFixed(0)} MB, output ${mb(out)} MB`,
    );
  const baseOut = path.join(dir, "baseline.jsonl");
  const base = child("baseline", baseOut);
  report("baseline", base, baseOut);
  rmSync(baseOut);
  const buildOut = path.join(dir, "masking_sft_data.json");
  const b = child("build", buildOut);
  report("build", b, buildOut);
  console.log(`build / baseline: ${(b.ms / base.ms).toFixed(2)}× the time of a plain read-parse-write pass (workers: ${workers})`);
  const okTime = b.ms < 5000;
  const okRss = b.maxRssMb < 400;
  console.log(`target (202,500 rows < 5 s, peak RSS < 400 MB): time ${okTime ? "met" : "NOT met"}, memory ${okRss ? "met" : "NOT met"}`);
} finally {
  if (!args.includes("--keep")) rmSync(dir, { recursive: true, force: true });
  else console.log(`kept ${dir}`);
}
