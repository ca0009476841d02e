import fc from "fast-check";

/**
 * Python values as `json.loads` makes them, with the int/float kind explicit, for property tests
 * that compare our Python semantics with CPython's on the same JSON text.
 */
export type PyTree =
  | { t: "None" }
  | { t: "bool"; v: boolean }
  | { t: "int"; v: number }
  | { t: "float"; v: number }
  | { t: "str"; v: string }
  | { t: "list"; items: PyTree[] }
  | { t: "dict"; entries: Array<[string, PyTree]> };

/** JSON text of a tree, numbers spelled so Python tells int from float (`5` vs `5.0`). */
export function pyTreeJson(t: PyTree): string {
  switch (t.t) {
    case "None":
      return "null";
    case "bool":
      return t.v ? "true" : "false";
    case "int":
      return String(t.v);
    case "float": {
      if (Object.is(t.v, -0)) return "-0.0";
      const s = JSON.stringify(t.v);
      return /^-?\d+$/.test(s) ? `${s}.0` : s;
    }
    case "str":
      return JSON.stringify(t.v);
    case "list":
      return `[${t.items.map(pyTreeJson).join(", ")}]`;
    case "dict":
      return `{${t.entries.map(([k, v]) => `${JSON.stringify(k)}: ${pyTreeJson(v)}`).join(", ")}}`;
  }
}

/** Code points of every kind Python's printing cares about: controls, C1, separators, format, surrogates, private use, astral. */
export const codePoint: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constant(0x7f)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 2, arbitrary: fc.integer({ min: 0x100, max: 0xffff }) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }) },
  { weight: 1, arbitrary: fc.constantFrom(0x1680, 0x2000, 0x200a, 0x200b, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff, 0xe000, 0xfffd, 0x1f600, 0x10ffff) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
);

/** Strings from {@link codePoint} (lone surrogates included). */
export const pyString: fc.Arbitrary<string> = fc.array(codePoint, { maxLength: 12 }).map((cps) => cps.map((c) => String.fromCodePoint(c)).join(""));

const INT = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.maxSafeInteger());
const FLOAT = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 1e-4, 1e-5, 1e15, 1e16, 123456789, 0.1 + 0.2),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

// JS objects put array-index keys ("1") first whatever the insertion order, where Python keeps
// it: a documented limit of JS objects, kept out of the generated keys.
const isIndexKey = (k: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(k) && Number(k) < 2 ** 32 - 1;

export const anyLeaf: fc.Arbitrary<PyTree> = fc.oneof(
  fc.constant<PyTree>({ t: "None" }),
  fc.boolean().map((v): PyTree => ({ t: "bool", v })),
  INT.map((v): PyTree => ({ t: "int", v })),
  FLOAT.map((v): PyTree => ({ t: "float", v })),
  pyString.map((v): PyTree => ({ t: "str", v })),
);

/** Trees of `leaf` values with keys from `key`, nesting up to `depth`. */
export function pyTree(leaf: fc.Arbitrary<PyTree> = anyLeaf, key: fc.Arbitrary<string> = pyString, depth = 3): fc.Arbitrary<PyTree> {
  const safeKey = key.filter((k) => !isIndexKey(k));
  const { tree } = fc.letrec<{ tree: PyTree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", maxDepth: depth },
      { weight: 3, arbitrary: leaf },
      { weight: 1, arbitrary: fc.array(tie("tree"), { maxLength: 4 }).map((items): PyTree => ({ t: "list", items })) },
      {
        weight: 1,
        arbitrary: fc
          .uniqueArray(fc.tuple(safeKey, tie("tree")), { maxLength: 4, selector: ([k]) => k })
          .map((entries): PyTree => ({ t: "dict", entries })),
      },
    ),
  }));
  return tree;
}

/** Few distinct leaves, so `==` between two trees is often true. */
export const smallLeaf: fc.Arbitrary<PyTree> = fc.oneof(
  fc.constant<PyTree>({ t: "None" }),
  fc.boolean().map((v): PyTree => ({ t: "bool", v })),
  fc.constantFrom(0, 1, 2).map((v): PyTree => ({ t: "int", v })),
  fc.constantFrom(0, -0, 1, 1.5, 2).map((v): PyTree => ({ t: "float", v })),
  fc.constantFrom("", "a", "1", "True").map((v): PyTree => ({ t: "str", v })),
);
export const smallKey: fc.Arbitrary<string> = fc.constantFrom("a", "b", "c");

/** A tree equal to `t` under Python `==` most of the time: numbers change kind (1, 1.0, True), dict keys reorder, now and then a leaf differs. */
export function pyTwin(t: PyTree): fc.Arbitrary<PyTree> {
  const other = { weight: 1, arbitrary: smallLeaf };
  switch (t.t) {
    case "int":
    case "float":
    case "bool": {
      const n = Number(t.v);
      const forms: PyTree[] = [{ t: "float", v: n }];
      if (Number.isInteger(n)) forms.push({ t: "int", v: n });
      if (n === 0 || n === 1) forms.push({ t: "bool", v: n === 1 });
      return fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...forms) }, other);
    }
    case "list":
      return fc.oneof(
        { weight: 6, arbitrary: fc.tuple(...t.items.map(pyTwin)).map((items): PyTree => ({ t: "list", items })) },
        { weight: 1, arbitrary: fc.constant<PyTree>({ t: "list", items: t.items.slice(1) }) },
      );
    case "dict": {
      const n = t.entries.length;
      const twins = fc.tuple(...t.entries.map(([k, v]) => pyTwin(v).map((w): [string, PyTree] => [k, w])));
      return fc.oneof(
        { weight: 6, arbitrary: twins.chain((es) => fc.shuffledSubarray(es, { minLength: n, maxLength: n })).map((entries): PyTree => ({ t: "dict", entries })) },
        other,
      );
    }
    default:
      return fc.oneof({ weight: 6, arbitrary: fc.constant(t) }, other);
  }
}
