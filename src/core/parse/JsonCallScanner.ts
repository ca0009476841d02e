import { JsonStringReader } from "./JsonStringReader.js";
import { MAX_DEPTH } from "./scanJson.js";
import type { StreamEmitter } from "./StreamEmitter.js";

/** What a JSON value means to the call layer. */
type Role = "top" | "list" | "wrapper" | "wrapperList" | "call" | "fn" | "name" | "args" | "skip";

interface CallState {
  index: number;
  name: string | null;
  argsSeen: boolean;
  /** Argument text that arrived before the name. */
  pending: string;
}

interface Frame {
  array: boolean;
  role: Role;
  call: CallState | null;
}

type Tok = "value" | "keyOrEnd" | "key" | "colon" | "itemOrEnd" | "after" | "string" | "number" | "literal";
type StrTarget = "key" | "name" | "args" | "skip";

function isWs(c: string): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t";
}

/**
 * Character-at-a-time JSON scanner for one call block (a list of call objects, a single call
 * object or a `{"tool_calls": [...]}` wrapper), turning it into call events on the emitter:
 * a call starts once its name string is complete, and its arguments value is passed on as raw
 * text slices (decoded content when the arguments are a JSON string, OpenAI style). Every role
 * of a value is decided when the value starts, so nothing is ever rescanned.
 */
export class JsonCallScanner {
  /** The top-level value of the current block is complete. */
  done = false;
  private stack: Frame[] = [];
  private tok: Tok = "value";
  private valueRole: Role = "top";
  private strTarget: StrTarget = "skip";
  /** The string being read is an object key. */
  private strIsKey = false;
  private strBuf = "";
  private readonly str: JsonStringReader;
  private scalar = "";
  private literal = "";
  /** Call indexes run on across blocks (several `<tool_call>` blocks make one list). */
  private nextIndex = 0;
  /** The call whose arguments are being captured raw, and the stack depth of their object. */
  private capCall: CallState | null = null;
  private capDepth = -1;
  private capFrom = -1;

  constructor(
    private readonly out: StreamEmitter,
    private readonly wrapperKey: string,
    private readonly onFail: (message: string, at: number) => void,
  ) {
    this.str = new JsonStringReader((text) => this.strPiece(text), onFail);
  }

  /** Start a new block. */
  begin(): void {
    this.done = false;
    this.stack = [];
    this.tok = "value";
    this.valueRole = "top";
  }

  /** A new chunk begins: raw capture in progress continues from its first character. */
  chunkStart(): void {
    if (this.capCall !== null) this.capFrom = 0;
  }

  /** The chunk ends: pass on the argument text captured so far. */
  chunkEnd(chunk: string): void {
    if (this.capCall !== null) this.capture(chunk, this.capFrom, chunk.length);
  }

  /** Process chunk[i] (the chunk starts at stream offset `base`); returns the next index. */
  step(chunk: string, i: number, base: number): number {
    const c = chunk.charAt(i);
    const at = base + i;
    switch (this.tok) {
      case "value":
        if (isWs(c)) return i + 1;
        return this.startValue(i, c, at);
      case "itemOrEnd":
        if (isWs(c)) return i + 1;
        if (c === "]") return this.closeContainer(chunk, i, at);
        this.tok = "value";
        this.valueRole = this.itemRole();
        return i;
      case "keyOrEnd":
      case "key":
        if (isWs(c)) return i + 1;
        if (c === "}" && this.tok === "keyOrEnd") return this.closeContainer(chunk, i, at);
        if (c !== '"') {
          this.onFail(`expected a string key${this.tok === "keyOrEnd" ? " or '}'" : ""}`, at);
          return i + 1;
        }
        this.beginString(this.keyMatters() ? "key" : "skip", true);
        return i + 1;
      case "colon":
        if (isWs(c)) return i + 1;
        if (c !== ":") {
          this.onFail("expected ':'", at);
          return i + 1;
        }
        this.tok = "value";
        return i + 1;
      case "after": {
        if (isWs(c)) return i + 1;
        const top = this.stack[this.stack.length - 1];
        if (top === undefined) {
          this.onFail("internal: value ended outside a container", at);
          return i + 1;
        }
        if (c === ",") {
          if (top.array) {
            this.tok = "value";
            this.valueRole = this.itemRole();
          } else this.tok = "key";
          return i + 1;
        }
        if (c === (top.array ? "]" : "}")) return this.closeContainer(chunk, i, at);
        this.onFail(`expected ',' or '${top.array ? "]" : "}"}'`, at);
        return i + 1;
      }
      case "string": {
        const next = this.str.step(chunk, i, at);
        if (this.str.closedAt >= 0) this.endString(this.str.closedAt);
        return next;
      }
      case "number":
        if (/[0-9eE.+-]/.test(c)) {
          this.scalar += c;
          return i + 1;
        }
        if (!/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(this.scalar)) {
          this.onFail(`invalid number ${JSON.stringify(this.scalar)}`, at - this.scalar.length);
          return i + 1;
        }
        this.valueDone();
        return i;
      case "literal": {
        const want = this.literal.charAt(this.scalar.length);
        if (c !== want) {
          this.onFail(`invalid literal: expected ${JSON.stringify(this.literal)}`, at);
          return i + 1;
        }
        this.scalar += c;
        if (this.scalar === this.literal) this.valueDone();
        return i + 1;
      }
    }
  }

  private itemRole(): Role {
    const top = this.stack[this.stack.length - 1];
    return top?.role === "list" ? "call" : "skip";
  }

  private keyMatters(): boolean {
    const role = this.stack[this.stack.length - 1]?.role;
    return role === "top" || role === "wrapper" || role === "call" || role === "fn";
  }

  private startValue(i: number, c: string, at: number): number {
    const role = this.valueRole;
    if (c === "{" || c === "[") {
      if (this.stack.length >= MAX_DEPTH) {
        this.onFail(`nesting deeper than ${MAX_DEPTH}`, at);
        return i + 1;
      }
      const parentCall = this.stack[this.stack.length - 1]?.call ?? null;
      let frame: Frame;
      if (c === "{") {
        if (role === "top") frame = { array: false, role: "top", call: null };
        else if (role === "call") frame = { array: false, role: "call", call: this.newCall() };
        else if (role === "fn") frame = { array: false, role: "fn", call: parentCall };
        else if (role === "args") frame = { array: false, role: "args", call: parentCall };
        else if (role === "skip") frame = { array: false, role: "skip", call: null };
        else return this.badValue(role, at, i);
      } else {
        if (role === "top" || role === "wrapperList") frame = { array: true, role: "list", call: null };
        else if (role === "skip") frame = { array: true, role: "skip", call: null };
        else return this.badValue(role, at, i);
      }
      this.stack.push(frame);
      if (frame.role === "args" && frame.call !== null) {
        frame.call.argsSeen = true;
        this.capCall = frame.call;
        this.capDepth = this.stack.length;
        this.capFrom = i;
      }
      this.tok = frame.array ? "itemOrEnd" : "keyOrEnd";
      return i + 1;
    }
    if (c === '"') {
      if (role === "name") this.beginString("name");
      else if (role === "args") {
        // OpenAI-style arguments given as a JSON string: stream its decoded content.
        const call = this.stack[this.stack.length - 1]?.call ?? null;
        if (call === null) return this.badValue(role, at, i);
        call.argsSeen = true;
        this.capCall = call;
        this.capDepth = -1;
        this.beginString("args");
      } else if (role === "skip" || role === "fn") this.beginString("skip");
      else return this.badValue(role, at, i);
      return i + 1;
    }
    const lit = c === "t" ? "true" : c === "f" ? "false" : c === "n" ? "null" : null;
    const okScalar = role === "skip" || role === "fn" || (lit === "null" && (role === "args" || role === "wrapperList"));
    if (lit !== null) {
      if (!okScalar) return this.badValue(role, at, i);
      this.tok = "literal";
      this.literal = lit;
      this.scalar = c;
      return i + 1;
    }
    if (c === "-" || (c >= "0" && c <= "9")) {
      if (!okScalar) return this.badValue(role, at, i);
      this.tok = "number";
      this.scalar = c;
      return i + 1;
    }
    this.onFail(`unexpected character ${JSON.stringify(c)}: expected a JSON value`, at);
    return i + 1;
  }

  private badValue(role: Role, at: number, i: number): number {
    const what: Partial<Record<Role, string>> = {
      top: "expected a JSON list or object of calls",
      call: 'a call list item must be an object {"name": …, "arguments": {…}}',
      name: "a function name must be a string",
      args: "arguments must be an object (or a JSON string)",
      wrapperList: "expected a list of calls under the wrapper key",
    };
    this.onFail(what[role] ?? "unexpected value", at);
    return i + 1;
  }

  private newCall(): CallState {
    return { index: -1, name: null, argsSeen: false, pending: "" };
  }

  private closeContainer(chunk: string, i: number, at: number): number {
    const frame = this.stack[this.stack.length - 1] as Frame;
    if (frame.role === "args" && this.capCall !== null && this.capDepth === this.stack.length) {
      this.capture(chunk, this.capFrom, i + 1);
      this.capCall = null;
      this.capDepth = -1;
    }
    if (frame.role === "top") {
      this.onFail('an empty object is not a call: expected {"name": …, "arguments": {…}}', at);
      return i + 1;
    }
    if (frame.role === "call" && frame.call !== null) {
      const call = frame.call;
      if (call.name === null) {
        this.onFail('call object has no "name"', at);
        return i + 1;
      }
      if (!call.argsSeen) this.out.addArgs(call.index, "{}");
      this.out.emit({ type: "call_end", index: call.index });
    }
    this.stack.pop();
    this.valueDone();
    return i + 1;
  }

  /** A value ended: back to the container, or the call block is complete. */
  private valueDone(): void {
    if (this.stack.length === 0) this.done = true;
    else this.tok = "after";
  }

  private capture(chunk: string, from: number, to: number): void {
    const call = this.capCall;
    if (call === null || this.capDepth < 0 || from < 0) return;
    this.argsText(call, chunk.slice(from, to));
  }

  private argsText(call: CallState, s: string): void {
    if (call.index >= 0) this.out.addArgs(call.index, s);
    else call.pending += s;
  }

  // ---- strings ----

  private beginString(target: StrTarget, isKey = false): void {
    this.tok = "string";
    this.strTarget = target;
    this.strIsKey = isKey;
    this.strBuf = "";
    this.str.begin();
  }

  private strPiece(s: string): void {
    if (this.strTarget === "key" || this.strTarget === "name") this.strBuf += s;
    else if (this.strTarget === "args" && this.capCall !== null) this.argsText(this.capCall, s);
  }

  private endString(at: number): void {
    const target = this.strTarget;
    const frame = this.stack[this.stack.length - 1];
    if (this.strIsKey) {
      if (target === "key" && frame !== undefined) this.onKey(frame, this.strBuf);
      else this.valueRole = "skip";
      this.tok = "colon";
      return;
    }
    if (target === "name" && frame?.call) this.onName(frame.call, this.strBuf, at);
    if (target === "args") {
      this.capCall = null;
      this.capDepth = -1;
    }
    this.valueDone();
  }

  private onKey(frame: Frame, key: string): void {
    if (frame.role === "top") {
      if (key === this.wrapperKey || key === "tool_calls") frame.role = "wrapper";
      else {
        frame.role = "call";
        frame.call = this.newCall();
      }
    }
    if (frame.role === "wrapper") {
      this.valueRole = key === this.wrapperKey || key === "tool_calls" ? "wrapperList" : "skip";
      return;
    }
    const call = frame.call;
    if (call === null) {
      this.valueRole = "skip";
      return;
    }
    if ((key === "name" || key === "tool") && call.name === null) this.valueRole = "name";
    else if ((key === "arguments" || key === "parameters") && !call.argsSeen) this.valueRole = "args";
    else if (key === "function" && frame.role === "call") this.valueRole = "fn";
    else this.valueRole = "skip";
  }

  private onName(call: CallState, name: string, at: number): void {
    if (name === "") {
      this.onFail("empty function name", at);
      return;
    }
    call.name = name;
    call.index = this.nextIndex++;
    this.out.emit({ type: "call_start", index: call.index, name });
    if (call.pending !== "") {
      this.out.addArgs(call.index, call.pending);
      call.pending = "";
    }
  }
}
