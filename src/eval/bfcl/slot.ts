import { markFloat } from "../../core/json/index.js";

/**
 * A value together with where it lives, so its Python type is known: `5` and `5.0` are `int`
 * and `float` to Python, and only the container's float marks (core/json) remember which one a
 * JSON number was. Python semantics themselves are in core/python.
 */
export interface Slot {
  readonly container: object;
  readonly key: string | number;
}

export function slotValue(s: Slot): unknown {
  return (s.container as Record<string | number, unknown>)[s.key];
}

/** A fresh one-element holder for a computed value (`float(x)`, a converted Java string…). */
export function boxed(value: unknown, asFloat = false): Slot {
  const box = [value];
  if (asFloat && typeof value === "number") markFloat(box, 0);
  return { container: box, key: 0 };
}

/** A converted value and whether Python holds it as a float (before it is placed in a container). */
export interface PyVal {
  v: unknown;
  float: boolean;
}

export const pyValStr = (v: string): PyVal => ({ v, float: false });
export const pyValInt = (v: number): PyVal => ({ v, float: false });
export const pyValFloat = (v: number): PyVal => ({ v, float: true });

/** The values as a list, float marks kept. */
export function pyValList(items: readonly PyVal[]): unknown[] {
  const out = items.map((x) => x.v);
  items.forEach((x, i) => {
    if (x.float && typeof x.v === "number") markFloat(out, i);
  });
  return out;
}
