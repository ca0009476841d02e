import { HammerError } from "../errors.js";
import type { RawTurn } from "./types.js";

// API-Bank's roles, as the Hammer 1.0/2.0 eval sets write them into the QUERY block.
const LINE_PREFIX: ReadonlyMap<string, string> = new Map([
  ["user", "User: "],
  ["agent", "AI: "],
  ["assistant", "API-Request: "],
]);

/**
 * Flatten a conversation into the text lines of Hammer 1.0/2.0's QUERY block, as in the released
 * eval sets: `User: …`, `AI: …` (role `agent`), `API-Request: …` (role `assistant`, a fenced call
 * list) and a tool result appended to the previous line as `->{result}`. Every line ends with
 * a newline. Throws INPUT_INVALID (location `/{turn}/role`) for any other role, or for a tool
 * result with no line before it.
 */
export function flattenHammerQuery(turns: readonly RawTurn[]): string {
  const lines: string[] = [];
  turns.forEach((turn, i) => {
    if (turn.role === "tool") {
      if (lines.length === 0) {
        throw new HammerError("INPUT_INVALID", `turn ${i}: a tool result must follow another turn`, { location: `/${i}/role` });
      }
      lines[lines.length - 1] += `->${turn.content}`;
      return;
    }
    const prefix = LINE_PREFIX.get(turn.role);
    if (prefix === undefined) {
      throw new HammerError(
        "INPUT_INVALID",
        `turn ${i}: role ${JSON.stringify(turn.role)} has no Hammer query line (expected user, agent, assistant or tool)`,
        { location: `/${i}/role` },
      );
    }
    lines.push(prefix + turn.content);
  });
  return lines.map((line) => `${line}\n`).join("");
}
