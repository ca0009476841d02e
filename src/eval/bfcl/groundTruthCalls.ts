import { isFloatAt, markFloat } from "../../core/json/index.js";
import { pyFloatRepr, pyStr } from "../../core/python/index.js";
import type { ToolCall } from "../../core/types.js";
import { BFCL_CATEGORY_INFO } from "./categories.js";
import type { BfclParamDoc, BfclSample } from "./types.js";

/**
 * The calls a perfect model would make for a BFCL sample: for every parameter of every expected
 * call, its first allowed value that is not `""` (parameters allowed only as `""` are left out).
 * Java and JavaScript values are written as the source strings BFCL's converters read back
 * (`"5L"`, `new ArrayList<>(Arrays.asList("a"))`, `[1, 2]`). Used to check that the checker
 * accepts its own answers and to build perturbed predictions for benchmarks.
 */
export function groundTruthCalls(sample: BfclSample): ToolCall[] {
  const info = BFCL_CATEGORY_INFO[sample.category];
  return (sample.groundTruth ?? []).map((expected) => {
    const [answerName, params] = Object.entries(expected)[0] as [string, Record<string, unknown[]>];
    // The simple checker compares with the first doc's name, whatever name the answer uses.
    const doc = info.checker === "simple" ? sample.functions[0] : sample.functions.find((f) => f.name === answerName);
    const name = info.checker === "simple" && doc ? doc.name : answerName;
    const args: Record<string, unknown> = {};
    for (const [param, alts] of Object.entries(params)) {
      const pdoc = doc?.parameters.properties[param];
      // An answer key the doc lacks can only be satisfied by leaving it out.
      if (doc && !pdoc) continue;
      const i = alts.findIndex((a) => a !== "");
      if (i < 0) {
        // Only `""` allowed: omit, unless the doc requires it — then an empty value passes.
        const empty = pdoc && doc?.parameters.required.includes(param) ? emptyValue(pdoc.type) : undefined;
        if (empty !== undefined) args[param] = info.language === "Python" ? empty : typeof empty === "string" ? empty : "[]";
        continue;
      }
      if (info.language === "Python" || !pdoc) {
        args[param] = pickValue(alts, i, pdoc);
        if (isFloatAt(alts, i)) markFloat(args, param);
      } else {
        args[param] = info.language === "Java" ? javaSource(alts, i, pdoc) : jsSource(alts, i, pdoc);
      }
    }
    return { name, arguments: args };
  });
}

/** A value of the doc type that BFCL's checkers match against the optional marker `""`. */
function emptyValue(type: string): unknown {
  if (["string", "any", "String", "char"].includes(type)) return "";
  if (["array", "tuple"].includes(type)) return [];
  return undefined;
}

/** Python value: dict alternatives hold allowed-value lists per key, so pick inside them too. */
function pickValue(alts: unknown[], i: number, pdoc: BfclParamDoc | undefined): unknown {
  const v = alts[i];
  if (pdoc?.type === "dict" && isDict(v)) return pickDict(v);
  if ((pdoc?.type === "array" || pdoc?.type === "tuple") && pdoc.items?.type === "dict" && Array.isArray(v)) {
    return v.map((d) => (isDict(d) ? pickDict(d) : d));
  }
  return copy(v);
}

function pickDict(alt: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, allowed] of Object.entries(alt)) {
    if (!Array.isArray(allowed)) continue;
    const j = allowed.findIndex((a) => a !== "");
    if (j < 0) continue;
    out[k] = copy(allowed[j]);
    if (isFloatAt(allowed, j)) markFloat(out, k);
  }
  return out;
}

function copy(v: unknown): unknown {
  return v !== null && typeof v === "object" ? structuredCloneWithMarks(v) : v;
}

function structuredCloneWithMarks(v: object): unknown {
  if (Array.isArray(v)) {
    const out = v.map(copy);
    v.forEach((_, i) => isFloatAt(v, i) && markFloat(out, i));
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = copy(x);
    if (isFloatAt(v, k)) markFloat(out, k);
  }
  return out;
}

const isDict = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === "object" && !Array.isArray(x);

function num(x: unknown, asFloat: boolean): string {
  return typeof x === "number" && asFloat ? pyFloatRepr(x) : String(x);
}

/** Java source text BFCL's java_type_converter turns back into `alts[i]`. */
function javaSource(alts: unknown[], i: number, pdoc: BfclParamDoc): string {
  const v = alts[i];
  const t = pdoc.type;
  const scalar = (x: unknown, type: string, inArrayList: boolean): string => {
    switch (type) {
      case "long":
        return `${String(x)}L`;
      case "float":
        return `${num(x, true)}f`;
      case "double":
        return num(x, true);
      case "String":
      case "char":
        // ArrayList strips the quotes of String/char items; Array and scalars keep text as is.
        return inArrayList ? `"${String(x)}"` : typeof x === "string" ? x : pyStr(x);
      default:
        return typeof x === "string" ? x : typeof x === "boolean" ? String(x) : pyStr(x);
    }
  };
  if ((t === "Array" || t === "ArrayList") && Array.isArray(v)) {
    const it = pdoc.items?.type ?? "any";
    const parts = v.map((x) => scalar(x, it, t === "ArrayList"));
    if (t === "Array") return `new ${it === "String" ? "String" : "Object"}[]{${parts.join(", ")}}`;
    return parts.length === 0 ? "new ArrayList<>()" : `new ArrayList<>(Arrays.asList(${parts.join(", ")}))`;
  }
  if (t === "HashMap" && isDict(v)) {
    const picked = pickDict(v);
    const puts = Object.entries(picked).map(([k, x]) => `put("${k}", ${javaLiteral(x, picked, k)});`);
    return puts.length === 0 ? "new HashMap<>()" : `new HashMap<String, Object>() {{ ${puts.join(" ")} }}`;
  }
  if (t === "boolean") return v === true ? "true" : v === false ? "false" : String(v);
  // `any`/String keep the text: a number answer can only match through its str() alternative.
  if (typeof v === "number" && (t === "any" || t === "String")) return pyStr(v, alts, i);
  return scalar(v, t, false);
}

function javaLiteral(x: unknown, container: object, key: string): string {
  if (typeof x === "string") return `"${x}"`;
  if (typeof x === "boolean") return x ? "true" : "false";
  if (typeof x === "number") return isFloatAt(container, key) ? pyFloatRepr(x) : String(x);
  return pyStr(x);
}

/** JavaScript source text BFCL's js_type_converter turns back into `alts[i]`. */
function jsSource(alts: unknown[], i: number, pdoc: BfclParamDoc): string {
  const v = alts[i];
  switch (pdoc.type) {
    case "String":
      return `"${String(v)}"`;
    case "Bigint":
      return `${String(v)}n`;
    case "Boolean":
      return v === true ? "true" : v === false ? "false" : String(v);
    case "array":
      return Array.isArray(v) ? jsArray(v, pdoc.items?.type) : String(v);
    case "dict":
      return isDict(v) ? jsObject(pickDict(v)) : String(v);
    default:
      return typeof v === "string" ? v : typeof v === "number" ? (pdoc.type === "any" ? pyStr(v, alts, i) : String(v)) : pyStr(v);
  }
}

function jsArray(v: unknown[], itemType: string | undefined): string {
  return `[${v.map((x, i) => (Array.isArray(x) ? jsArray(x, undefined) : jsLiteral(x, v, i, itemType))).join(", ")}]`;
}

function jsObject(o: Record<string, unknown>): string {
  return `{${Object.entries(o).map(([k, x]) => `${k}: ${Array.isArray(x) ? jsArray(x, undefined) : isDict(x) ? jsObject(x) : jsLiteral(x, o, k, undefined)}`).join(", ")}}`;
}

function jsLiteral(x: unknown, container: object, key: string | number, itemType: string | undefined): string {
  if (typeof x === "string") return `"${x}"`;
  if (typeof x === "boolean") return x ? "true" : "false";
  if (typeof x === "number") return isFloatAt(container, key) || itemType === "float" ? pyFloatRepr(x) : String(x);
  return pyStr(x);
}

