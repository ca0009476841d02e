import type { JsonValue } from "../../core/json/index.js";
import { BFCL_CATEGORY_INFO, type BfclCategory, type BfclLanguage } from "../bfcl/categories.js";
import {
  JAVA_TYPE_CONVERSION,
  JAVA_UNCONVERTIBLE_TYPES,
  JS_TYPE_CONVERSION,
  NESTED_CONVERSION_TYPE_LIST,
  PYTHON_NESTED_TYPE_CHECK_LIST,
  PYTHON_TYPE_MAPPING,
} from "../bfcl/typeMappings.js";
import type { BfclExpectedCall, BfclFunctionDoc } from "../bfcl/types.js";

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/** A BFCL question entry, checked; returns a problem description or the typed entry. */
export function validateQuestion(v: JsonValue, category: BfclCategory): { error: string } | { id: string; question: unknown[]; functions: BfclFunctionDoc[] } {
  if (!isObj(v)) return { error: "entry is not an object" };
  if (typeof v.id !== "string") return { error: 'entry has no string "id"' };
  if (!Array.isArray(v.question)) return { error: `${v.id}: "question" is not a list` };
  if (!Array.isArray(v.function)) return { error: `${v.id}: "function" is not a list` };
  const info = BFCL_CATEGORY_INFO[category];
  // Only AST categories type-check arguments; relevance categories just need names.
  const checkTypes = info.checker !== "irrelevance" && info.checker !== "relevance";
  for (let i = 0; i < v.function.length; i++) {
    const problem = docProblem(v.function[i], checkTypes ? info.language : null);
    if (problem) return { error: `${v.id}: function[${i}] ${problem}` };
  }
  return { id: v.id, question: v.question, functions: v.function as BfclFunctionDoc[] };
}

function docProblem(doc: unknown, language: BfclLanguage | null): string | null {
  if (!isObj(doc) || typeof doc.name !== "string") return 'has no string "name"';
  const p = doc.parameters;
  if (!isObj(p) || !isObj(p.properties)) return `(${doc.name}) has no "parameters.properties" object`;
  if (!Array.isArray(p.required) || !p.required.every((r) => typeof r === "string")) return `(${doc.name}) has no "parameters.required" list of names`;
  if (language === null) return null;
  for (const [name, prop] of Object.entries(p.properties)) {
    const problem = paramTypeProblem(prop, language);
    if (problem) return `(${doc.name}) parameter ${JSON.stringify(name)}: ${problem}`;
  }
  return null;
}

/** Types BFCL's checker can handle for the language (it raises on the rest). */
function paramTypeProblem(prop: unknown, language: BfclLanguage): string | null {
  if (!isObj(prop) || typeof prop.type !== "string") return 'no string "type"';
  const type = prop.type;
  const items = isObj(prop.items) ? prop.items.type : undefined;
  if (language === "Python") {
    if (!(type in PYTHON_TYPE_MAPPING)) return `type ${JSON.stringify(type)} unknown to BFCL's Python checker`;
    if (PYTHON_NESTED_TYPE_CHECK_LIST.includes(type) && (typeof items !== "string" || !(items in PYTHON_TYPE_MAPPING))) return `${type} needs a known "items.type"`;
    return null;
  }
  const table: Record<string, unknown> = language === "Java" ? JAVA_TYPE_CONVERSION : JS_TYPE_CONVERSION;
  if (!(type in table)) return `type ${JSON.stringify(type)} unknown to BFCL's ${language} checker`;
  if (language === "Java" && JAVA_UNCONVERTIBLE_TYPES.includes(type)) return `BFCL cannot convert Java type ${type}`;
  if (NESTED_CONVERSION_TYPE_LIST.includes(type) && (typeof items !== "string" || !(items in table))) return `${type} needs a known "items.type"`;
  return null;
}

/** A possible-answer entry, checked: `{"id", "ground_truth": [{func: {param: [values…]}}]}`. */
export function validateAnswer(v: JsonValue): { error: string } | { id: string; groundTruth: BfclExpectedCall[] } {
  if (!isObj(v)) return { error: "entry is not an object" };
  if (typeof v.id !== "string") return { error: 'entry has no string "id"' };
  if (!Array.isArray(v.ground_truth)) return { error: `${v.id}: "ground_truth" is not a list` };
  for (let i = 0; i < v.ground_truth.length; i++) {
    const call = v.ground_truth[i];
    if (!isObj(call) || Object.keys(call).length !== 1) return { error: `${v.id}: ground_truth[${i}] is not {function: {…}}` };
    const [fn, params] = Object.entries(call)[0] as [string, unknown];
    if (!isObj(params)) return { error: `${v.id}: ground_truth[${i}].${fn} is not an object of parameters` };
    for (const [param, alts] of Object.entries(params)) {
      if (!Array.isArray(alts)) return { error: `${v.id}: ground_truth[${i}].${fn}.${param} is not a list of allowed values` };
    }
  }
  return { id: v.id, groundTruth: v.ground_truth as BfclExpectedCall[] };
}
