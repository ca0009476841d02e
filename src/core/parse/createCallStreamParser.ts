import { HammerError, OutputParseError } from "../errors.js";
import type { CallSyntax } from "../formats/types.js";
import { JsonCallScanner } from "./JsonCallScanner.js";
import { StreamEmitter } from "./StreamEmitter.js";

/** Streaming view of model output: prose deltas, then per call a start, raw argument text and an end. */
export type CallStreamEvent =
  | { type: "text"; delta: string }
  /** Emitted once the name is complete; argument deltas of the call only follow it. */
  | { type: "call_start"; index: number; name: string }
  /** Argument JSON text as it arrives: a call's deltas concatenate to exactly its arguments text. */
  | { type: "arguments"; index: number; delta: string }
  | { type: "call_end"; index: number };

export interface CallStreamParser {
  /** Feed the next piece of model text (split anywhere); returns the events it completes. */
  push(chunk: string): CallStreamEvent[];
  /**
   * End of output: returns the remaining events, or throws OutputParseError (with the offset)
   * when a call block was malformed or cut off. Prose without any call block is not an error.
   */
  end(): CallStreamEvent[];
}

/**
 * Incremental scanner for the `json-list` (Hammer "```\n[...]\n```", xLAM `{"tool_calls": [...]}`)
 * and `tagged` (hermes `<tool_call>{…}</tool_call>`) syntaxes. It reads each character once and
 * keeps only the state of the JSON being read, so it never rescans the text.
 */
export function createCallStreamParser(syntax: CallSyntax): CallStreamParser {
  return new StreamParser(syntax);
}

const FENCE = "```";

/** prose → (``` → lang) → jsonStart → json (JsonCallScanner) → closer → prose …; failed/ended are final. */
type Mode = "prose" | "lang" | "jsonStart" | "json" | "closer" | "failed" | "ended";

function isWs(c: string): boolean {
  return c === " " || c === "\n" || c === "\r" || c === "\t";
}

class StreamParser implements CallStreamParser {
  private readonly out = new StreamEmitter();
  private readonly openers: string[];
  private readonly firstChars: Set<string>;
  private readonly bareStart: boolean;
  private readonly closers = new Map<string, string>();
  private readonly json: JsonCallScanner;

  private mode: Mode = "prose";
  /** Characters consumed before the current chunk (error offsets). */
  private consumed = 0;
  private failure: OutputParseError | null = null;
  private hold = "";
  private langBuf = "";
  private opener = "";
  private closer = "";
  private closerAt = 0;

  constructor(syntax: CallSyntax) {
    // Markers are matched without their whitespace; whitespace around blocks is skipped anyway.
    if (syntax.kind === "tagged") {
      const open = syntax.callOpen.trim();
      if (open === "") throw new HammerError("INPUT_INVALID", "tagged call syntax needs a non-empty callOpen marker");
      this.openers = [open];
      this.closers.set(open, syntax.callClose.trim());
      this.bareStart = false;
    } else {
      const open = syntax.open.trim();
      this.openers = [FENCE];
      this.closers.set(FENCE, FENCE);
      if (open !== "" && !open.startsWith(FENCE)) {
        this.openers.push(open);
        this.closers.set(open, syntax.close.trim());
      }
      this.bareStart = true;
    }
    const wrapperKey = syntax.kind === "json-list" ? (syntax.wrapperKey ?? "tool_calls") : "tool_calls";
    this.json = new JsonCallScanner(this.out, wrapperKey, (message, at) => this.fail(message, at));
    this.firstChars = new Set(this.openers.map((o) => o.charAt(0)));
  }

  push(chunk: string): CallStreamEvent[] {
    if (this.mode === "ended") throw new HammerError("INTERNAL", "CallStreamParser.push() called after end()");
    let i = 0;
    const n = chunk.length;
    this.json.chunkStart();
    while (i < n && this.mode !== "failed") i = this.step(chunk, i);
    if (this.mode === "json") this.json.chunkEnd(chunk);
    this.consumed += n;
    return this.out.take(false);
  }

  end(): CallStreamEvent[] {
    if (this.mode === "ended") return [];
    switch (this.mode) {
      case "prose":
        this.out.proseText(this.hold);
        this.hold = "";
        break;
      case "lang":
        this.out.proseText(this.langBuf);
        break;
      case "jsonStart":
        this.fail(`unexpected end of input: expected a call after ${this.opener}`, this.consumed);
        break;
      case "json":
        this.fail("unexpected end of input inside the call block", this.consumed);
        break;
      default:
        break; // a missing closing marker at the very end is tolerated, as in parseToolCalls
    }
    const failure = this.failure;
    this.mode = "ended";
    const events = this.out.take(true);
    if (failure) throw failure;
    return events;
  }

  private fail(message: string, at: number): void {
    if (this.failure === null) this.failure = new OutputParseError(message, at);
    this.mode = "failed";
  }

  /** Process from chunk[i]; returns the next index. */
  private step(chunk: string, i: number): number {
    const c = chunk.charAt(i);
    switch (this.mode) {
      case "prose":
        return this.proseStep(i, c);
      case "lang":
        return this.langStep(i, c);
      case "jsonStart":
        if (isWs(c)) return i + 1;
        if (c === "[" || c === "{") {
          this.startJson();
          return i;
        }
        this.fail(`expected a JSON list or object after ${this.opener}`, this.consumed + i);
        return i + 1;
      case "json": {
        const next = this.json.step(chunk, i, this.consumed);
        if (this.json.done && this.mode === "json") {
          this.mode = this.closer === "" ? "prose" : "closer";
          this.closerAt = 0;
        }
        return next;
      }
      case "closer":
        if (this.closerAt === 0 && isWs(c)) return i + 1;
        if (c === this.closer.charAt(this.closerAt)) {
          if (++this.closerAt === this.closer.length) this.mode = "prose";
          return i + 1;
        }
        this.fail(`expected ${this.closer} after the call block`, this.consumed + i);
        return i + 1;
      default:
        return chunk.length;
    }
  }

  private proseStep(i: number, c: string): number {
    if (this.hold === "") {
      if (this.bareStart && this.out.onlyWsSoFar && (c === "[" || c === "{")) {
        this.opener = "";
        this.closer = "";
        this.startJson();
        return i;
      }
      if (!this.firstChars.has(c)) {
        this.out.proseChar(c);
        return i + 1;
      }
    }
    this.hold += c;
    for (const op of this.openers) {
      if (this.hold.endsWith(op)) {
        this.out.proseText(this.hold.slice(0, this.hold.length - op.length));
        this.hold = "";
        this.opener = op;
        this.closer = this.closers.get(op) ?? "";
        if (op === FENCE) {
          this.mode = "lang";
          this.langBuf = FENCE;
        } else {
          this.mode = "jsonStart";
        }
        return i + 1;
      }
    }
    // Keep only the longest tail that may still grow into an opener.
    let k = 0;
    while (k < this.hold.length && !this.openers.some((op) => op.startsWith(this.hold.slice(k)))) k++;
    if (k > 0) {
      this.out.proseText(this.hold.slice(0, k));
      this.hold = this.hold.slice(k);
    }
    return i + 1;
  }

  /** After ```: an optional language tag and whitespace, then the JSON; otherwise it was prose. */
  private langStep(i: number, c: string): number {
    if (c === "[" || c === "{") {
      this.startJson();
      return i;
    }
    if (isWs(c) || (/[\w+.-]/.test(c) && this.langBuf.length < 40)) {
      this.langBuf += c;
      return i + 1;
    }
    this.mode = "prose";
    this.out.proseText(this.langBuf);
    return i; // re-read c as prose
  }

  private startJson(): void {
    this.out.breakProse();
    this.mode = "json";
    this.json.begin();
  }
}

