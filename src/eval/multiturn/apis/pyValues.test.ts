import { describe, expect, it } from "vitest";
import { parsePythonLiteral, pyFloatRepr, pyReprAt } from "../../../core/python/index.js";
import { cpythonEach, cpythonTitle, HAS_PYTHON } from "../../../../test/support/python.js";
import { pyDateTimeKey, pyStrptime } from "./pyDatetime.js";
import { pyArith, pyAt, pyCompare, pyRoundFloat, pySet, pyToFloat, pyV, type PyArith, type PyOrder, type PyVal } from "./pyValues.js";
import { PyException } from "./SimulatedApi.js";

/** Python literals, as a model might pass them: ints, floats (integral ones too), bools, str, list, dict, None. */
const OPERANDS = ["0", "1", "-3", "7.0", "2.5", "-0.5", "True", "'ab'", "''", "[1, 2.0]", "None", "{}"];

/** Both operands of `[a, b]`, with float marks as the parser leaves them. */
function operands(a: string, b: string): [PyVal, PyVal] {
  const pair = parsePythonLiteral(`[${a}, ${b}]`) as unknown[];
  return [pyAt(pair, 0), pyAt(pair, 1)];
}

/** `type: repr` of a result, or `Error: message` (the shape the Python side prints too). */
function outcome(f: () => PyVal | boolean | number): string {
  try {
    const r = f();
    if (typeof r === "boolean") return `bool: ${r ? "True" : "False"}`;
    if (typeof r === "number") return `float: ${pyFloatRepr(r)}`;
    const holder: Record<string, unknown> = {};
    pySet(holder, "v", r);
    return `${r.v === null ? "NoneType" : typeof r.v === "string" ? "str" : Array.isArray(r.v) ? "list" : typeof r.v === "number" ? (r.float || !Number.isInteger(r.v) ? "float" : "int") : typeof r.v}: ${pyReprAt(holder, "v")}`;
  } catch (e) {
    if (e instanceof PyException) return `Error: ${e.message}`;
    throw e;
  }
}

const PY_OUTCOME = `
import json, sys, operator
def outcome(f):
    try:
        r = f()
        return f"{type(r).__name__}: {r!r}"
    except Exception as e:
        return f"Error: {e}"
`;

describe.skipIf(!HAS_PYTHON)(cpythonTitle("Python operators on simulated-API values (vs CPython)"), () => {
  it("arithmetic: results, int/float-ness and TypeError / ZeroDivisionError texts", () => {
    const ops: PyArith[] = ["+", "-", "*", "/", "%"];
    // (`str % x` is printf-style formatting, which no simulated API does: left out)
    const inputs = ops.flatMap((op) => OPERANDS.flatMap((a) => OPERANDS.map((b) => [op, a, b]))).filter(([op, a]) => op !== "%" || !a?.startsWith("'"));
    const expected = cpythonEach(`${PY_OUTCOME}
for line in sys.stdin:
    op, a, b = json.loads(line)
    print(json.dumps(outcome(lambda: eval(f"({a}) {op} ({b})"))))`, inputs);
    const ours = inputs.map(([op, a, b]) => outcome(() => pyArith(op as PyArith, ...operands(a as string, b as string))));
    expect(ours).toEqual(expected);
  });

  it("ordering comparisons, and the augmented operators' TypeError names", () => {
    const ops: PyOrder[] = ["<", "<=", ">", ">="];
    const inputs = ops.flatMap((op) => OPERANDS.flatMap((a) => OPERANDS.map((b) => [op, a, b])));
    const expected = cpythonEach(`${PY_OUTCOME}
for line in sys.stdin:
    op, a, b = json.loads(line)
    print(json.dumps(outcome(lambda: eval(f"({a}) {op} ({b})"))))`, inputs);
    const ours = inputs.map(([op, a, b]) => outcome(() => pyCompare(op as PyOrder, ...operands(a as string, b as string))));
    expect(ours).toEqual(expected);
    expect(outcome(() => pyArith("-=", ...operands("None", "1")))).toBe("Error: unsupported operand type(s) for -=: 'NoneType' and 'int'");
  });

  it("round(x, 2) rounds the exact binary value, ties to even", () => {
    const xs = [0.125, 0.375, -0.125, 2.675, 1.005, 1.115, 12.345, 0.5, 142.857142857, -6.125 / 7, 1e-7, 123456.785, 99.995, 1e14 + 0.125];
    for (let i = 1; i < 200; i++) xs.push(i / 8, (i * 7.3) / 3, -i / 40);
    const expected = cpythonEach("import json,sys\nfor l in sys.stdin: print(json.dumps(repr(round(float(json.loads(l)), 2))))", xs.map(pyFloatRepr));
    expect(xs.map((x) => pyFloatRepr(pyRoundFloat(x, 2)))).toEqual(expected);
  });

  it("float() of text and other values", () => {
    const inputs = ["' 1_000.5 '", "'inf'", "'-nan'", "'abc'", "'5'", "None", "[1]", "True", "3"];
    const expected = cpythonEach(`${PY_OUTCOME}
for line in sys.stdin:
    print(json.dumps(outcome(lambda: float(eval(json.loads(line))))))`, inputs);
    const ours = inputs.map((x) => outcome(() => pyToFloat(operands(x, "0")[0])));
    expect(ours).toEqual(expected);
  });

  it("datetime.strptime: matches, ValueError and TypeError texts, field values", () => {
    const cases: Array<[string, string]> = [
      ["2024-09-01", "%Y-%m-%d"], ["2024-9-1", "%Y-%m-%d"], ["2024-02-29", "%Y-%m-%d"], ["2023-02-29", "%Y-%m-%d"], ["2024-13-01", "%Y-%m-%d"],
      ["0000-01-01", "%Y-%m-%d"], ["2024-01-01x", "%Y-%m-%d"], [" 2024-01-01", "%Y-%m-%d"], ["2024-09-01 10:30:59", "%Y-%m-%d %H:%M:%S"],
      ["2024-09-01  7:05:60", "%Y-%m-%d %H:%M:%S"], ["12:00 AM", "%I:%M %p"], ["12:15 pm", "%I:%M %p"], ["9:30AM", "%I:%M %p"], ["13:00 PM", "%I:%M %p"],
    ];
    const expected = cpythonEach(`${PY_OUTCOME}
from datetime import datetime
for line in sys.stdin:
    s, f = json.loads(line)
    print(json.dumps(outcome(lambda: datetime.strptime(s, f).strftime("%Y%m%d%H%M%S"))))`, cases);
    const ours = cases.map(([s, f]) => {
      try {
        const d = pyStrptime(pyV(s), f);
        return `str: '${String(pyDateTimeKey(d)).padStart(14, "0")}'`;
      } catch (e) {
        return `Error: ${(e as Error).message}`;
      }
    });
    expect(ours).toEqual(expected);
    expect(outcome(() => pyV(pyStrptime(pyV(5), "%Y").year))).toBe("Error: strptime() argument 1 must be str, not int");
  });
});
