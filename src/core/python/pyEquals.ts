/**
 * How deep `==` compares before it gives up. CPython's comparison recurses and raises
 * RecursionError near its default limit of 1000; JSON values parsed here nest at most 512 deep,
 * so only hostile, hand-built values reach this.
 */
export const PY_EQUALS_MAX_DEPTH = 1000;

/**
 * Python `a == b` between two JSON-loaded values: `1 == 1.0 == True`, `0 == False`, strings only
 * equal strings, lists compare element-wise and dicts key-wise (in any key order). Iterative, and
 * fails closed: values nested deeper than {@link PY_EQUALS_MAX_DEPTH} (or cyclic) are unequal,
 * where CPython would raise. Float marks do not matter (`5 == 5.0`).
 */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!isContainer(a) || !isContainer(b)) return scalarEquals(a, b);
  // Pairs of containers still to compare, with their depth; scalars are compared on the spot.
  const stack: Array<[object, object, number]> = [[a, b, 0]];
  while (stack.length > 0) {
    const [x, y, depth] = stack.pop() as [object, object, number];
    if (Array.isArray(x) !== Array.isArray(y) || depth >= PY_EQUALS_MAX_DEPTH) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) if (!compareOrPush(x[i], ya[i], depth, stack)) return false;
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const xk = Object.keys(xo);
    if (xk.length !== Object.keys(yo).length) return false;
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(yo, k) || !compareOrPush(xo[k], yo[k], depth, stack)) return false;
    }
  }
  return true;
}

/** False when `x` and `y` differ as scalars; a pair of containers is left on the stack for later. */
function compareOrPush(x: unknown, y: unknown, depth: number, stack: Array<[object, object, number]>): boolean {
  // The same object is equal to itself, as in CPython's containers (`x is y or x == y`).
  if (x === y) return true;
  if (!isContainer(x) || !isContainer(y)) return scalarEquals(x, y);
  stack.push([x, y, depth + 1]);
  return true;
}

/**
 * Would {@link pyEquals} hold between `v` and a separate, structurally identical copy of it (no
 * object shared)? Only a NaN somewhere (`nan != nan`) or nesting as deep as
 * {@link PY_EQUALS_MAX_DEPTH} (a cycle included) makes a value unequal to its copy.
 */
export function pyEqualsItsCopy(v: unknown): boolean {
  return isContainer(v) ? containerEqualsItsCopy(v, 0) : v === v;
}

// Recursive: the depth is bounded by PY_EQUALS_MAX_DEPTH, and no pair or stack entry is allocated.
function containerEqualsItsCopy(x: object, depth: number): boolean {
  if (depth >= PY_EQUALS_MAX_DEPTH) return false;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!itemEqualsItsCopy(x[i], depth)) return false;
    return true;
  }
  for (const k in x) if (!itemEqualsItsCopy((x as Record<string, unknown>)[k], depth)) return false;
  return true;
}

function itemEqualsItsCopy(item: unknown, depth: number): boolean {
  return isContainer(item) ? containerEqualsItsCopy(item, depth + 1) : item === item;
}

/** `x == y` for two values that are not the same and not both containers. */
function scalarEquals(x: unknown, y: unknown): boolean {
  return isPyNumber(x) && isPyNumber(y) && Number(x) === Number(y);
}

function isContainer(v: unknown): v is object {
  return typeof v === "object" && v !== null;
}

/** Python `item in items` for a list. */
export function pyInList(item: unknown, items: readonly unknown[]): boolean {
  for (const x of items) if (pyEquals(item, x)) return true;
  return false;
}

/**
 * A key shared by the hashable values Python's `==` makes one dict key or set member
 * (`1`, `1.0`, `True`; `0`, `-0.0`, `False`); undefined for unhashable ones (lists, dicts).
 */
export function pyHashKey(v: unknown): string | undefined {
  if (isPyNumber(v)) return `n${Number(v)}`;
  if (typeof v === "string") return `s${v}`;
  if (v === null || v === undefined) return "None";
  return undefined;
}

/** Python's numeric tower: bool is an int. */
function isPyNumber(v: unknown): v is number | boolean {
  return typeof v === "number" || typeof v === "boolean";
}
