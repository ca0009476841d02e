import { HammerError } from "../../core/errors.js";
import type { ToolDef } from "../../core/types.js";
import { checkCall } from "../turn/checkCall.js";
import { newCallId } from "../turn/newCallId.js";
import type { AssembledTurn } from "../turn/TurnAssembler.js";
import type { EngineEvent, TurnToolCall } from "../types.js";
import type { ToolNameMap } from "./ToolNameMap.js";

interface WireCallDelta {
  index?: number;
  id?: string;
  function?: { name?: string; arguments?: string | Record<string, unknown> };
}

interface Slot {
  id: string | null;
  name: string;
  args: string;
  started: boolean;
  ended: boolean;
}

/**
 * Chat-completion output → engine events and a validated turn. Used for streamed chunks
 * (`delta`s) and, as a single delta, for a whole non-streamed `message`. A call starts once its
 * name is known; argument fragments that come earlier are held until then.
 */
export class ChatStreamAssembler {
  private readonly slots: Slot[] = [];
  private text = "";
  private anyText = false;

  constructor(
    private readonly tools: readonly ToolDef[],
    private readonly names: ToolNameMap,
    private readonly emit?: (event: EngineEvent) => void,
  ) {}

  push(delta: { content?: unknown; tool_calls?: unknown }): void {
    if (typeof delta?.content === "string" && delta.content !== "") {
      this.text += delta.content;
      this.anyText = true;
      this.emit?.({ type: "text", delta: delta.content });
    }
    const calls = delta?.tool_calls;
    if (!Array.isArray(calls)) return;
    calls.forEach((raw: WireCallDelta, k) => {
      const index = typeof raw?.index === "number" ? raw.index : k;
      if (!Number.isSafeInteger(index) || index < 0 || index > 1024) throw new HammerError("NETWORK", `upstream sent a tool call with index ${String(raw?.index)}`);
      const slot = (this.slots[index] ??= { id: null, name: "", args: "", started: false, ended: false });
      if (typeof raw.id === "string" && raw.id !== "" && slot.id === null) slot.id = raw.id;
      const fn = raw.function;
      if (typeof fn?.name === "string") slot.name += fn.name;
      const args = typeof fn?.arguments === "string" ? fn.arguments : fn?.arguments && typeof fn.arguments === "object" ? JSON.stringify(fn.arguments) : "";
      if (!slot.started && slot.name !== "") this.start(index, slot);
      if (args !== "") {
        slot.args += args;
        if (slot.started) this.emit?.({ type: "tool_call_arguments", index, delta: args });
      }
    });
  }

  /** End of output: validated calls when it completed (`complete`), none when it was cut. */
  end(complete: boolean): AssembledTurn {
    this.slots.forEach((slot, index) => {
      if (complete || slot?.started) this.finishCall(index, slot);
    });
    const toolCalls: TurnToolCall[] = [];
    if (complete) {
      for (const slot of this.slots) {
        if (!slot) continue;
        const name = this.names.fromWire(slot.name);
        const argumentsText = slot.args.trim() === "" ? "{}" : slot.args;
        const args = checkCall(name, argumentsText, this.tools, "none", []);
        toolCalls.push({ id: slot.id as string, name, arguments: args, argumentsText });
      }
    }
    return { content: this.anyText ? this.text : null, toolCalls };
  }

  private start(index: number, slot: Slot): void {
    // Calls stream one after another: a new one closes those before it.
    this.slots.forEach((s, i) => {
      if (i < index) this.finishCall(i, s);
    });
    slot.id ??= newCallId();
    slot.started = true;
    this.emit?.({ type: "tool_call_start", index, id: slot.id, name: this.names.fromWire(slot.name) });
    if (slot.args !== "") this.emit?.({ type: "tool_call_arguments", index, delta: slot.args });
  }

  private finishCall(index: number, slot: Slot | undefined): void {
    if (!slot || slot.ended) return;
    if (!slot.started) {
      if (slot.name === "") throw new HammerError("CALL_INVALID", `upstream tool call #${index} has no function name`);
      this.start(index, slot);
    }
    slot.ended = true;
    this.emit?.({ type: "tool_call_end", index });
  }
}
