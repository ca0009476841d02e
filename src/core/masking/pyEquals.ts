/**
 * Python `==` between two JSON-loaded values: `1 == 1.0 == True`, `0 == False`, strings only
 * equal strings, lists and dicts compare element-wise. Hammer's default mask uses it to decide
 * which gold arguments follow a changed default. Iterative, so hostile nesting cannot overflow.
 */
export function pyEquals(a: unknown, b: unknown): boolean {
  const stack: Array<[unknown, unknown]> = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [unknown, unknown];
    if (isPyNumber(x) && isPyNumber(y)) {
      if (Number(x) !== Number(y)) return false;
      continue;
    }
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") {
      if (x !== y) return false;
      continue;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const xk = Object.keys(xo);
    if (xk.length !== Object.keys(yo).length) return false;
    for (const k of xk) {
      if (!Object.prototype.hasOwnProperty.call(yo, k)) return false;
      stack.push([xo[k], yo[k]]);
    }
  }
  return true;
}

/** Python's numeric tower: bool is an int. */
function isPyNumber(v: unknown): v is number | boolean {
  return typeof v === "number" || typeof v === "boolean";
}
