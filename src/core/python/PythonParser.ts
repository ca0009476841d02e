import { markFloat, unmarkFloat } from "../json/index.js";
import { identifierLength } from "./identifierLength.js";
import { PyCall, type PositionalParams } from "./PyCall.js";
import { pyHashKey } from "./pyEquals.js";
import { pyJsonDictKey } from "./pyJsonDumps.js";
import { PyParseFailure, type ReadReach } from "./PyParseFailure.js";
import { readPythonNumber } from "./readPythonNumber.js";
import { readPythonString } from "./readPythonString.js";
import { skipPythonSpace } from "./skipPythonSpace.js";

/** Nesting limit of the parser (parseJson's default and core/parse's JSON scanner use the same). */
export const PY_LITERAL_MAX_DEPTH = 512;

export interface Parsed {
  v: unknown;
  /** An integral number written as a float (`5.0`). */
  f: boolean;
}

// Python's constants, and JSON's spellings of them (small models mix the two).
const CONSTANTS = new Map<string, boolean | null>([["True", true], ["true", true], ["False", false], ["false", false], ["None", null], ["null", null]]);

/** Where each value of a container started, for error positions. */
export type Positions = WeakMap<object, Map<string | number, number>>;

/**
 * A real parser for Python literals (what `ast.literal_eval` accepts, minus complex numbers and
 * bytes semantics) plus keyword-only call expressions `pkg.f(a=1)`, so Python-call outputs and
 * Python-repr'd data (`[{'name': 'f', 'arguments': {'x': True}}]`) parse without `eval`.
 * Values come out JSON-shaped: tuples and sets become lists, dict keys become JSON key strings,
 * integral floats (`5.0`, `1e3`) carry float marks like parseJson's. Recursive descent with a
 * depth cap (PY_LITERAL_MAX_DEPTH), so hostile nesting fails cleanly instead of overflowing the stack.
 */
export class PythonParser {
  i = 0;
  private depth = 0;

  constructor(
    private readonly s: string,
    private readonly track?: ReadReach,
    readonly positions?: Positions,
    private readonly positional?: PositionalParams,
  ) {}

  fail(message: string, at = this.i): never {
    if (this.track) this.track.reach = Math.max(this.track.reach, at, this.i);
    const eoi = at >= this.s.length && !message.startsWith("unexpected end of input") && !message.startsWith("unterminated");
    throw new PyParseFailure(eoi ? `unexpected end of input: ${message}` : message, at);
  }

  private record(container: object, key: string | number, at: number): void {
    if (!this.positions) return;
    let m = this.positions.get(container);
    if (!m) this.positions.set(container, (m = new Map()));
    if (!m.has(key)) m.set(key, at);
  }

  /** Skip whitespace, comments and backslash line continuations. */
  ws(): void {
    this.i = skipPythonSpace(this.s, this.i);
  }

  private enter(): void {
    if (++this.depth > PY_LITERAL_MAX_DEPTH) this.fail(`nesting deeper than ${PY_LITERAL_MAX_DEPTH}`);
  }

  /**
   * One value. `callLevel` 0: a call is allowed here and in list items; 1: allowed here only;
   * -1: not allowed.
   */
  value(callLevel: number): Parsed {
    const s = this.s;
    const c = s.charCodeAt(this.i);
    if (c === 91) return { v: this.sequence(93, callLevel === 0 ? 1 : -1), f: false };
    if (c === 40) return this.paren(callLevel === 0 ? 1 : -1);
    if (c === 123) return { v: this.dictOrSet(), f: false };
    if (c === 34 || c === 39) return { v: this.strings(), f: false };
    if ((c >= 48 && c <= 57) || (c === 46 && isDigit(s.charCodeAt(this.i + 1)))) return this.number();
    if (c === 45 || c === 43) return this.unary();
    if (Number.isNaN(c)) this.fail("unexpected end of input: expected a value");
    const idLen = identifierLength(s, this.i);
    if (idLen > 0) {
      if (this.isStringPrefix(idLen)) return { v: this.strings(), f: false };
      return this.nameOrCall(callLevel);
    }
    this.fail(`unexpected character ${JSON.stringify(s.charAt(this.i))}: expected a value`);
  }

  private isStringPrefix(len: number): boolean {
    const q = this.s.charCodeAt(this.i + len);
    return len <= 2 && (q === 34 || q === 39) && /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(this.s.slice(this.i, this.i + len));
  }

  private nameOrCall(callLevel: number): Parsed {
    const s = this.s;
    const start = this.i;
    let name = this.identifier();
    // Dotted names (`math.factorial`) only make sense as callees.
    for (;;) {
      const save = this.i;
      this.ws();
      if (s.charCodeAt(this.i) !== 46) {
        this.i = save;
        break;
      }
      this.i++;
      this.ws();
      if (identifierLength(s, this.i) === 0) this.fail("expected a name after '.'");
      name += `.${this.identifier()}`;
    }
    const afterName = this.i;
    this.ws();
    if (s.charCodeAt(this.i) === 40) {
      if (callLevel < 0) this.fail(`call to ${name} where a literal value is expected`, start);
      return { v: this.callArgs(name, start), f: false };
    }
    this.i = afterName;
    if (!CONSTANTS.has(name)) this.fail(`unexpected name ${JSON.stringify(name)}: expected a literal value`, start);
    return { v: CONSTANTS.get(name), f: false };
  }

  private identifier(): string {
    const len = identifierLength(this.s, this.i);
    const name = this.s.slice(this.i, this.i + len);
    this.i += len;
    return name;
  }

  private callArgs(name: string, start: number): PyCall {
    const s = this.s;
    this.enter();
    this.i++; // (
    const args: Record<string, unknown> = {};
    const call = new PyCall(name, args, start);
    let params: readonly string[] | undefined;
    let positionalCount = 0;
    let sawKeyword = false;
    for (;;) {
      this.ws();
      if (s.charCodeAt(this.i) === 41) {
        this.i++;
        break;
      }
      const argStart = this.i;
      if (s.charCodeAt(this.i) === 42) this.fail(`starred arguments are not supported in the call to ${name}`);
      const len = identifierLength(s, this.i);
      let key: string | null = null;
      if (len > 0 && !this.isStringPrefix(len)) {
        const save = this.i;
        key = this.identifier();
        this.ws();
        if (s.charCodeAt(this.i) !== 61 || s.charCodeAt(this.i + 1) === 61) {
          key = null;
          this.i = save;
        } else this.i++;
      }
      if (key === null) {
        if (Number.isNaN(s.charCodeAt(this.i))) this.fail(`unexpected end of input: expected ')' to close the call to ${name}`);
        if (sawKeyword) this.fail(`positional argument follows keyword argument in the call to ${name}`, argStart);
        params ??= this.positional?.(name);
        if (params === undefined) this.fail(`positional argument in the call to ${name}: expected name=value`, argStart);
        key = params[positionalCount] ?? null;
        if (key === null) this.fail(`${name} takes ${params.length} positional arguments but more were given`, argStart);
        positionalCount++;
      } else sawKeyword = true;
      if (Object.prototype.hasOwnProperty.call(args, key)) this.fail(`${name} got multiple values for argument ${key}`, argStart);
      this.ws();
      const valueAt = this.i;
      const r = this.value(-1);
      setKey(args, key, r);
      this.record(call, key, valueAt);
      this.ws();
      const c = s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        continue;
      }
      if (c === 41) {
        this.i++;
        break;
      }
      this.fail(`expected ',' or ')' in the call to ${name}`);
    }
    this.depth--;
    return call;
  }

  /** List items up to `close`; trailing comma allowed. */
  private sequence(close: number, itemCallLevel: number): unknown[] {
    this.enter();
    this.i++;
    return this.sequenceRest([], close, itemCallLevel);
  }

  /** Items of a list or tuple whose opening (and maybe first item) was read; leaves the depth. */
  private sequenceRest(out: unknown[], close: number, itemCallLevel: number): unknown[] {
    for (;;) {
      this.ws();
      if (this.s.charCodeAt(this.i) === close) {
        this.i++;
        break;
      }
      this.record(out, out.length, this.i);
      const r = this.value(itemCallLevel);
      out.push(r.v);
      if (r.f) markFloat(out, out.length - 1);
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) this.i++;
      else if (c === close) {
        this.i++;
        break;
      } else this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
    }
    this.depth--;
    return out;
  }

  /** `()` tuple, `(x,)` tuple, or `(x)` grouping. */
  private paren(itemCallLevel: number): Parsed {
    this.enter();
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 41) {
      this.i++;
      this.depth--;
      return { v: [], f: false };
    }
    const out: unknown[] = [];
    this.record(out, 0, this.i);
    const first = this.value(itemCallLevel);
    this.ws();
    if (this.s.charCodeAt(this.i) === 41) {
      this.i++;
      this.depth--;
      return first;
    }
    if (this.s.charCodeAt(this.i) !== 44) this.fail("expected ',' or ')'");
    this.i++;
    out.push(first.v);
    if (first.f) markFloat(out, 0);
    return { v: this.sequenceRest(out, 41, itemCallLevel), f: false };
  }

  private dictOrSet(): unknown {
    const s = this.s;
    this.enter();
    this.i++;
    this.ws();
    if (s.charCodeAt(this.i) === 125) {
      this.i++;
      this.depth--;
      return {};
    }
    const firstAt = this.i;
    const first = this.value(-1);
    this.ws();
    if (s.charCodeAt(this.i) !== 58) return this.setRest(first, firstAt);
    const out: Record<string, unknown> = {};
    const keys = new Map<string, string>();
    let key = this.dictKey(first, firstAt, keys);
    for (;;) {
      this.i++; // :
      this.ws();
      const valueAt = this.i;
      setKey(out, key, this.value(-1));
      this.record(out, key, valueAt);
      this.ws();
      let c = s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.ws();
        c = s.charCodeAt(this.i);
      } else if (c !== 125) this.fail("expected ',' or '}'");
      if (c === 125) {
        this.i++;
        break;
      }
      const keyAt = this.i;
      key = this.dictKey(this.value(-1), keyAt, keys);
      this.ws();
      if (s.charCodeAt(this.i) !== 58) this.fail("expected ':' after the dict key");
    }
    this.depth--;
    return out;
  }

  /** Rest of a set display `{a, b}` after its first item; becomes a list, duplicates dropped. */
  private setRest(first: Parsed, firstAt: number): unknown[] {
    const out: unknown[] = [];
    const seen = new Set<string>();
    const add = (r: Parsed, at: number): void => {
      const v = r.v;
      const k = pyHashKey(v);
      if (k === undefined) this.fail("unhashable type in a set", at);
      // Python: 1 == 1.0 == True hash alike; keep the first, like Python does.
      if (seen.has(k)) return;
      seen.add(k);
      out.push(v);
      if (r.f) markFloat(out, out.length - 1);
    };
    add(first, firstAt);
    for (;;) {
      const c = this.s.charCodeAt(this.i);
      if (c === 125) {
        this.i++;
        break;
      }
      if (c !== 44) this.fail("expected ',' or '}'");
      this.i++;
      this.ws();
      if (this.s.charCodeAt(this.i) === 125) {
        this.i++;
        break;
      }
      const at = this.i;
      add(this.value(-1), at);
      this.ws();
    }
    this.depth--;
    return out;
  }

  /**
   * The JSON key `json.dumps` would write for a Python dict key. Keys Python finds equal are one
   * (`{1: 'a', True: 'b'}` is `{1: 'b'}`): the first one's text stays, as in Python.
   */
  private dictKey(k: Parsed, at: number, seen: Map<string, string>): string {
    const hash = pyHashKey(k.v);
    if (hash === undefined) this.fail("unhashable dict key (a list, dict or tuple)", at);
    let key = seen.get(hash);
    if (key === undefined) {
      key = pyJsonDictKey(k.v, k.f) as string;
      seen.set(hash, key);
    }
    return key;
  }

  private unary(): Parsed {
    const neg = this.s.charCodeAt(this.i) === 45;
    const at = this.i;
    this.i++;
    this.ws();
    const c = this.s.charCodeAt(this.i);
    if (!(isDigit(c) || c === 46 || c === 45 || c === 43)) this.fail("expected a number after the sign", at);
    this.enter();
    const r = c === 45 || c === 43 ? this.unary() : this.number();
    this.depth--;
    if (!neg) return r;
    const v = r.v as number;
    // Python has no negative integer zero: -0 is 0, while -0.0 stays a float.
    return { v: v === 0 && !r.f && Number.isInteger(v) ? 0 : -v, f: r.f };
  }

  private number(): Parsed {
    const s = this.s;
    const start = this.i;
    const n = readPythonNumber(s, start, (message, at) => this.fail(message, at));
    this.i = n.end;
    const next = s.charCodeAt(this.i);
    if (next === 106 || next === 74) this.fail("complex numbers are not supported", start);
    if (identifierLength(s, this.i) > 0 || isDigit(next)) this.fail("invalid number", start);
    return { v: n.value, f: n.integralFloat };
  }

  /** One or more adjacent string literals, concatenated as Python does. */
  private strings(): string {
    let out = this.stringLiteral();
    for (;;) {
      const save = this.i;
      this.ws();
      const c = this.s.charCodeAt(this.i);
      const len = c === 34 || c === 39 ? 0 : identifierLength(this.s, this.i);
      if ((c === 34 || c === 39) || (len > 0 && this.isStringPrefix(len))) out += this.stringLiteral();
      else {
        this.i = save;
        return out;
      }
    }
  }

  private stringLiteral(): string {
    const r = readPythonString(this.s, this.i, (message, at) => this.fail(message, at), this.track);
    this.i = r.end;
    return r.value;
  }
}

function setKey(out: Record<string, unknown>, key: string, r: Parsed): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value: r.v, enumerable: true, writable: true, configurable: true });
  else out[key] = r.v;
  if (r.f) markFloat(out, key);
  else unmarkFloat(out, key);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
