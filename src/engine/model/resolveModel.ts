import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { HammerError } from "../../core/errors.js";
import { ModelFileError, validateModelFile, type GgufSummary } from "../../core/gguf/index.js";
import { DEFAULT_MODEL } from "./defaultModel.js";
import { loadNodeLlamaCpp } from "../llama/nodeLlamaCpp.js";
import { defaultModelsDir } from "./modelsDir.js";
import { parseHfRef, type HfRef } from "./parseHfRef.js";

export interface ResolveModelOptions {
  /** Cache folder for downloads. Defaults to defaultModelsDir() ($HAMMER_MODELS_DIR or the user cache). */
  cacheDir?: string;
  /** Hugging Face base URL. Defaults to $HF_ENDPOINT or https://huggingface.co/. */
  endpoint?: string;
  /** Hugging Face token for gated or private repositories. Defaults to $HF_TOKEN. */
  token?: string;
  /** How long the reachability check before a download may take. Defaults to 10 s. */
  connectTimeoutMs?: number;
  /** Download progress: true → a bar on stderr, a function → called with bytes. Defaults to a bar when stderr is a TTY. */
  progress?: boolean | ((downloaded: number, total: number) => void);
  signal?: AbortSignal;
}

export interface ResolvedModel {
  /** Absolute path of a validated GGUF file. */
  path: string;
  ref: string;
  /** `file`: a local path; `cache`: already downloaded; `download`: fetched now. */
  source: "file" | "cache" | "download";
  summary: GgufSummary;
}

/**
 * A model reference → a validated local GGUF. `ref` is a file path or
 * `hf:<owner>/<repo>/<file>.gguf[#branch]` (default: DEFAULT_MODEL). Hugging Face files are
 * downloaded once into the cache (resumable: an interrupted download continues) and validated;
 * a cached file is used without touching the network. When Hugging Face cannot be reached, this
 * fails within `connectTimeoutMs` (at once on DNS or connection errors) with a NETWORK error
 * telling the user to pass a local file.
 */
export async function resolveModel(ref: string = DEFAULT_MODEL.ref, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  if (typeof ref !== "string" || ref.trim() === "") throw new HammerError("INPUT_INVALID", "model: empty reference", { location: "model" });
  if (!ref.startsWith("hf:")) {
    const file = path.resolve(ref);
    return { path: file, ref, source: "file", summary: await validateModelFile(file) };
  }
  const hf = parseHfRef(ref);
  const cacheDir = path.resolve(options.cacheDir ?? defaultModelsDir());
  const dir = path.join(cacheDir, hf.owner, hf.branch === "main" ? hf.repo : `${hf.repo}@${hf.branch.replaceAll("/", "_")}`, path.dirname(hf.file));
  const target = path.join(dir, path.basename(hf.file));
  if (existsSync(target)) {
    try {
      return { path: target, ref, source: "cache", summary: await validateModelFile(target) };
    } catch (e) {
      throw new ModelFileError(target, `the cached copy of ${ref} is invalid (${e instanceof Error ? e.message : String(e)}); delete it to download again`, { cause: e });
    }
  }
  const endpoint = withSlash(options.endpoint ?? process.env.HF_ENDPOINT ?? "https://huggingface.co/");
  const token = options.token ?? process.env.HF_TOKEN;
  await checkReachable(fileUrl(endpoint, hf), ref, options.connectTimeoutMs ?? 10_000, token, options.signal);

  const bar = barFor(options.progress);
  try {
    const { createModelDownloader } = await loadNodeLlamaCpp();
    const downloader = await createModelDownloader({
      modelUri: ref,
      dirPath: dir,
      fileName: path.basename(hf.file),
      skipExisting: true,
      deleteTempFileOnCancel: false, // keep partial data: the next run resumes
      endpoints: { huggingFace: endpoint },
      ...(token ? { tokens: { huggingFace: token } } : {}),
      ...(bar ? { onProgress: ({ downloadedSize, totalSize }: { downloadedSize: number; totalSize: number }) => bar.update(downloadedSize, totalSize) } : {}),
    });
    await downloader.download(options.signal ? { signal: options.signal } : {});
  } catch (e) {
    if (options.signal?.aborted) throw new HammerError("ABORTED", `download of ${ref} cancelled (the partial file is kept and resumed next time)`, { cause: e });
    throw new HammerError("NETWORK", `download of ${ref} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  } finally {
    bar?.stop();
  }
  try {
    return { path: target, ref, source: "download", summary: await validateModelFile(target) };
  } catch (e) {
    await rm(target, { force: true });
    throw new ModelFileError(target, `the downloaded ${ref} is not a valid model (${e instanceof Error ? e.message : String(e)}); it was deleted`, { cause: e });
  }
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

function fileUrl(endpoint: string, hf: HfRef): string {
  const file = hf.file.split("/").map(encodeURIComponent).join("/");
  return `${endpoint}${encodeURIComponent(hf.owner)}/${encodeURIComponent(hf.repo)}/resolve/${encodeURIComponent(hf.branch)}/${file}`;
}

/** A HEAD request with a short timeout, so an unreachable network fails fast with one clear line. */
async function checkReachable(url: string, ref: string, timeoutMs: number, token: string | undefined, signal: AbortSignal | undefined): Promise<void> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const hint = "pass a local GGUF file instead (--model FILE)";
  let status: number;
  try {
    const response = await fetch(url, {
      method: "HEAD",
      redirect: "manual",
      headers: token ? { authorization: `Bearer ${token}` } : {},
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    status = response.status;
  } catch (e) {
    if (signal?.aborted) throw new HammerError("ABORTED", `download of ${ref} cancelled`, { cause: e });
    const why = timeout.aborted ? `no answer within ${timeoutMs} ms` : fetchProblem(e);
    throw new HammerError("NETWORK", `cannot reach ${new URL(url).host} to download ${ref} (${why}); ${hint}`, { cause: e });
  }
  if (status === 401 || status === 403) {
    throw new HammerError("NOT_FOUND", `${ref}: access denied (HTTP ${status}); a gated or private repository needs HF_TOKEN`);
  }
  if (status === 404) throw new HammerError("NOT_FOUND", `${ref}: no such file on ${new URL(url).host} (HTTP 404)`);
  if (status >= 400) throw new HammerError("NETWORK", `${ref}: ${new URL(url).host} answered HTTP ${status}; ${hint}`);
}

function fetchProblem(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.message === "string") return cause.message;
  return e instanceof Error ? e.message : String(e);
}

function barFor(progress: ResolveModelOptions["progress"]): { update(done: number, total: number): void; stop(): void } | null {
  if (typeof progress === "function") return { update: progress, stop: () => undefined };
  if (!(progress ?? process.stderr.isTTY)) return null;
  const mb = (n: number): number => Math.round(n / 1e6);
  const bar = new cliProgress.SingleBar({ format: "downloading {bar} {percentage}% {value}/{total} MB", stream: process.stderr }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) bar.start(mb(total), 0);
      started = true;
      bar.setTotal(mb(total));
      bar.update(mb(done));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
