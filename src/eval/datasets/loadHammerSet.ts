import { existsSync } from "node:fs";
import path from "node:path";
import { isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import type { HammerSet } from "../hammer/hammerSets.js";
import type { HammerCall, HammerSample } from "../hammer/types.js";
import type { Issue } from "../types.js";
import { jsonArrayElementLines } from "./jsonArrayElementLines.js";
import { readTextFile } from "./readTextFile.js";

export interface LoadedHammerSet {
  set: HammerSet;
  samples: HammerSample[];
  issues: Issue[];
}

export function hammerSetPath(dataDir: string, set: HammerSet): string {
  return path.join(dataDir, "hammer_eval", "original", `${set}.json`);
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * Load one of Hammer's neutral eval sets (`hammer_eval/original/<set>.json`: a JSON array of
 * `{query, tools, answers}`; Seal-Tools writes answers as `{tool, parameters}`). Sample ids are
 * `<set>_<index>` in file order, counting malformed entries too so ids stay stable. Returns null
 * when the file is absent; malformed entries are reported with their line and skipped.
 */
export function loadHammerSet(dataDir: string, set: HammerSet): LoadedHammerSet | null {
  const file = hammerSetPath(dataDir, set);
  if (!existsSync(file)) return null;
  const text = readTextFile(file, "Hammer eval set");
  let value: unknown;
  try {
    value = parseJson(text, { source: file });
  } catch (e) {
    if (!isHammerError(e)) throw e;
    return { set, samples: [], issues: [{ location: file, message: `not valid JSON: ${e.message}` }] };
  }
  if (!Array.isArray(value)) return { set, samples: [], issues: [{ location: file, message: "expected a JSON array of samples" }] };

  const samples: HammerSample[] = [];
  const issues: Issue[] = [];
  let lines: number[] | null = null;
  value.forEach((entry, index) => {
    const r = toSample(entry);
    if (typeof r === "string") {
      lines ??= jsonArrayElementLines(text);
      issues.push({ location: `${file}:${lines[index] ?? "?"}`, message: `sample ${index}: ${r}` });
      return;
    }
    samples.push({ id: `${set}_${index}`, set, index, ...r });
  });
  return { set, samples, issues };
}

function toSample(e: unknown): Omit<HammerSample, "id" | "set" | "index"> | string {
  if (!isObj(e)) return "not an object";
  if (typeof e.query !== "string" && !Array.isArray(e.query)) return '"query" is neither text nor a list of turns';
  if (!Array.isArray(e.tools)) return '"tools" is not a list';
  if (!Array.isArray(e.answers)) return '"answers" is not a list';
  const answers: HammerCall[] = [];
  for (let i = 0; i < e.answers.length; i++) {
    const a = e.answers[i];
    const name = isObj(a) ? (a.name ?? a.tool) : undefined;
    const args = isObj(a) ? (a.arguments ?? a.parameters) : undefined;
    if (typeof name !== "string" || !isObj(args)) return `answers[${i}] is not {"name", "arguments"} (or Seal-Tools' {"tool", "parameters"})`;
    answers.push({ name, arguments: args });
  }
  return { query: e.query as string | unknown[], tools: e.tools, answers };
}
