import { HammerError, OutputParseError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import type { CallSyntax } from "../../core/formats/types.js";
import { createCallStreamParser, type CallStreamEvent, type CallStreamParser } from "../../core/parse/index.js";
import type { ToolDef } from "../../core/types.js";
import type { EngineEvent, TurnToolCall } from "../types.js";
import { checkCall, type Constraint } from "./checkCall.js";
import { newCallId } from "./newCallId.js";

export interface TurnAssemblerOptions {
  /** The format's call syntax when tools are offered; null for a plain-text pass. */
  syntax: CallSyntax | null;
  tools: readonly ToolDef[];
  /** `grammar` when our grammar constrained the output: then an invalid call is a bug (INTERNAL). */
  constraint: Constraint;
  /** The compiled grammar's warnings (schemas it widened). */
  warnings: readonly string[];
  /** Receives events as text arrives (streaming). */
  emit?: (event: EngineEvent) => void;
  /**
   * false for free decoding: calls are not checked against their schemas (arguments need only be
   * a JSON object), and output that does not parse as the call syntax is the answer text. Default true.
   */
  validate?: boolean;
}

/** What a pass produced once assembled. */
export interface AssembledTurn {
  content: string | null;
  toolCalls: TurnToolCall[];
}

/**
 * Turns generated text into engine events and, at the end, into content and validated calls.
 * Calls are read incrementally by core/parse's stream parser, so argument fragments are emitted
 * as they are generated and each call is validated as soon as it closes.
 */
export class TurnAssembler {
  private readonly parser: CallStreamParser | null;
  private readonly calls: Array<{ id: string; name: string; args: string; parsed?: Record<string, unknown> }> = [];
  private text = "";
  private raw = "";
  /** Free decoding only: the output broke the call syntax, so all of it is the answer text. */
  private broken = false;

  constructor(private readonly options: TurnAssemblerOptions) {
    this.parser = options.syntax ? createCallStreamParser(options.syntax) : null;
  }

  push(delta: string): void {
    if (delta === "") return;
    this.raw += delta;
    if (!this.parser) {
      this.onText(delta);
      return;
    }
    if (this.broken) return;
    try {
      this.handle(this.parser.push(delta));
    } catch (e) {
      if (!this.lenientAbout(e)) throw e;
    }
  }

  /**
   * End of the pass. After a natural end (`stop`) the call block must be complete; a cut pass
   * (`length`, `abort`) reports no calls, only the text before them.
   */
  end(reason: "stop" | "length" | "abort"): AssembledTurn {
    if (this.parser && reason === "stop" && !this.broken) {
      try {
        this.handle(this.parser.end());
      } catch (e) {
        if (this.lenientAbout(e)) return this.end(reason);
        if (!(e instanceof OutputParseError)) throw e;
        if (this.options.constraint === "grammar") {
          throw new HammerError("INTERNAL", `bug: grammar-constrained output does not parse: ${e.message}: ${JSON.stringify(this.raw.slice(0, 300))}`, { cause: e });
        }
        // Unconstrained remote output without a call block: the text is the answer (as Hammer's client does).
        const content = this.raw.trim();
        return { content: content === "" ? null : content, toolCalls: [] };
      }
    }
    if (this.broken) {
      const content = this.raw.trim();
      return { content: content === "" ? null : content, toolCalls: [] };
    }
    const complete = reason === "stop";
    const toolCalls: TurnToolCall[] = complete
      ? this.calls.map((c) => ({ id: c.id, name: c.name, arguments: c.parsed ?? {}, argumentsText: c.args }))
      : [];
    return { content: this.text === "" ? null : this.text, toolCalls };
  }

  /** Free decoding: output that breaks the call syntax or has non-object arguments makes the turn a text answer. */
  private lenientAbout(e: unknown): boolean {
    if (this.options.validate !== false || !(e instanceof OutputParseError)) return false;
    this.broken = true;
    return true;
  }

  private onText(delta: string): void {
    this.text += delta;
    this.options.emit?.({ type: "text", delta });
  }

  private handle(events: CallStreamEvent[]): void {
    for (const e of events) {
      switch (e.type) {
        case "text":
          this.onText(e.delta);
          break;
        case "call_start": {
          const id = newCallId();
          this.calls[e.index] = { id, name: e.name, args: "" };
          this.options.emit?.({ type: "tool_call_start", index: e.index, id, name: e.name });
          break;
        }
        case "arguments": {
          const call = this.calls[e.index];
          if (call) call.args += e.delta;
          this.options.emit?.({ type: "tool_call_arguments", index: e.index, delta: e.delta });
          break;
        }
        case "call_end": {
          const call = this.calls[e.index];
          if (call) call.parsed = this.options.validate === false ? objectArguments(call.name, call.args) : checkCall(call.name, call.args, this.options.tools, this.options.constraint, this.options.warnings);
          this.options.emit?.({ type: "tool_call_end", index: e.index });
          break;
        }
      }
    }
  }
}

/** Free decoding: the arguments as a JSON object, unchecked; anything else breaks the call syntax. */
function objectArguments(name: string, text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = parseJson(text, { source: `${name} arguments` });
  } catch (e) {
    throw new OutputParseError(`the arguments of ${JSON.stringify(name)} are not JSON: ${e instanceof Error ? e.message : String(e)}`, 0);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new OutputParseError(`the arguments of ${JSON.stringify(name)} are not a JSON object`, 0);
  }
  return value as Record<string, unknown>;
}
