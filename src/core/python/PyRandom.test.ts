import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PyRandom, PyRandomError, type PySeed } from "./PyRandom.js";
import { pyFloatRepr } from "./pyFloatRepr.js";

/** Recorded by scripts/python/record_py_random.py (its header explains the encoding). */
type Encoded = string | boolean | null | { range: number } | Encoded[];
interface RecordedCall {
  call: string;
  args: Encoded[];
  result: Encoded;
}
interface RecordedCase {
  seed: string | { str: string };
  calls: RecordedCall[];
}

const recorded = JSON.parse(readFileSync(new URL("./__fixtures__/pyRandom.json", import.meta.url), "utf8")) as {
  cases: RecordedCase[];
};

function population(arg: Encoded): bigint[] {
  if (typeof arg !== "object" || arg === null || Array.isArray(arg)) throw new Error(`not a range: ${JSON.stringify(arg)}`);
  return Array.from({ length: arg.range }, (_, i) => BigInt(i));
}

function big(arg: Encoded | undefined): bigint {
  if (typeof arg !== "string") throw new Error(`not an int: ${JSON.stringify(arg)}`);
  return BigInt(arg);
}

function float(arg: Encoded | undefined): number {
  if (typeof arg !== "string") throw new Error(`not a float: ${JSON.stringify(arg)}`);
  return Number(arg);
}

/** Runs one recorded call on our generator and encodes the result as the recorder does. */
function replay(rng: PyRandom, { call, args }: RecordedCall): Encoded {
  const ints = (values: readonly bigint[]): string[] => values.map(String);
  switch (call) {
    case "random":
      return pyFloatRepr(rng.random());
    case "uniform":
      return pyFloatRepr(rng.uniform(float(args[0]), float(args[1])));
    case "getrandbits":
      return String(rng.getrandbits(Number(big(args[0]))));
    case "randint":
      return String(rng.randint(big(args[0]), big(args[1])));
    case "randrange":
      return String(rng.randrange(big(args[0]), args[1] === undefined ? undefined : big(args[1]), args[2] === undefined ? undefined : big(args[2])));
    case "choice":
      return String(rng.choice(population(args[0] ?? null)));
    case "shuffle": {
      const items = population(args[0] ?? null);
      rng.shuffle(items);
      return ints(items);
    }
    case "sample":
      return ints(rng.sample(population(args[0] ?? null), Number(big(args[1]))));
    default:
      throw new Error(`unknown recorded call ${call}`);
  }
}

describe("PyRandom (CPython random.Random)", () => {
  it.each(recorded.cases.map((c) => [typeof c.seed === "string" ? c.seed : JSON.stringify(c.seed), c] as const))(
    "draws CPython's sequence for seed %s",
    (_name, recordedCase) => {
      const seed: PySeed = typeof recordedCase.seed === "string" ? BigInt(recordedCase.seed) : recordedCase.seed.str;
      const rng = new PyRandom(seed);
      const ours = recordedCase.calls.map((c) => ({ call: c.call, result: replay(rng, c) }));
      expect(ours).toEqual(recordedCase.calls.map((c) => ({ call: c.call, result: c.result })));
    },
  );

  it("takes number seeds and bounds like their bigint twins and returns numbers for them", () => {
    const a = new PyRandom(141053);
    const b = new PyRandom(141053n);
    expect(a.randint(100000000000, 999999999999)).toBe(Number(b.randint(100000000000n, 999999999999n)));
    expect(a.randrange(10)).toBe(Number(b.randrange(10n)));
    expect(a.random()).toBe(b.random());
  });

  it("raises CPython's errors for empty ranges and populations", () => {
    const rng = new PyRandom(1);
    const raised = (f: () => unknown): [string, string] => {
      try {
        f();
      } catch (e) {
        if (e instanceof PyRandomError) return [e.pyType, e.message];
        throw e;
      }
      throw new Error("did not raise");
    };
    expect(raised(() => rng.randint(5, 4))).toEqual(["ValueError", "empty range for randrange() (5, 5, 0)"]);
    expect(raised(() => rng.randrange(0))).toEqual(["ValueError", "empty range for randrange()"]);
    expect(raised(() => rng.randrange(0, 10, 0))).toEqual(["ValueError", "zero step for randrange()"]);
    expect(raised(() => rng.randrange(0, 10, -1))).toEqual(["ValueError", "empty range for randrange()"]);
    expect(raised(() => rng.choice([]))).toEqual(["IndexError", "Cannot choose from an empty sequence"]);
    expect(raised(() => rng.sample([1, 2], 3))).toEqual(["ValueError", "Sample larger than population or is negative"]);
    expect(raised(() => rng.randint(0.5, 2))).toEqual(["TypeError", "PyRandom takes ints; got 0.5"]);
  });
});

describe("PyRandom deferred seeding", () => {
  it("draws the same numbers whether or not another instance seeded from the same value drew first", () => {
    const fresh = () => [new PyRandom(1053520), new PyRandom(1053520)] as const;
    const [a, b] = fresh();
    const first = [a.randint(10000, 99999), a.randint(10000, 99999)];
    // b's state comes from the shared seeded state; a's draws must not have advanced it
    expect([b.randint(10000, 99999), b.randint(10000, 99999)]).toEqual(first);
  });

  it("starts over from the new seed after seed(), even mid-stream", () => {
    const r = new PyRandom("abc");
    const want = [r.random(), r.random()];
    r.random();
    r.seed("abc");
    expect([r.random(), r.random()]).toEqual(want);
  });

  it("rejects a non-integral seed where it is given, not at the first draw", () => {
    expect(() => new PyRandom(1.5)).toThrow(PyRandomError);
    expect(() => new PyRandom(1).seed(Number.MAX_VALUE)).toThrow("PyRandom seeds from an int");
  });
});
