import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import { fetchDatasets } from "./fetchDatasets.js";
import { listDatasets } from "./listDatasets.js";
import { DATASET_MANIFEST, manifestUrl, type ManifestFile } from "./manifest.js";

/** Files the shared mirror lacks (upstream has them; the manifest pins them). */
const ABSENT_FROM_SHARED = [
  "bfcl_v3/BFCL_v3_live_multiple.json",
  "bfcl_v3/BFCL_v3_live_parallel_multiple.json",
  "bfcl_v3/possible_answer/BFCL_v3_live_multiple.json",
  "bfcl_v3/possible_answer/BFCL_v3_live_parallel_multiple.json",
  "hammer_eval/original/NexusRaven.json",
];

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "hammer-datasets-"));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe.skipIf(!HAS_SHARED_DATA)(`datasets fetch --from the shared mirror (${HAS_SHARED_DATA ? SHARED_DATA : SKIP_SHARED_REASON})`, () => {
  it("copies and verifies every file the mirror has; list shows them ok; corruption is detected", async () => {
    const to = path.join(tmp, "cache");
    const fetched = await fetchDatasets({ from: SHARED_DATA, to });
    expect(fetched.filter((f) => f.status === "failed")).toEqual([]);
    expect(fetched.filter((f) => f.status === "not in mirror").map((f) => f.path).sort()).toEqual([...ABSENT_FROM_SHARED].sort());
    expect(fetched.filter((f) => f.status === "fetched").length).toBe(DATASET_MANIFEST.length - ABSENT_FROM_SHARED.length);

    const listed = await listDatasets(to);
    for (const r of listed) expect(r.status, r.path).toBe(ABSENT_FROM_SHARED.includes(r.path) ? "missing" : "ok");

    // A second fetch keeps verified files.
    expect((await fetchDatasets({ from: SHARED_DATA, to })).filter((f) => f.status === "fetched")).toEqual([]);

    // Corrupt one file without changing its size, truncate another.
    const simple = path.join(to, "bfcl_v3", "BFCL_v3_simple.json");
    const bytes = readFileSync(simple);
    bytes[100] = bytes[100] === 0x41 ? 0x42 : 0x41;
    writeFileSync(simple, bytes);
    const license = path.join(to, "hammer_eval", "LICENSE");
    appendFileSync(license, "x");
    const after = new Map((await listDatasets(to)).map((r) => [r.path, r.status]));
    expect(after.get("bfcl_v3/BFCL_v3_simple.json")).toBe("hash mismatch");
    expect(after.get("hammer_eval/LICENSE")).toBe("size mismatch");

    // Fetching again repairs them.
    await fetchDatasets({ from: SHARED_DATA, to });
    expect((await listDatasets(to)).filter((r) => r.status !== "ok" && r.status !== "missing")).toEqual([]);
  });

  it("a destination that cannot be written (a file in the way) is one bad-input error naming the file, not a bare ENOTDIR", async () => {
    const entry = DATASET_MANIFEST.find((f) => f.path === "hammer_eval/example_eval.jsonl") as ManifestFile;
    const to = path.join(tmp, "a-file");
    writeFileSync(to, "x");
    await expect(fetchDatasets({ from: SHARED_DATA, to, manifest: [entry] })).rejects.toMatchObject({
      code: "NOT_FOUND",
      location: path.join(to, "hammer_eval", "example_eval.jsonl"),
      message: "cannot write hammer_eval/example_eval.jsonl: not a directory (ENOTDIR)",
    });
  });

  it("a corrupt mirror file is refused and nothing is left behind", async () => {
    const mirror = path.join(tmp, "mirror");
    const entry = DATASET_MANIFEST.find((f) => f.path === "hammer_eval/example_eval.jsonl") as ManifestFile;
    mkdirSync(path.join(mirror, "hammer_eval"), { recursive: true });
    writeFileSync(path.join(mirror, "hammer_eval", "example_eval.jsonl"), readFileSync(path.join(SHARED_DATA, entry.path), "utf8").replace("label", "lab3l"));
    const to = path.join(tmp, "out");
    const r = await fetchDatasets({ from: mirror, to, manifest: [entry] });
    expect(r).toEqual([{ path: entry.path, status: "failed", detail: "hash mismatch" }]);
    expect(() => statSync(path.join(to, "hammer_eval", "example_eval.jsonl"))).toThrow();
    expect(() => statSync(path.join(to, "hammer_eval", "example_eval.jsonl.part"))).toThrow();
  });
});

describe.skipIf(!HAS_SHARED_DATA)("datasets fetch over HTTP", () => {
  let server: Server;
  let base: string;
  let requests: Array<{ url: string; range: string | undefined }>;
  beforeEach(async () => {
    requests = [];
    // Serves the shared files under the upstream paths, honouring Range like raw.githubusercontent.com.
    server = createServer((req, res) => {
      requests.push({ url: req.url ?? "", range: req.headers.range });
      if (req.url?.startsWith("/hang/")) return; // never answers
      const entry = DATASET_MANIFEST.find((f) => req.url === `/bfcl/${f.upstreamPath}` || req.url === `/hammer/${f.upstreamPath}`);
      if (!entry || !existsSync(path.join(SHARED_DATA, entry.path))) return void res.writeHead(404).end();
      const body = readFileSync(path.join(SHARED_DATA, entry.path));
      const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
      if (m) {
        const from = Number(m[1]);
        res.writeHead(206, { "content-length": body.length - from }).end(body.subarray(from));
      } else res.writeHead(200, { "content-length": body.length }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const pick = (...paths: string[]) => DATASET_MANIFEST.filter((f) => paths.includes(f.path));

  it("downloads, verifies, and resumes a partial download with a Range request", async () => {
    const to = path.join(tmp, "dl");
    const manifest = pick("bfcl_v3/BFCL_v3_javascript.json", "hammer_eval/example_eval.jsonl", "hammer_eval/original/NexusRaven.json");
    const js = manifest[0] as ManifestFile;
    mkdirSync(path.join(to, "bfcl_v3"), { recursive: true });
    const full = readFileSync(path.join(SHARED_DATA, js.path));
    writeFileSync(path.join(to, js.path + ".part"), full.subarray(0, 1000));
    const progress: number[] = [];
    const r = await fetchDatasets({ to, manifest, baseUrls: { bfcl: `${base}/bfcl`, hammer: `${base}/hammer` }, onProgress: (p) => progress.push(p.received) });
    expect(r.map((x) => x.status)).toEqual(["fetched", "fetched", "failed"]);
    expect(r[2]?.detail).toMatch(/HTTP 404/);
    expect(requests.find((q) => q.url.endsWith("BFCL_v3_javascript.json"))?.range).toBe("bytes=1000-");
    expect(readFileSync(path.join(to, js.path)).equals(full)).toBe(true);
    expect(progress.at(-1)).toBeGreaterThan(0);
    expect(manifestUrl(js)).toBe(`https://raw.githubusercontent.com/ShishirPatil/gorilla/cd9429ccf3d4d04156affe883c495b3b047e6b64/${js.upstreamPath}`);
  });

  it("a stalled server times out as a NETWORK error", async () => {
    await expect(fetchDatasets({ to: path.join(tmp, "h"), manifest: pick("hammer_eval/LICENSE"), baseUrls: { hammer: `${base}/hang` }, timeoutMs: 300 })).rejects.toMatchObject({ code: "NETWORK" });
  });

  it("a network failure is one NETWORK error naming the URL", async () => {
    const closed = `http://127.0.0.1:1`;
    await expect(fetchDatasets({ to: path.join(tmp, "x"), manifest: pick("hammer_eval/LICENSE"), baseUrls: { hammer: closed } })).rejects.toMatchObject({
      code: "NETWORK",
      message: expect.stringMatching(/cannot download http:\/\/127\.0\.0\.1:1\/LICENSE: .*--from DIR/),
    });
  });
});

describe("manifest", () => {
  it("pins sha256 and size (or a git blob id) for every file, paths unique", () => {
    const paths = new Set(DATASET_MANIFEST.map((f) => f.path));
    expect(paths.size).toBe(DATASET_MANIFEST.length);
    for (const f of DATASET_MANIFEST) expect(f.sha256 !== undefined ? /^[0-9a-f]{64}$/.test(f.sha256) && f.size !== undefined : /^[0-9a-f]{40}$/.test(f.gitBlobSha1 ?? "")).toBe(true);
  });
  it.skipIf(!HAS_SHARED_DATA)("the git-blob check works (verified on a shared file's real blob id)", async () => {
    const to = path.join(tmp, "g");
    mkdirSync(path.join(to, "hammer_eval"), { recursive: true });
    copyFileSync(path.join(SHARED_DATA, "hammer_eval", "LICENSE"), path.join(to, "hammer_eval", "LICENSE"));
    // git hash-object of Hammer's LICENSE (blob 261eeb9e… in MadeAgents/Hammer's tree).
    const entry: ManifestFile = { path: "hammer_eval/LICENSE", group: "hammer", upstreamPath: "LICENSE", gitBlobSha1: "261eeb9e9f8b2b4b0d119366dda99c6fd7d35c64" };
    expect((await listDatasets(to, [entry]))[0]?.status).toBe("ok");
    expect((await listDatasets(to, [{ ...entry, gitBlobSha1: "0".repeat(40) }]))[0]?.status).toBe("hash mismatch");
  });
});
