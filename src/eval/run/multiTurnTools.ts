import { HammerError } from "../../core/errors.js";
import { fromBfclFunctions } from "../../core/tools/index.js";
import type { ToolDef } from "../../core/types.js";
import type { BfclFunctionDoc } from "../bfcl/types.js";
import type { MultiTurnEntry } from "../multiturn/types.js";
import { preprocessBfclDocs } from "./preprocessBfclDocs.js";

/**
 * The tools of a multi-turn entry as BFCL offers them, turn by turn: every doc of the involved
 * classes (with BFCL's Python hint) except the held-out ones, which join at their miss_func turn
 * (removed from the list by first match of the name, appended in the listed order, as BFCL does).
 */
export class MultiTurnTools {
  private visible: BfclFunctionDoc[];
  private readonly heldOut = new Map<number, BfclFunctionDoc[]>();
  tools: ToolDef[];

  constructor(entry: MultiTurnEntry) {
    if (entry.functions === null) {
      throw new HammerError("INPUT_INVALID", `${entry.id}: the function docs of ${entry.involvedClasses.join(", ")} are not in the data dir (bfcl_v3/multi_turn_func_doc/)`, { location: entry.id });
    }
    this.visible = preprocessBfclDocs(entry.functions, "Python");
    for (const [turn, names] of Object.entries(entry.missedFunction ?? {})) {
      const held: BfclFunctionDoc[] = [];
      for (const name of names) {
        const i = this.visible.findIndex((d) => d.name === name);
        if (i < 0) continue;
        held.push(...this.visible.splice(i, 1));
      }
      this.heldOut.set(Number(turn), held);
    }
    this.tools = fromBfclFunctions(this.visible).tools;
  }

  /** Is `turn` a miss_func turn (functions join, no user message of its own)? */
  addsFunctions(turn: number): boolean {
    return this.heldOut.has(turn);
  }

  /** Add the functions held out until `turn`; the tools are rebuilt. */
  reveal(turn: number): void {
    const held = this.heldOut.get(turn);
    if (!held) return;
    this.visible = [...this.visible, ...held];
    this.tools = fromBfclFunctions(this.visible).tools;
  }
}
