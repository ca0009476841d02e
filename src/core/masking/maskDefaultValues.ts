import { cloneJson, isFloatAt } from "../json/index.js";
import { pyEquals, pyStrOf } from "../python/index.js";
import type { Rng } from "../rng.js";
import { dedupTools } from "./dedupTools.js";
import { MASK_LENGTHS, randomName } from "./randomName.js";
import { hasToken, replaceInDescription, replaceInQuery } from "./replaceText.js";
import { hasOwn, isPlainObject, setSlot } from "./slots.js";
import type { DefaultChange, MaskMapping, MaskMode, ValueRewrite, WorkArg, WorkCall, WorkParam, WorkSample, WorkTool } from "./types.js";

/** A scalar with its integral-float status. */
interface Slot {
  value: unknown;
  float: boolean;
}

/** Draws of a new default in `fixed` mode before the parameter is left alone. */
const FIXED_ATTEMPTS = 8;
const INT_LITERAL = /^-?[0-9]+$/;
const DECIMAL_LITERAL = /^-?[0-9]+\.[0-9]+$/;

/**
 * Mask (c): the list is deduplicated (no re-add), and a parameter whose default equals — by
 * `str()` — its argument in some gold call to the tool gets a new default; the description, the
 * gold arguments and the query follow.
 *
 * `faithful`: new value `int + randint(1, 4)`, `str` → 5 random characters, anything else (float,
 * and bool, as Python's `True + random()`) → `+ random()`; lists, None and `""` are skipped, and
 * so are dicts (Python would crash on `dict + float`). Gold arguments that are Python-`==` to the
 * old default take the new value and the query is rewritten once per such call (substrings).
 *
 * `fixed`: the same rule with types kept — ints stay ints, floats floats, strings strings
 * (integer- and decimal-looking strings get a number-like new value, so a `"72"` default can
 * follow a gold `72`); booleans, lists, dicts and enum-restricted parameters are left alone. Gold
 * arguments that are `str()`-equal to the old default follow, each converted to its own JSON
 * type. A new value is redrawn when its `str()` would collide with another value of the
 * parameter in the gold calls or with a token of the query (so unmasking stays exact); the
 * query and description are rewritten once, on whole tokens, and a casing of the old value that
 * is itself another (unchanged) gold value of the parameter is left in the query.
 */
export function maskDefaultValues(sample: WorkSample, mode: MaskMode, rng: Rng, mapping: MaskMapping): void {
  const unique = dedupTools(sample.tools);
  sample.tools = unique;
  const originalQuery = sample.query;
  for (const tool of unique) {
    const calls = sample.calls.filter((c) => c.name === tool.name);
    if (calls.length === 0) continue;
    for (const param of tool.params.slice()) {
      const schema = param.schema;
      if (!isPlainObject(schema) || !hasOwn(schema, "default")) continue;
      const change =
        mode === "faithful" ? maskFaithful(sample, tool, param, schema, calls, rng) : maskFixed(sample, tool, param, schema, calls, rng);
      if (change) mapping.values.push(change);
    }
  }
  if (sample.query !== originalQuery) mapping.query = { original: originalQuery, masked: sample.query };
}

function argOf(call: WorkCall, key: string): WorkArg | undefined {
  return call.args.find((a) => a.key === key);
}

function newChange(tool: WorkTool, param: WorkParam, old: Slot, masked: Slot): DefaultChange {
  const change: Record<string, unknown> = { function: tool.original, param: param.original };
  setSlot(change, "originalDefault", old.value, old.float);
  setSlot(change, "maskedDefault", masked.value, masked.float);
  change.rewrites = [];
  return change as unknown as DefaultChange;
}

function addRewrite(change: DefaultChange, original: Slot, masked: Slot): void {
  const r: Record<string, unknown> = {};
  setSlot(r, "original", original.value, original.float);
  setSlot(r, "masked", masked.value, masked.float);
  change.rewrites.push(r as unknown as ValueRewrite);
}

function maskFaithful(
  sample: WorkSample,
  tool: WorkTool,
  param: WorkParam,
  schema: Record<string, unknown>,
  calls: WorkCall[],
  rng: Rng,
): DefaultChange | undefined {
  const d = schema.default;
  if (Array.isArray(d) || d === null || d === "" || typeof d === "object") return undefined;
  const old: Slot = { value: d, float: isFloatAt(schema, "default") };
  const oldStr = pyStrOf(d, old.float);
  const keep = calls.some((c) => {
    const a = argOf(c, param.name);
    return a !== undefined && pyStrOf(a.value, a.float) === oldStr;
  });
  if (!keep) return undefined;
  let masked: Slot;
  if (typeof d === "string") masked = { value: randomName(rng, MASK_LENGTHS.stringDefault[0], MASK_LENGTHS.stringDefault[1], "faithful"), float: false };
  else if (typeof d === "number" && !old.float) masked = { value: d + rng.int(1, 4), float: false };
  else masked = { value: Number(d) + rng.next(), float: true };
  const newStr = pyStrOf(masked.value, masked.float);
  rewriteSchema(param, schema, masked, oldStr, newStr, "faithful");
  const change = newChange(tool, param, old, masked);
  for (const call of calls) {
    const a = argOf(call, param.name);
    if (a === undefined || !pyEquals(d, a.value)) continue;
    addRewrite(change, a, masked);
    a.value = masked.value;
    a.float = masked.float;
    sample.query = replaceInQuery(sample.query, oldStr, newStr, "faithful");
  }
  return change;
}

function maskFixed(
  sample: WorkSample,
  tool: WorkTool,
  param: WorkParam,
  schema: Record<string, unknown>,
  calls: WorkCall[],
  rng: Rng,
): DefaultChange | undefined {
  const d = schema.default;
  if (d === "" || (typeof d !== "string" && typeof d !== "number")) return undefined;
  if (Array.isArray(schema.enum)) return undefined;
  const old: Slot = { value: d, float: isFloatAt(schema, "default") };
  const oldStr = pyStrOf(d, old.float);
  const values = calls.map((c) => argOf(c, param.name)).filter((a): a is WorkArg => a !== undefined);
  const matches = values.filter((a) => pyStrOf(a.value, a.float) === oldStr);
  if (matches.length === 0) return undefined;
  const taken = new Set(values.map((a) => pyStrOf(a.value, a.float)));
  const masked = drawFixed(old, rng, (c) => {
    const text = pyStrOf(c.value, c.float);
    return !taken.has(text) && !hasToken(sample.query, text);
  });
  if (masked === undefined) return undefined;
  const converted = matches.map((a) => convertLike(a, masked));
  if (converted.some((c) => c === undefined)) return undefined;
  const newStr = pyStrOf(masked.value, masked.float);
  rewriteSchema(param, schema, masked, oldStr, newStr, "fixed");
  const change = newChange(tool, param, old, masked);
  const unchanged = new Set(values.filter((a) => !matches.includes(a)).map((a) => pyStrOf(a.value, a.float)));
  matches.forEach((a, i) => {
    const c = converted[i] as Slot;
    addRewrite(change, a, c);
    a.value = c.value;
    a.float = c.float;
  });
  sample.query = replaceInQuery(sample.query, oldStr, newStr, "fixed", unchanged);
  return change;
}

/** Give `param` a copy of its schema with the new default and the description rewritten (sources stay untouched). */
function rewriteSchema(param: WorkParam, schema: Record<string, unknown>, masked: Slot, oldStr: string, newStr: string, mode: MaskMode): void {
  const copy = cloneJson(schema);
  setSlot(copy, "default", masked.value, masked.float);
  if (typeof copy.description === "string") copy.description = replaceInDescription(copy.description, oldStr, newStr, mode);
  param.schema = copy;
}

/**
 * A free new default of the old one's JSON type (see {@link maskDefaultValues}): ints and
 * integer-looking strings pick among the free ones of `old + 1..4`; other values are drawn
 * until one is free, a few times at most.
 */
function drawFixed(old: Slot, rng: Rng, isFree: (c: Slot) => boolean): Slot | undefined {
  const d = old.value;
  const intLike = typeof d === "number" ? !old.float : INT_LITERAL.test(d as string) && Number.isSafeInteger(Number(d));
  if (intLike) {
    const free = [1, 2, 3, 4].map((k) => intCandidate(d as number | string, k)).filter(isFree);
    return free.length === 0 ? undefined : free[rng.int(0, free.length - 1)];
  }
  for (let attempt = 0; attempt < FIXED_ATTEMPTS; attempt++) {
    let c: Slot;
    if (typeof d === "number") c = { value: d + rng.next(), float: true };
    else if (DECIMAL_LITERAL.test(d as string)) c = { value: pyStrOf(Number(d) + rng.next(), true), float: false };
    else c = { value: randomName(rng, MASK_LENGTHS.stringDefault[0], MASK_LENGTHS.stringDefault[1], "faithful"), float: false };
    if (isFree(c)) return c;
  }
  return undefined;
}

/** `d + k` for an int, or for an integer-looking string keeping its sign and zero padding. */
function intCandidate(d: number | string, k: number): Slot {
  if (typeof d === "number") return { value: d + k, float: false };
  const n = Number(d) + k;
  const digits = d.replace("-", "").length;
  return { value: (n < 0 ? "-" : "") + String(Math.abs(n)).padStart(digits, "0"), float: false };
}

/** The new value in the JSON type of gold argument `a` (whose `str()` equals the old default's). */
function convertLike(a: Slot, masked: Slot): Slot | undefined {
  const text = pyStrOf(masked.value, masked.float);
  if (typeof a.value === "string") return { value: text, float: false };
  if (typeof a.value !== "number") return undefined;
  if (typeof masked.value === "number") return masked.float === a.float ? masked : undefined;
  if (a.float ? !DECIMAL_LITERAL.test(text) : !INT_LITERAL.test(text)) return undefined;
  const n = Number(text);
  if (!a.float && !Number.isSafeInteger(n)) return undefined;
  return { value: n, float: a.float };
}
