import { createHash } from "node:crypto";

/**
 * CPython's `random.Random` (3.11): the MT19937 generator seeded the way `random.seed` does it, and
 * the methods built on it, so that a port of Python code draws exactly the numbers Python draws.
 * Integers that may pass 2**53 are bigints; the `number` overloads demand safe integers.
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The sample() set size CPython starts from before switching from a pool copy to rejection. */
const SAMPLE_BASE_SETSIZE = 21;

/** Python's ValueError / IndexError of these methods; the message is CPython's. */
export class PyRandomError extends Error {
  constructor(
    readonly pyType: "ValueError" | "IndexError" | "TypeError",
    message: string,
  ) {
    super(message);
  }
}

export type PySeed = number | bigint | string;

/** Seeded generator states by seed: simulator instances are seeded with a handful of values, over and over. */
const seededStates = new Map<string, Uint32Array>();
const SEEDED_STATES_KEPT = 256;

export class PyRandom {
  /** Null until the first draw after seeding: most simulator instances never draw at all. */
  private mt: Uint32Array | null = null;
  private index = N;
  private pendingSeed: PySeed;

  constructor(seed: PySeed) {
    this.pendingSeed = checkedSeed(seed);
  }

  /** `random.seed(a)` for an int (its absolute value, as 32-bit words) or a str (version 2: bytes + sha512). */
  seed(seed: PySeed): void {
    this.pendingSeed = checkedSeed(seed);
    this.mt = null;
  }

  /** A float in [0, 1) with 53 random bits (`random()`). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** A non-negative int with `k` random bits (`getrandbits(k)`). */
  getrandbits(k: number): bigint {
    if (!Number.isSafeInteger(k) || k < 0) throw new PyRandomError("ValueError", "number of bits must be non-negative");
    if (k === 0) return 0n;
    if (k <= 32) return BigInt(this.nextUint32() >>> (32 - k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32, shift += 32n) {
      let word = this.nextUint32();
      if (left < 32) word >>>= 32 - left;
      result |= BigInt(word) << shift;
    }
    return result;
  }

  /** A uniform int in [0, n), by rejection on `n.bit_length()` random bits (`_randbelow`). */
  randbelow(n: bigint): bigint {
    const k = bitLength(n);
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** `randrange(start)` / `randrange(start, stop[, step])`. */
  randrange(start: number, stop?: number, step?: number): number;
  randrange(start: bigint, stop?: bigint, step?: bigint): bigint;
  randrange(start: number | bigint, stop?: number | bigint, step?: number | bigint): number | bigint {
    const big = typeof start === "bigint";
    const r = this.randrangeBig(toBig(start), stop === undefined ? undefined : toBig(stop), step === undefined ? 1n : toBig(step));
    return big ? r : Number(r);
  }

  /** An int in [a, b], both ends included (`randint`). */
  randint(a: number, b: number): number;
  randint(a: bigint, b: bigint): bigint;
  randint(a: number | bigint, b: number | bigint): number | bigint {
    const r = this.randrangeBig(toBig(a), toBig(b) + 1n, 1n);
    return typeof a === "bigint" ? r : Number(r);
  }

  /** `a + (b - a) * random()` (`uniform`). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** One element (`choice`); IndexError on an empty sequence. */
  choice<T>(seq: readonly T[]): T {
    if (seq.length === 0) throw new PyRandomError("IndexError", "Cannot choose from an empty sequence");
    return seq[Number(this.randbelow(BigInt(seq.length)))] as T;
  }

  /** Shuffles in place, Fisher–Yates from the end (`shuffle`). */
  shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Number(this.randbelow(BigInt(i + 1)));
      const held = items[i] as T;
      items[i] = items[j] as T;
      items[j] = held;
    }
  }

  /** `k` distinct positions' elements in selection order (`sample`), pool or rejection as CPython picks. */
  sample<T>(population: readonly T[], k: number): T[] {
    const n = population.length;
    if (!Number.isSafeInteger(k) || k < 0 || k > n) throw new PyRandomError("ValueError", "Sample larger than population or is negative");
    let setsize = SAMPLE_BASE_SETSIZE;
    if (k > 5) setsize += 4 ** Math.ceil(Math.log(k * 3) / Math.log(4));
    const result: T[] = [];
    if (n <= setsize) {
      const pool = population.slice();
      for (let i = 0; i < k; i++) {
        const j = Number(this.randbelow(BigInt(n - i)));
        result.push(pool[j] as T);
        pool[j] = pool[n - i - 1] as T;
      }
      return result;
    }
    const selected = new Set<number>();
    for (let i = 0; i < k; i++) {
      let j = Number(this.randbelow(BigInt(n)));
      while (selected.has(j)) j = Number(this.randbelow(BigInt(n)));
      selected.add(j);
      result.push(population[j] as T);
    }
    return result;
  }

  private randrangeBig(start: bigint, stop: bigint | undefined, step: bigint): bigint {
    if (stop === undefined) {
      if (start > 0n) return this.randbelow(start);
      throw new PyRandomError("ValueError", "empty range for randrange()");
    }
    const width = stop - start;
    if (step === 1n) {
      if (width > 0n) return start + this.randbelow(width);
      throw new PyRandomError("ValueError", `empty range for randrange() (${start}, ${stop}, ${width})`);
    }
    if (step === 0n) throw new PyRandomError("ValueError", "zero step for randrange()");
    const count = step > 0n ? floorDiv(width + step - 1n, step) : floorDiv(width + step + 1n, step);
    if (count <= 0n) throw new PyRandomError("ValueError", "empty range for randrange()");
    return start + step * this.randbelow(count);
  }

  /** The generator state, seeded now if no draw has happened since the last seed. */
  private state(): Uint32Array {
    if (this.mt !== null) return this.mt;
    const key = `${typeof this.pendingSeed}:${String(this.pendingSeed)}`;
    let seeded = seededStates.get(key);
    if (!seeded) {
      seeded = new Uint32Array(N);
      initByArray(seeded, seedWords(seedInteger(this.pendingSeed)));
      if (seededStates.size >= SEEDED_STATES_KEPT) seededStates.clear();
      seededStates.set(key, seeded);
    }
    this.mt = seeded.slice();
    this.index = N;
    return this.mt;
  }

  private nextUint32(): number {
    const mt = this.state();
    if (this.index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = ((mt[kk] as number) & UPPER_MASK) | ((mt[(kk + 1) % N] as number) & LOWER_MASK);
        mt[kk] = (mt[(kk + M) % N] as number) ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      this.index = 0;
    }
    let y = mt[this.index++] as number;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}

function initGenrand(mt: Uint32Array, s: number): void {
  mt[0] = s >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
    mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
  }
}

function initByArray(mt: Uint32Array, key: readonly number[]): void {
  initGenrand(mt, 19650218);
  let i = 1;
  let j = 0;
  for (let k = Math.max(N, key.length); k > 0; k--) {
    const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
    mt[i] = (((mt[i] as number) ^ Math.imul(prev, 1664525)) + (key[j] as number) + j) >>> 0;
    i++;
    j++;
    if (i >= N) {
      mt[0] = mt[N - 1] as number;
      i = 1;
    }
    if (j >= key.length) j = 0;
  }
  for (let k = N - 1; k > 0; k--) {
    const prev = (mt[i - 1] as number) ^ ((mt[i - 1] as number) >>> 30);
    mt[i] = (((mt[i] as number) ^ Math.imul(prev, 1566083941)) - i) >>> 0;
    i++;
    if (i >= N) {
      mt[0] = mt[N - 1] as number;
      i = 1;
    }
  }
  mt[0] = 0x80000000;
}

/** A bad seed fails where it is given, not at the (deferred) first draw. */
function checkedSeed(seed: PySeed): PySeed {
  if (typeof seed === "number" && !Number.isSafeInteger(seed)) throw new PyRandomError("TypeError", `PyRandom seeds from an int; got ${seed}`);
  return seed;
}

function seedInteger(seed: PySeed): bigint {
  if (typeof seed === "bigint") return seed;
  if (typeof seed === "number") return BigInt(seed);
  const bytes = Buffer.from(seed, "utf8");
  const digest = createHash("sha512").update(bytes).digest();
  const hex = Buffer.concat([bytes, digest]).toString("hex");
  return BigInt(`0x${hex}`);
}

/** The absolute value's 32-bit words, least significant first; `[0]` for zero. */
function seedWords(n: bigint): number[] {
  let rest = n < 0n ? -n : n;
  const words: number[] = [];
  do {
    words.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  } while (rest > 0n);
  return words;
}

function bitLength(n: bigint): number {
  return n <= 0n ? 0 : n.toString(2).length;
}

function toBig(v: number | bigint): bigint {
  if (typeof v === "bigint") return v;
  if (!Number.isSafeInteger(v)) throw new PyRandomError("TypeError", `PyRandom takes ints; got ${v}`);
  return BigInt(v);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
