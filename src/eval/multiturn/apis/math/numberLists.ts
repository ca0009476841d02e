import { isFloatAt, markFloat, type JsonValue } from "../../../../core/json/index.js";
import { pyCompare } from "../pyValues.js";
import { PyException, type ApiReturn } from "../SimulatedApi.js";
import { asPyNum, float, pyAdd, pyTrueDiv, resultOf, toDouble, type PyNum } from "./pyNumbers.js";

/**
 * MathAPI's list methods (mean, standard deviation, sum, min, max) with Python's semantics for
 * whatever the argument is: `if not numbers` first, then iteration (a str gives its characters,
 * a dict its keys) and `sum()` / `min()` / `max()`, whose TypeError the methods turn into an error.
 */

/** One element of the iterated argument: its JSON value and whether it is a float. */
interface Item {
  readonly value: JsonValue;
  readonly isFloat: boolean;
}

/** Python truthiness of a JSON value (`not numbers`). */
export function pyFalsy(x: JsonValue | undefined): boolean {
  if (x === null || x === undefined || x === false || x === "") return true;
  if (typeof x === "number") return x === 0;
  if (Array.isArray(x)) return x.length === 0;
  if (typeof x === "object") return Object.keys(x).length === 0;
  return false;
}

/** `iter(x)`'s items; `undefined` where Python raises TypeError (not iterable). */
function iterate(x: JsonValue): Item[] | undefined {
  if (Array.isArray(x)) return x.map((value, i) => ({ value, isFloat: isFloatAt(x, i) }));
  if (typeof x === "string") return Array.from(x, (value) => ({ value, isFloat: false }));
  if (x !== null && typeof x === "object") return Object.keys(x).map((value) => ({ value, isFloat: false }));
  return undefined;
}

/** The numbers of an iterable of numbers; `undefined` where `sum()` raises TypeError. */
function numbersOf(x: JsonValue): PyNum[] | undefined {
  const items = iterate(x);
  if (items === undefined) return undefined;
  const out: PyNum[] = [];
  for (const item of items) {
    const n = asPyNum(item.value, item.isFloat);
    if (n === undefined) return undefined;
    out.push(n);
  }
  return out;
}

/** Python 3.11 `sum()`: exact int accumulation until the first float, then plain double addition. */
export function pySum(numbers: readonly PyNum[]): PyNum {
  let acc: PyNum = { kind: "int", v: 0n };
  for (const n of numbers) acc = pyAdd(acc, n);
  return acc;
}

type ListMethod = (numbers: PyNum[], items: Item[]) => ApiReturn;

/** The shared shape: empty check, then the computation or the method's TypeError text. */
function listMethod(emptyError: string, compute: ListMethod): (x: JsonValue | undefined) => ApiReturn {
  return (x) => {
    if (pyFalsy(x)) return { error: emptyError };
    const items = iterate(x as JsonValue);
    const numbers = numbersOf(x as JsonValue);
    if (items === undefined || numbers === undefined) return { error: "All elements in the list must be numbers" };
    return compute(numbers, items);
  };
}

export const mean = listMethod("Cannot calculate mean of an empty list", (numbers) =>
  resultOf(pyTrueDiv(pySum(numbers), { kind: "int", v: BigInt(numbers.length) })),
);

export const standardDeviation = listMethod("Cannot calculate standard deviation of an empty list", (numbers) => {
  const count = numbers.length;
  const m = toDouble(pyTrueDiv(pySum(numbers), { kind: "int", v: BigInt(count) }));
  let squares = 0;
  for (const n of numbers) {
    const d = toDouble(n) - m;
    squares += d * d;
  }
  return resultOf(float(Math.sqrt(squares / count)));
});

export const sumValues = listMethod("Cannot calculate sum of an empty list", (numbers) => resultOf(pySum(numbers)));

/** `item < best` (min) or `item > best` (max) with Python's ordering; undefined where it raises TypeError. */
function beats(item: Item, best: Item, op: "<" | ">"): boolean | undefined {
  try {
    return pyCompare(op, { v: item.value, float: item.isFloat }, { v: best.value, float: best.isFloat });
  } catch (e) {
    if (e instanceof PyException) return undefined;
    throw e;
  }
}

/** `min()` / `max()`: the first extreme item, returned as it was given. */
function extreme(emptyError: string, wantMax: boolean) {
  return (x: JsonValue | undefined): ApiReturn => {
    if (pyFalsy(x)) return { error: emptyError };
    const items = iterate(x as JsonValue);
    if (items === undefined || items.length === 0) return { error: "All elements in the list must be numbers" };
    let best = items[0] as Item;
    for (const item of items.slice(1)) {
      const better = beats(item, best, wantMax ? ">" : "<");
      if (better === undefined) return { error: "All elements in the list must be numbers" };
      if (better) best = item;
    }
    const out: Record<string, JsonValue> = { result: best.value };
    if (best.isFloat && typeof best.value === "number" && Number.isInteger(best.value)) markFloat(out, "result");
    return out;
  };
}

export const minValue = extreme("Cannot find minimum of an empty list", false);
export const maxValue = extreme("Cannot find maximum of an empty list", true);
