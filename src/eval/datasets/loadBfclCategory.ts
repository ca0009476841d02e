import { existsSync } from "node:fs";
import path from "node:path";
import { BFCL_CATEGORY_INFO, bfclCategoryOfId, bfclFileName, type BfclCategory } from "../bfcl/categories.js";
import type { BfclExpectedCall, BfclSample } from "../bfcl/types.js";
import type { Issue } from "../types.js";
import { readJsonLines } from "./readJsonLines.js";
import { readTextFile } from "./readTextFile.js";
import { validateAnswer, validateQuestion } from "./validateBfclEntry.js";

export interface LoadedBfclCategory {
  category: BfclCategory;
  samples: BfclSample[];
  issues: Issue[];
}

/** Folder of the BFCL v3 files inside a data dir. */
export function bfclDir(dataDir: string): string {
  return path.join(dataDir, "bfcl_v3");
}

/** Are the files of a category there (question file, and possible answers where it has them)? */
export function hasBfclCategory(dataDir: string, category: BfclCategory): boolean {
  const dir = bfclDir(dataDir);
  if (!existsSync(path.join(dir, bfclFileName(category)))) return false;
  return !BFCL_CATEGORY_INFO[category].hasAnswers || existsSync(path.join(dir, "possible_answer", bfclFileName(category)));
}

/**
 * Load one BFCL v3 category from the upstream layout (`BFCL_v3_<cat>.json` JSON Lines plus
 * `possible_answer/BFCL_v3_<cat>.json`). Returns null when the category's files are absent.
 * Malformed entries, entries without an answer, ids of another category and answers naming an
 * undocumented function are reported as issues (file:line) and skipped.
 */
export function loadBfclCategory(dataDir: string, category: BfclCategory): LoadedBfclCategory | null {
  if (!hasBfclCategory(dataDir, category)) return null;
  const dir = bfclDir(dataDir);
  const qPath = path.join(dir, bfclFileName(category));
  const issues: Issue[] = [];
  const q = readJsonLines(readTextFile(qPath, "BFCL question file"), qPath);
  issues.push(...q.issues);

  let answers: Map<string, BfclExpectedCall[]> | null = null;
  if (BFCL_CATEGORY_INFO[category].hasAnswers) {
    const aPath = path.join(dir, "possible_answer", bfclFileName(category));
    const a = readJsonLines(readTextFile(aPath, "BFCL possible-answer file"), aPath);
    issues.push(...a.issues);
    answers = new Map();
    for (const row of a.rows) {
      const r = validateAnswer(row.value);
      if ("error" in r) issues.push({ location: `${aPath}:${row.line}`, message: r.error });
      else if (answers.has(r.id)) issues.push({ location: `${aPath}:${row.line}`, message: `duplicate id ${r.id}` });
      else answers.set(r.id, r.groundTruth);
    }
  }

  const samples: BfclSample[] = [];
  const seen = new Set<string>();
  for (const row of q.rows) {
    const where = `${qPath}:${row.line}`;
    const r = validateQuestion(row.value, category);
    if ("error" in r) {
      issues.push({ location: where, message: r.error });
      continue;
    }
    if (bfclCategoryOfId(r.id) !== category) {
      issues.push({ location: where, message: `id ${r.id} does not belong to category ${category}` });
      continue;
    }
    if (seen.has(r.id)) {
      issues.push({ location: where, message: `duplicate id ${r.id}` });
      continue;
    }
    seen.add(r.id);
    let groundTruth: BfclExpectedCall[] | null = null;
    if (answers) {
      const gt = answers.get(r.id);
      answers.delete(r.id);
      if (!gt) {
        issues.push({ location: where, message: `${r.id} has no possible answer` });
        continue;
      }
      // multiple/parallel look the doc up by the answer's name (BFCL's find_description, which
      // would crash on a miss); simple checks against the first doc whatever the answer says.
      const names = new Set(r.functions.map((f) => f.name));
      const undocumented = BFCL_CATEGORY_INFO[category].checker === "simple" ? undefined : gt.map((c) => Object.keys(c)[0] as string).find((n) => !names.has(n));
      if (undocumented !== undefined) {
        issues.push({ location: where, message: `${r.id}: possible answer calls ${JSON.stringify(undocumented)}, which has no function doc` });
        continue;
      }
      if (gt.length === 0 || r.functions.length === 0) {
        issues.push({ location: where, message: `${r.id}: no expected call or no function doc to check against` });
        continue;
      }
      groundTruth = gt;
    }
    samples.push({ id: r.id, category, question: r.question, functions: r.functions, groundTruth, line: row.line });
  }
  if (answers) {
    for (const id of answers.keys()) issues.push({ location: path.join(dir, "possible_answer", bfclFileName(category)), message: `answer for unknown id ${id}` });
  }
  return { category, samples, issues };
}
