import { HammerError } from "../../core/errors.js";

/** A Hugging Face file reference: `hf:<owner>/<repo>/<path/to/file>.gguf[#<branch>]`. */
export interface HfRef {
  owner: string;
  repo: string;
  /** Path of the file inside the repository (may contain folders). */
  file: string;
  branch: string;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

/** Parse an `hf:` reference; throws INPUT_INVALID naming what is wrong. */
export function parseHfRef(ref: string): HfRef {
  if (!ref.startsWith("hf:")) throw bad(ref, 'it must start with "hf:"');
  let rest = ref.slice(3);
  let branch = "main";
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    branch = rest.slice(hash + 1);
    rest = rest.slice(0, hash);
    if (!/^[A-Za-z0-9._/-]{1,200}$/.test(branch) || branch.includes("..")) throw bad(ref, `bad branch ${JSON.stringify(branch)}`);
  }
  const [owner, repo, ...fileParts] = rest.split("/");
  if (!owner || !PART.test(owner)) throw bad(ref, "expected hf:<owner>/<repo>/<file>.gguf");
  if (!repo || !PART.test(repo)) throw bad(ref, "expected hf:<owner>/<repo>/<file>.gguf");
  if (fileParts.length === 0 || fileParts.some((p) => p === "" || p === "." || p === ".." || !/^[^\\:*?"<>|]{1,255}$/.test(p))) {
    throw bad(ref, "expected a file path after <owner>/<repo>/");
  }
  const file = fileParts.join("/");
  if (!file.toLowerCase().endsWith(".gguf")) throw bad(ref, "the file must be a .gguf");
  return { owner, repo, file, branch };
}

function bad(ref: string, why: string): HammerError {
  return new HammerError("INPUT_INVALID", `invalid model reference ${JSON.stringify(ref)}: ${why}`, { location: "model" });
}
