import { HammerError } from "../../core/errors.js";

/** A file inside a wheel on a Python package index: `pypi:<package>==<version>/<path/in/wheel>.gguf`. */
export interface PypiRef {
  /** Normalised project name (PEP 503: lower case, runs of `-_.` → `-`). */
  project: string;
  version: string;
  /** Path of the member inside the wheel. */
  member: string;
}

/** Parse a `pypi:` reference; throws INPUT_INVALID naming what is wrong. */
export function parsePypiRef(ref: string): PypiRef {
  const m = /^pypi:([A-Za-z0-9][A-Za-z0-9._-]{0,99})==([A-Za-z0-9][A-Za-z0-9.+!_-]{0,63})\/(.+)$/.exec(ref);
  if (!m) throw bad(ref, "expected pypi:<package>==<version>/<path in the wheel>.gguf");
  const [, name, version, member] = m as unknown as [string, string, string, string];
  const parts = member.split("/");
  if (parts.some((p) => p === "" || p === "." || p === ".." || /[\\:*?"<>|\0]/.test(p))) throw bad(ref, "bad path inside the wheel");
  if (!member.toLowerCase().endsWith(".gguf")) throw bad(ref, "the file must be a .gguf");
  return { project: name.toLowerCase().replace(/[-_.]+/g, "-"), version, member };
}

function bad(ref: string, why: string): HammerError {
  return new HammerError("INPUT_INVALID", `invalid model reference ${JSON.stringify(ref)}: ${why}`, { location: "model" });
}
