import { HammerError } from "../../core/errors.js";

/** How a record file is laid out: one top-level JSON array, or one JSON value per line. */
export type RecordFormat = "json-array" | "jsonl";

/** One record found by the scanner: its bytes' place in the file and the line it starts on. */
export interface ScannedRecord {
  /** Byte offset of the record's first byte. */
  offset: number;
  /** Byte length (JSON Lines: without the newline). */
  length: number;
  /** 1-based line of the record's first byte. */
  line: number;
  /**
   * The record's bytes, valid only during the callback (they may alias the scanner's chunk);
   * null when the record is longer than `maxRecordBytes` (its bytes are not kept).
   */
  bytes: Buffer | null;
}

export interface RecordScannerOptions {
  /** Longer records are reported with `bytes: null` instead of being buffered. */
  maxRecordBytes: number;
  /** File name for error messages. */
  source: string;
  /** Absolute offset of the first byte pushed (e.g. 3 after a UTF-8 BOM). */
  startOffset?: number;
}

const SP = 0x20, TAB = 0x09, CR = 0x0d, LF = 0x0a, QUOTE = 0x22, BACKSLASH = 0x5c;
const LBRACE = 0x7b, RBRACE = 0x7d, LBRACKET = 0x5b, RBRACKET = 0x5d, COMMA = 0x2c;

function isWs(c: number): boolean {
  return c === SP || c === LF || c === TAB || c === CR;
}

/**
 * Streaming splitter of a record file into records, fed chunk by chunk: JSON Lines (one record
 * per non-blank line) or a top-level JSON array (one record per element), chosen by the first
 * non-blank byte. Memory is one record at most. For arrays it checks the top-level structure
 * (brackets, commas) and throws a HammerError with byte offset and line when it is broken; the
 * elements themselves are only delimited (string-aware bracket counting), not validated — their
 * consumer parses them. UTF-8 needs no decoding here: `"`, `\` and brackets never occur inside
 * a multi-byte sequence.
 */
export class RecordScanner {
  format: RecordFormat | undefined;
  private pos: number;
  private line = 1;
  // the record being collected
  private open = false;
  private recStart = 0;
  private recLine = 0;
  private parts: Buffer[] = [];
  private partsLen = 0;
  private tooLarge = false;
  // JSON array state
  private top: 0 | 1 | 2 = 0; // before '[', inside, after ']'
  private depth = 0;
  private inString = false;
  private backslashRun = 0;
  private afterValue = false;
  private sawComma = false;
  private lastNonWs = 0;
  private count = 0;

  constructor(
    private readonly onRecord: (r: ScannedRecord) => void,
    private readonly options: RecordScannerOptions,
  ) {
    this.pos = options.startOffset ?? 0;
  }

  /** Records emitted so far. */
  get records(): number {
    return this.count;
  }

  push(chunk: Buffer): void {
    let i = 0;
    if (this.format === undefined) {
      while (i < chunk.length && isWs(chunk[i] as number)) {
        if (chunk[i] === LF) this.line++;
        i++;
      }
      if (i === chunk.length) {
        this.pos += chunk.length;
        return;
      }
      this.format = chunk[i] === LBRACKET ? "json-array" : "jsonl";
      if (this.format === "jsonl") {
        let s = i;
        while (s > 0 && chunk[s - 1] !== LF) s--;
        i = s;
      }
    }
    if (this.format === "jsonl") this.pushLines(chunk, i);
    else this.pushArray(chunk, i);
    if (this.open) this.keep(chunk, Math.max(0, this.recStart - this.pos), chunk.length);
    this.pos += chunk.length;
  }

  /** Signal the end of the file; throws when a JSON array is not closed. */
  end(): void {
    if (this.format === "jsonl" && this.open) this.emit(null, this.pos);
    if (this.format === "json-array" && this.top !== 2) {
      this.fail(this.inString ? "unterminated string" : "the top-level array is not closed (missing ']')", this.pos);
    }
  }

  private pushLines(chunk: Buffer, from: number): void {
    let i = from;
    for (;;) {
      if (!this.open) this.begin(this.pos + i);
      const nl = chunk.indexOf(LF, i);
      if (nl === -1) return;
      this.emit(chunk, this.pos + nl);
      this.line++;
      i = nl + 1;
      if (i >= chunk.length) return;
    }
  }

  private pushArray(chunk: Buffer, from: number): void {
    const n = chunk.length;
    let i = from;
    while (i < n) {
      if (this.inString) {
        const q = chunk.indexOf(QUOTE, i);
        if (q === -1) {
          let k = n - 1;
          while (k >= i && chunk[k] === BACKSLASH) k--;
          this.backslashRun = k < i ? this.backslashRun + (n - i) : n - 1 - k;
          return;
        }
        let k = q - 1;
        while (k >= i && chunk[k] === BACKSLASH) k--;
        const run = q - 1 - k + (k < i ? this.backslashRun : 0);
        this.backslashRun = 0;
        i = q + 1;
        if (run % 2 === 1) continue; // an escaped quote
        this.inString = false;
        this.lastNonWs = this.pos + i;
        if (this.depth === 0) this.afterValue = true;
        continue;
      }
      const c = chunk[i] as number;
      if (isWs(c)) {
        if (c === LF) this.line++;
        if (this.open && this.depth === 0) this.afterValue = true;
        i++;
        continue;
      }
      const at = this.pos + i;
      if (this.top === 0) {
        if (c !== LBRACKET) this.fail("expected '[' to open a JSON array", at);
        this.top = 1;
        i++;
        continue;
      }
      if (this.top === 2) this.fail("unexpected text after the closing ']'", at);
      if (this.depth > 0) {
        if (c === QUOTE) {
          this.inString = true;
          this.backslashRun = 0;
        } else if (c === LBRACE || c === LBRACKET) this.depth++;
        else if (c === RBRACE || c === RBRACKET) {
          if (--this.depth === 0) this.afterValue = true;
        }
        this.lastNonWs = at + 1;
        i++;
        continue;
      }
      if (c === COMMA) {
        if (!this.open) this.fail("unexpected ',' (missing array element)", at);
        this.emit(chunk, this.lastNonWs);
        this.sawComma = true;
        i++;
        continue;
      }
      if (c === RBRACKET) {
        if (this.open) this.emit(chunk, this.lastNonWs);
        else if (this.sawComma) this.fail("trailing ',' before ']'", at);
        this.top = 2;
        i++;
        continue;
      }
      if (this.afterValue) this.fail("expected ',' or ']' after an array element", at);
      if (c === RBRACE) this.fail("unexpected '}'", at);
      if (!this.open) this.begin(at);
      if (c === QUOTE) {
        this.inString = true;
        this.backslashRun = 0;
      } else if (c === LBRACE || c === LBRACKET) this.depth++;
      this.lastNonWs = at + 1;
      i++;
    }
  }

  private begin(at: number): void {
    this.open = true;
    this.recStart = at;
    this.recLine = this.line;
    this.parts = [];
    this.partsLen = 0;
    this.tooLarge = false;
    this.afterValue = false;
    this.sawComma = false;
  }

  /** Buffer `chunk[from, to)` of the open record (it continues in the next chunk). */
  private keep(chunk: Buffer, from: number, to: number): void {
    if (this.tooLarge) return;
    this.partsLen += to - from;
    if (this.partsLen > this.options.maxRecordBytes) {
      this.tooLarge = true;
      this.parts = [];
      return;
    }
    this.parts.push(Buffer.from(chunk.subarray(from, to)));
  }

  /** Close the open record at absolute offset `end` (exclusive); `chunk`: the chunk being scanned. */
  private emit(chunk: Buffer | null, end: number): void {
    this.open = false;
    this.afterValue = false;
    const length = end - this.recStart;
    let bytes: Buffer | null = null;
    if (!this.tooLarge && length <= this.options.maxRecordBytes) {
      if (this.parts.length === 0 && chunk !== null) bytes = chunk.subarray(this.recStart - this.pos, end - this.pos);
      else {
        const tail = chunk === null ? [] : [chunk.subarray(0, Math.max(0, end - this.pos))];
        bytes = Buffer.concat([...this.parts, ...tail]).subarray(0, length);
      }
    }
    this.parts = [];
    this.partsLen = 0;
    if (this.format === "jsonl" && bytes !== null && isBlank(bytes)) return;
    this.count++;
    this.onRecord({ offset: this.recStart, length, line: this.recLine, bytes });
  }

  private fail(message: string, at: number): never {
    throw new HammerError("INPUT_INVALID", `not a JSON array of records: ${message} (byte ${at})`, {
      location: `${this.options.source}:${this.line}`,
    });
  }
}

function isBlank(b: Buffer): boolean {
  for (let k = 0; k < b.length; k++) if (!isWs(b[k] as number)) return false;
  return true;
}
