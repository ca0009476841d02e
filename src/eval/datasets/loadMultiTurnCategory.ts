import { existsSync } from "node:fs";
import path from "node:path";
import type { JsonValue } from "../../core/json/index.js";
import { bfclCategoryOfId, bfclFileName, type MultiTurnCategory } from "../bfcl/categories.js";
import type { BfclFunctionDoc } from "../bfcl/types.js";
import { FUNC_DOC_FILES } from "../multiturn/funcDocFiles.js";
import { shareGroundTruthParses, type MultiTurnEntry, type SharedGroundTruth } from "../multiturn/types.js";
import type { Issue } from "../types.js";
import { bfclDir } from "./loadBfclCategory.js";
import { readJsonLines } from "./readJsonLines.js";
import { readTextFile } from "./readTextFile.js";

export interface LoadedMultiTurnCategory {
  category: MultiTurnCategory;
  samples: MultiTurnEntry[];
  issues: Issue[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);
const isStringList = (x: unknown): x is string[] => Array.isArray(x) && x.every((s) => typeof s === "string");

/** Are a multi-turn category's question and possible-answer files there? */
export function hasMultiTurnCategory(dataDir: string, category: MultiTurnCategory): boolean {
  const dir = bfclDir(dataDir);
  return existsSync(path.join(dir, bfclFileName(category))) && existsSync(path.join(dir, "possible_answer", bfclFileName(category)));
}

/**
 * Load one BFCL v3 multi-turn category (`BFCL_v3_multi_turn_<x>.json` and its possible answers,
 * JSON Lines). Returns null when the files are absent. Malformed entries and entries without a
 * ground truth are issues (file:line) and skipped. The entries share their parsed ground-truth
 * calls through `sharedParses` (pass one to several loads of one run: the categories repeat texts).
 */
export function loadMultiTurnCategory(dataDir: string, category: MultiTurnCategory, sharedParses: SharedGroundTruth = new WeakMap()): LoadedMultiTurnCategory | null {
  if (!hasMultiTurnCategory(dataDir, category)) return null;
  const dir = bfclDir(dataDir);
  const qPath = path.join(dir, bfclFileName(category));
  const aPath = path.join(dir, "possible_answer", bfclFileName(category));
  const q = readJsonLines(readTextFile(qPath, "BFCL question file"), qPath);
  const a = readJsonLines(readTextFile(aPath, "BFCL possible-answer file"), aPath);
  const issues: Issue[] = [...q.issues, ...a.issues];
  const answers = new Map<string, string[][]>();
  for (const row of a.rows) {
    const v = row.value;
    const where = `${aPath}:${row.line}`;
    if (!isObj(v) || typeof v.id !== "string") issues.push({ location: where, message: 'entry has no string "id"' });
    else if (!Array.isArray(v.ground_truth) || !v.ground_truth.every(isStringList)) issues.push({ location: where, message: `${v.id}: "ground_truth" is not a list of turns of call strings` });
    else if (answers.has(v.id)) issues.push({ location: where, message: `duplicate id ${v.id}` });
    else answers.set(v.id, v.ground_truth as string[][]);
  }
  const docs = new FuncDocCache(path.join(dir, "multi_turn_func_doc"), issues);
  const samples: MultiTurnEntry[] = [];
  for (const row of q.rows) {
    const where = `${qPath}:${row.line}`;
    const r = toEntry(row.value, category, row.line);
    if ("error" in r) {
      issues.push({ location: where, message: r.error });
      continue;
    }
    const gt = answers.get(r.id);
    if (!gt) {
      issues.push({ location: where, message: `${r.id} has no possible answer` });
      continue;
    }
    answers.delete(r.id);
    const entry: MultiTurnEntry = { ...r, functions: docs.forClasses(r.involvedClasses), groundTruth: gt };
    shareGroundTruthParses(entry, sharedParses);
    samples.push(entry);
  }
  for (const id of answers.keys()) issues.push({ location: aPath, message: `answer for unknown id ${id}` });
  return { category, samples, issues };
}

/** The doc files of BFCL's simulated API classes, each read once per load. */
class FuncDocCache {
  private readonly byClass = new Map<string, BfclFunctionDoc[] | null>();

  constructor(
    private readonly dir: string,
    private readonly issues: Issue[],
  ) {}

  /** Docs of the classes in order; null when any file is absent or unreadable. */
  forClasses(classes: readonly string[]): BfclFunctionDoc[] | null {
    const out: BfclFunctionDoc[] = [];
    for (const c of classes) {
      const docs = this.load(c);
      if (docs === null) return null;
      out.push(...docs);
    }
    return out;
  }

  private load(className: string): BfclFunctionDoc[] | null {
    if (this.byClass.has(className)) return this.byClass.get(className) ?? null;
    const file = FUNC_DOC_FILES[className];
    let docs: BfclFunctionDoc[] | null = null;
    if (file === undefined) this.issues.push({ location: this.dir, message: `no function-doc file is known for class ${className}` });
    else if (existsSync(path.join(this.dir, file))) {
      const where = path.join(this.dir, file);
      const r = readJsonLines(readTextFile(where, "BFCL function-doc file"), where);
      this.issues.push(...r.issues);
      const bad = r.rows.find((row) => !isObj(row.value) || typeof row.value.name !== "string" || !isObj(row.value.parameters));
      if (bad) this.issues.push({ location: `${where}:${bad.line}`, message: 'a function doc has no string "name" or no "parameters" object' });
      else docs = r.rows.map((row) => row.value as unknown as BfclFunctionDoc);
    }
    this.byClass.set(className, docs);
    return docs;
  }
}

function toEntry(v: JsonValue, category: MultiTurnCategory, line: number): { error: string } | Omit<MultiTurnEntry, "groundTruth" | "functions"> {
  if (!isObj(v) || typeof v.id !== "string") return { error: 'entry has no string "id"' };
  const id = v.id;
  if (bfclCategoryOfId(id) !== category) return { error: `id ${id} does not belong to category ${category}` };
  if (!Array.isArray(v.question)) return { error: `${id}: "question" is not a list of turns` };
  for (let t = 0; t < v.question.length; t++) {
    const turn = v.question[t];
    if (!Array.isArray(turn) || !turn.every((m) => isObj(m) && typeof m.role === "string" && typeof m.content === "string")) {
      return { error: `${id}: question[${t}] is not a list of {role, content} messages` };
    }
  }
  if (!isStringList(v.involved_classes) || v.involved_classes.length === 0) return { error: `${id}: "involved_classes" is not a list of class names` };
  if (!isObj(v.initial_config)) return { error: `${id}: "initial_config" is not an object` };
  let missed: Record<string, string[]> | null = null;
  if (v.missed_function !== undefined) {
    if (!isObj(v.missed_function) || !Object.values(v.missed_function).every(isStringList)) return { error: `${id}: "missed_function" is not {turn: [function names]}` };
    for (const k of Object.keys(v.missed_function)) {
      const t = Number(k);
      if (!Number.isInteger(t) || t < 0 || t >= v.question.length || (v.question[t] as unknown[]).length !== 0) {
        return { error: `${id}: missed_function turn ${k} is not an empty question turn` };
      }
    }
    missed = v.missed_function as Record<string, string[]>;
  }
  return {
    id,
    category,
    question: v.question as MultiTurnEntry["question"],
    initialConfig: v.initial_config as Record<string, JsonValue>,
    involvedClasses: v.involved_classes,
    missedFunction: missed,
    line,
  };
}
