import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MODEL, resolveModel } from "../../src/engine/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// Model resolution: local files, the download cache, downloads from a Hugging Face-like local
// server, and failing fast when Hugging Face cannot be reached (as on a machine without network).

const model = useTinyModel(3);
const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

/** Serves `files` (path → bytes) like huggingface.co's resolve URLs: HEAD, GET and byte ranges. */
async function hfServer(files: Record<string, Buffer>): Promise<{ endpoint: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(`${req.method} ${url.pathname}`);
    const body = files[url.pathname];
    if (!body) {
      res.writeHead(404).end("not found");
      return;
    }
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] ? Math.min(Number(range[2]), body.length - 1) : body.length - 1;
    const headers: Record<string, string | number> = { "accept-ranges": "bytes", "content-type": "application/octet-stream", "content-length": end - start + 1 };
    if (range) headers["content-range"] = `bytes ${start}-${end}/${body.length}`;
    res.writeHead(range ? 206 : 200, headers);
    res.end(req.method === "HEAD" ? undefined : body.subarray(start, end + 1));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, hits };
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const cache = (name: string): string => path.join(model.dir(), name);

describe("resolveModel", () => {
  it("validates a local file and reports missing and broken ones", async () => {
    const r = await resolveModel(model.file());
    expect(r).toMatchObject({ path: model.file(), source: "file", summary: { architecture: "qwen2" } });
    await expect(resolveModel(path.join(model.dir(), "missing.gguf"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    const broken = path.join(model.dir(), "broken.gguf");
    writeFileSync(broken, "GGUF but not really");
    await expect(resolveModel(broken)).rejects.toMatchObject({ code: "MODEL_INVALID" });
  });

  it("downloads an hf: file once into the cache, validates it, then uses the cache without network", async () => {
    const bytes = readFileSync(model.file());
    const { endpoint, hits } = await hfServer({ "/acme/tiny-GGUF/resolve/main/tiny.gguf": bytes });
    const seen: number[] = [];
    const first = await resolveModel("hf:acme/tiny-GGUF/tiny.gguf", { cacheDir: cache("c1"), endpoint, progress: (done) => seen.push(done) });
    expect(first).toMatchObject({ source: "download", path: path.join(cache("c1"), "acme", "tiny-GGUF", "tiny.gguf") });
    expect(statSync(first.path).size).toBe(bytes.length);
    expect(hits.length).toBeGreaterThan(0);
    // Later: no request at all (the endpoint is a closed port, so any request would fail).
    const again = await resolveModel("hf:acme/tiny-GGUF/tiny.gguf", { cacheDir: cache("c1"), endpoint: `http://127.0.0.1:${await closedPort()}/` });
    expect(again).toMatchObject({ source: "cache", path: first.path });
  });

  it("deletes a downloaded file that is not a valid model", async () => {
    const { endpoint } = await hfServer({ "/acme/bad/resolve/main/bad.gguf": Buffer.from("not a gguf at all, just text".repeat(10)) });
    await expect(resolveModel("hf:acme/bad/bad.gguf", { cacheDir: cache("c2"), endpoint, progress: false })).rejects.toMatchObject({ code: "MODEL_INVALID" });
    expect(existsSync(path.join(cache("c2"), "acme", "bad", "bad.gguf"))).toBe(false);
  });

  it("reports a missing file as NOT_FOUND", async () => {
    const { endpoint } = await hfServer({});
    await expect(resolveModel("hf:acme/none/x.gguf", { cacheDir: cache("c3"), endpoint, progress: false })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("rejects an invalid cached copy with a hint to delete it", async () => {
    const dir = path.join(cache("c4"), "acme", "tiny-GGUF");
    mkdirSync(dir, { recursive: true });
    copyFileSync(model.file(), path.join(dir, "tiny.gguf"));
    writeFileSync(path.join(dir, "tiny.gguf"), readFileSync(model.file()).subarray(0, 5000));
    await expect(resolveModel("hf:acme/tiny-GGUF/tiny.gguf", { cacheDir: cache("c4") })).rejects.toThrow(/delete it to download again/);
  });

  it("fails fast with one clear NETWORK line when Hugging Face is unreachable", async () => {
    const endpoint = `http://127.0.0.1:${await closedPort()}/`;
    const failure = resolveModel(DEFAULT_MODEL.ref, { cacheDir: cache("c5"), endpoint, progress: false });
    await expect(failure).rejects.toMatchObject({ code: "NETWORK" });
    await expect(failure).rejects.toThrow(/cannot reach 127\.0\.0\.1:\d+ to download hf:Nekuromento.*--model FILE/);
  });

  it("against the real huggingface.co: a fast NETWORK error here (no network), or NOT_FOUND where it is reachable", { timeout: 20_000 }, async () => {
    // A file that does not exist, so a machine with network does not download 1.6 GB.
    const failure = resolveModel("hf:Nekuromento/Hammer2.1-1.5b-Q8_0-GGUF/no-such-file.gguf", { cacheDir: cache("c6"), progress: false, connectTimeoutMs: 10_000 });
    const error = (await failure.then(() => null, (e: unknown) => e)) as { code?: string; message?: string } | null;
    expect(["NETWORK", "NOT_FOUND"]).toContain(error?.code);
    expect(error?.message?.split("\n")).toHaveLength(1);
  });

  it("rejects malformed references", async () => {
    await expect(resolveModel("hf:only-owner")).rejects.toMatchObject({ code: "INPUT_INVALID" });
    await expect(resolveModel("")).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });
});
