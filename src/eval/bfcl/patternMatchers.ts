import { PY_WS } from "../../core/python/index.js";

/**
 * Linear-time stand-ins for three regexes of BFCL's converters whose backtracking is
 * exponential or polynomial of high degree on hostile text (Python hangs on them too, e.g. a
 * 2-D array regex on `"[[" + "],[" * 40`). Each returns exactly what the regex's first match
 * would give (property-tested against the regexes on small inputs); null where it finds none.
 */

const WS = new RegExp(`[${PY_WS}]`, "u");
const isWs = (c: string | undefined): boolean => c !== undefined && WS.test(c);

/** next[i] = first index ≥ i that is not Python whitespace (s.length at the end). */
function skipTable(s: string): Int32Array {
  const next = new Int32Array(s.length + 2);
  next[s.length] = s.length;
  next[s.length + 1] = s.length;
  for (let i = s.length - 1; i >= 0; i--) next[i] = isWs(s[i]) ? (next[i + 1] as number) : i;
  return next;
}

/**
 * `re.match` of js_type_converter's 2-D array pattern
 * `\[\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\]|\bnew\s+Array\(\s*\[.*?\]\s*(,\s*\[.*?\]\s*)*\)`:
 * the matched text (group 0), or null. Dynamic programming from the right replaces backtracking:
 * F[q] = end of the match when the element opened before q closes at the first `]` (no newline
 * in between) after which the rest matches; tail[p] = end when at p (after a closed element and
 * its whitespace) the greedy `(,…)*` loop continues, else the closing bracket.
 */
export function matchJsArray2d(s: string): string | null {
  const W = skipTable(s);
  let start: number;
  let close: string;
  if (s[0] === "[") {
    start = W[1] as number;
    close = "]";
  } else {
    const m = new RegExp(`^new[${PY_WS}]+Array\\(`, "u").exec(s);
    if (!m) return null;
    start = W[m[0].length] as number;
    close = ")";
  }
  if (s[start] !== "[") return null;
  const n = s.length;
  const F = new Int32Array(n + 2).fill(-1);
  const tail = new Int32Array(n + 2).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const c = s[i];
    // tail(i): try one more `, \s* [ … ]` first (greedy loop), else the closing bracket.
    if (c === ",") {
      const q = W[i + 1] as number;
      if (s[q] === "[" && (F[q + 1] as number) >= 0) tail[i] = F[q + 1] as number;
    }
    if (tail[i] === -1 && c === close) tail[i] = i + 1;
    // F(i): the lazy `.*?` stops at the first `]` whose continuation matches; `.` excludes "\n".
    if (c === "\n") F[i] = -1;
    else if (c === "]" && (tail[W[i + 1] as number] as number) >= 0) F[i] = tail[W[i + 1] as number] as number;
    else F[i] = F[i + 1] as number;
  }
  const end = F[start + 1] as number;
  return end >= 0 ? s.slice(0, end) : null;
}

const ADD_PREFIX = () => new RegExp(`new[${PY_WS}]+ArrayList<[\\p{L}\\p{N}_]*>\\(\\)[${PY_WS}]*\\{\\{`, "gu");

/**
 * `re.search(r"new\s+ArrayList<\w*>\(\)\s*\{\{\s*(.+?)\s*\}\}", s, re.DOTALL)`: group 1, or null.
 * After `{{` and its whitespace (at a), the lazy group ends at the first e > a whose whitespace
 * run is followed by `}}`; if there is none, the regex backs off one whitespace character, which
 * only helps when `}}` directly follows (the group is then that one whitespace character).
 */
export function matchJavaAddBlock(s: string): string | null {
  const W = skipTable(s);
  for (const m of s.matchAll(ADD_PREFIX())) {
    const p = (m.index as number) + m[0].length;
    const a = W[p] as number;
    const f = s.indexOf("}}", a + 1);
    if (f >= 0) {
      let e = f;
      while (e > a + 1 && isWs(s[e - 1])) e--;
      return s.slice(a, e);
    }
    if (a > p && s.startsWith("}}", a)) return s.slice(a - 1, a);
  }
  return null;
}

const MAP_PREFIX = () => new RegExp(`new[${PY_WS}]+HashMap<`, "gu");

/**
 * `re.search(r"new\s+HashMap<.*?>\s*\(\)\s*\{\s*\{?\s*(.*?)\s*\}?\s*\}", s, re.DOTALL)`: group 1,
 * or null. For each start, the lazy `<.*?>` tries every `>` in order until `\s*\(\)\s*\{`
 * follows; then the group starts after optional whitespace, `{` and whitespace, and ends before
 * the whitespace that precedes the first `}` (it may be empty). With no `}` left, no later
 * candidate can match either.
 */
export function matchJavaHashMap(s: string): string | null {
  const W = skipTable(s);
  for (const m of s.matchAll(MAP_PREFIX())) {
    let g = s.indexOf(">", (m.index as number) + m[0].length);
    while (g >= 0) {
      let p = W[g + 1] as number;
      if (s.startsWith("()", p)) {
        p = W[p + 2] as number;
        if (s[p] === "{") {
          const a1 = W[p + 1] as number;
          const a2 = s[a1] === "{" ? (W[a1 + 1] as number) : a1;
          const f = s.indexOf("}", a2);
          if (f < 0) return null;
          let e = f;
          while (e > a2 && isWs(s[e - 1])) e--;
          return s.slice(a2, e);
        }
      }
      g = s.indexOf(">", g + 1);
    }
  }
  return null;
}
