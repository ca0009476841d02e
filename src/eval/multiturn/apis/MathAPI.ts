import { isFloatAt, markFloat, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyStrOf, pyTypeOf } from "../../../core/python/index.js";
import { decimalFromDouble, decimalFromInt, decimalSqrt, decimalToString } from "./math/decimalSquareRoot.js";
import { mpmathLogarithm } from "./math/mpmathLogarithm.js";
import { maxValue, mean, minValue, standardDeviation, sumValues } from "./math/numberLists.js";
import { asPyNum, float, isZero, pyAbs, pyAdd, pyMul, pyPow, pyRound, pySub, pyTrueDiv, resultOf, toDouble, type PyNum } from "./math/pyNumbers.js";
import { pyMethod } from "./pyMethod.js";
import { PyException, PyOpaque, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";

/**
 * BFCL's `MathAPI` (func_source_code/math_api.py): stateless arithmetic whose every method returns
 * `{"result": …}` or `{"error": …}`. The error texts are those of the method's own `except` clauses;
 * exceptions it does not catch become PyException (the runner's "Error during execution: …").
 */

type Args = Readonly<Record<string, JsonValue>>;

const TWO_NUMBERS = "Both inputs must be numbers";

/** An argument as a Python number, or `undefined` (str, None, list, dict). */
function num(args: Args, name: string): PyNum | undefined {
  return asPyNum(args[name], isFloatAt(args, name));
}

function arg(args: Args, name: string): JsonValue {
  return args[name] ?? null;
}

/** `{"result": value}` with the argument's own spelling (`5.0` stays a float). */
function echo(args: Args, name: string): ApiReturn {
  const out: Record<string, JsonValue> = { result: arg(args, name) };
  if (isFloatAt(args, name) && Number.isInteger(args[name])) markFloat(out, "result");
  return out;
}

/** `a + b` where str + str and list + list concatenate, as in Python. */
function add(args: Args): ApiReturn {
  const a = num(args, "a");
  const b = num(args, "b");
  if (a && b) return resultOf(pyAdd(a, b));
  const x = arg(args, "a");
  const y = arg(args, "b");
  if (typeof x === "string" && typeof y === "string") return { result: x + y };
  if (Array.isArray(x) && Array.isArray(y)) {
    const joined: JsonValue[] = [...x, ...y];
    x.forEach((v, i) => isFloatAt(x, i) && Number.isInteger(v) && markFloat(joined, i));
    y.forEach((v, i) => isFloatAt(y, i) && Number.isInteger(v) && markFloat(joined, x.length + i));
    return { result: joined };
  }
  return { error: TWO_NUMBERS };
}

function binary(op: (a: PyNum, b: PyNum) => PyNum, first: string, second: string, typeError: string) {
  return (args: Args): ApiReturn => {
    const a = num(args, first);
    const b = num(args, second);
    return a && b ? resultOf(op(a, b)) : { error: typeError };
  };
}

function divide(args: Args): ApiReturn {
  const a = num(args, "a");
  const b = num(args, "b");
  if (b && isZero(b)) return { error: "Cannot divide by zero" };
  return a && b ? resultOf(pyTrueDiv(a, b)) : { error: TWO_NUMBERS };
}

function percentage(args: Args): ApiReturn {
  const part = num(args, "part");
  const whole = num(args, "whole");
  if (whole && isZero(whole)) return { error: "Whole value cannot be zero" };
  if (!part || !whole) return { error: TWO_NUMBERS };
  return resultOf(pyMul(pyTrueDiv(part, whole), { kind: "int", v: 100n }));
}

function power(args: Args): ApiReturn {
  const base = num(args, "base");
  const exponent = num(args, "exponent");
  if (!base || !exponent) return { error: TWO_NUMBERS };
  const r = pyPow(base, exponent);
  return "complex" in r ? new PyOpaque(`{'result': ${r.complex}}`) : resultOf(r);
}

function absoluteValue(args: Args): ApiReturn {
  const n = num(args, "number");
  return n ? resultOf(pyAbs(n)) : { error: "Input must be a number" };
}

function roundNumber(args: Args): ApiReturn {
  const typeError = { error: "First input must be a number, second input must be an integer" };
  const n = num(args, "number");
  if (!n) return typeError;
  if (args["decimal_places"] === null) return resultOf(pyRound(n, undefined));
  const p = num(args, "decimal_places");
  if (!p || p.kind !== "int") return typeError;
  return resultOf(pyRound(n, p.v));
}

function squareRoot(args: Args): ApiReturn {
  const invalid = { error: "Input must be a number or computation resulted in an invalid operation" };
  const n = num(args, "number");
  if (!n) return invalid; // `number < 0` raises TypeError for anything else
  if (n.kind === "int" ? n.v < 0n : n.v < 0) return { error: "Cannot calculate square root of a negative number" };
  const p = arg(args, "precision");
  if (typeof p !== "number" && typeof p !== "boolean") return invalid;
  if (typeof p === "number" && (isFloatAt(args, "precision") || !Number.isInteger(p))) return invalid;
  const prec = Number(p);
  // Decimal's context refuses this with a ValueError, which the method does not catch.
  if (prec < 1 || prec > 999_999_999_999_999_999) throw new PyException("valid range for prec is [1, MAX_PREC]");
  if (prec > 100_000) throw new PyException(`precision ${prec} is beyond what this port computes`);
  const d = n.kind === "int" ? decimalFromInt(n.v) : decimalFromDouble(n.v);
  return new PyOpaque(`{'result': Decimal('${decimalToString(decimalSqrt(d, prec))}')}`);
}

/** `x not in dict` for a dict of str keys: only unhashable x (list, dict) raises. */
function lookupKey(x: JsonValue, keys: readonly string[]): string | undefined {
  if (Array.isArray(x) || (x !== null && typeof x === "object")) throw new PyException(`unhashable type: '${pyTypeOf(x, false)}'`);
  return typeof x === "string" && keys.includes(x) ? x : undefined;
}

function strOf(args: Args, name: string): string {
  return pyStrOf(arg(args, name), isFloatAt(args, name));
}

const TO_METERS: Readonly<Record<string, PyNum>> = {
  km: { kind: "int", v: 1000n },
  m: { kind: "int", v: 1n },
  cm: float(0.01),
  mm: float(0.001),
  um: float(1e-6),
  nm: float(1e-9),
};

function siUnitConversion(args: Args): ApiReturn {
  const value = num(args, "value");
  if (!value) return { error: "Value must be a number" };
  const units = Object.keys(TO_METERS);
  const unitIn = lookupKey(arg(args, "unit_in"), units);
  const unitOut = unitIn === undefined ? undefined : lookupKey(arg(args, "unit_out"), units);
  if (unitIn === undefined || unitOut === undefined) return { error: `Conversion from '${strOf(args, "unit_in")}' to '${strOf(args, "unit_out")}' is not supported` };
  try {
    const inMeters = pyMul(value, TO_METERS[unitIn] as PyNum);
    return resultOf(pyMul(inMeters, float(1 / toDouble(TO_METERS[unitOut] as PyNum))));
  } catch (e) {
    if (e instanceof PyException) return { error: "Conversion resulted in a value too large to represent" };
    throw e;
  }
}

const IMPERIAL_FACTORS: Readonly<Record<string, number>> = {
  cm_to_in: 0.393701,
  in_to_cm: 2.54,
  m_to_ft: 3.28084,
  ft_to_m: 0.3048,
  m_to_yd: 1.09361,
  yd_to_m: 0.9144,
  km_to_miles: 0.621371,
  miles_to_km: 1.60934,
  kg_to_lb: 2.20462,
  lb_to_kg: 0.453592,
  celsius_to_fahrenheit: 1.8,
  fahrenheit_to_celsius: 5 / 9,
};

function imperialSiConversion(args: Args): ApiReturn {
  const value = num(args, "value");
  if (!value) return { error: "Value must be a number" };
  if (pyEquals(arg(args, "unit_in"), arg(args, "unit_out"))) return echo(args, "value");
  const key = `${strOf(args, "unit_in")}_to_${strOf(args, "unit_out")}`;
  const factor = Object.prototype.hasOwnProperty.call(IMPERIAL_FACTORS, key) ? float(IMPERIAL_FACTORS[key] as number) : undefined;
  if (factor === undefined) return { error: `Conversion from '${strOf(args, "unit_in")}' to '${strOf(args, "unit_out")}' is not supported` };
  try {
    if (key === "celsius_to_fahrenheit") return resultOf(pyAdd(pyMul(value, factor), { kind: "int", v: 32n }));
    if (key === "fahrenheit_to_celsius") return resultOf(pyMul(pySub(value, { kind: "int", v: 32n }), factor));
    return resultOf(pyMul(value, factor));
  } catch (e) {
    if (e instanceof PyException) return { error: "Conversion resulted in a value too large to represent" };
    throw e;
  }
}

function logarithm(args: Args): ApiReturn {
  return mpmathLogarithm(arg(args, "value"), isFloatAt(args, "value"), arg(args, "base"), isFloatAt(args, "base"), arg(args, "precision"), isFloatAt(args, "precision"));
}

const listArg = (f: (x: JsonValue | undefined) => ApiReturn) => (args: Args) => f(args["numbers"]);

/** The methods in the Python class's order (the runner lists them by name); stateless, so shared by every instance. */
const MATH_METHODS: ReadonlyMap<string, ApiMethod> = new Map<string, ApiMethod>([
  ["logarithm", pyMethod(["value", "base", "precision"], logarithm)],
  ["mean", pyMethod(["numbers"], listArg(mean))],
  ["standard_deviation", pyMethod(["numbers"], listArg(standardDeviation))],
  ["si_unit_conversion", pyMethod(["value", "unit_in", "unit_out"], siUnitConversion)],
  ["imperial_si_conversion", pyMethod(["value", "unit_in", "unit_out"], imperialSiConversion)],
  ["add", pyMethod(["a", "b"], add)],
  ["subtract", pyMethod(["a", "b"], binary(pySub, "a", "b", TWO_NUMBERS))],
  ["multiply", pyMethod(["a", "b"], binary(pyMul, "a", "b", TWO_NUMBERS))],
  ["divide", pyMethod(["a", "b"], divide)],
  ["power", pyMethod(["base", "exponent"], power)],
  ["square_root", pyMethod(["number", "precision"], squareRoot)],
  ["absolute_value", pyMethod(["number"], absoluteValue)],
  ["round_number", pyMethod(["number", ["decimal_places", 0]], roundNumber)],
  ["percentage", pyMethod(["part", "whole"], percentage)],
  ["min_value", pyMethod(["numbers"], listArg(minValue))],
  ["max_value", pyMethod(["numbers"], listArg(maxValue))],
  ["sum_values", pyMethod(["numbers"], listArg(sumValues))],
]);

export class MathAPI implements SimulatedApi {
  readonly className = "MathAPI";
  readonly methods = MATH_METHODS;

  /** Stateless: the official runner never loads a scenario into it. */
  loadScenario(): void {}

  publicState(): Record<string, JsonValue> {
    return {};
  }
}
