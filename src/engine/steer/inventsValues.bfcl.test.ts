import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import { inventsValues, LOOP_RULES } from "./findLoopExit.js";
import { Grounding } from "./Grounding.js";

interface Lists {
  id: string;
  /** The user's and system's messages only: less than any prompt shows, so a stricter check. */
  messages: string;
  lists: unknown[][];
}

/** Every array in every ground-truth answer of BFCL v3's single-turn categories, with its question's messages. */
function groundTruthLists(): Lists[] {
  const dir = sharedPath("bfcl_v3");
  const questions = new Map<string, string>();
  for (const f of readdirSync(dir).filter((n) => /^BFCL_v3_.*\.json$/.test(n) && !n.includes("multi_turn"))) {
    for (const line of readFileSync(`${dir}/${f}`, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const entry = JSON.parse(line) as { id: string; question: Array<Array<{ content: string }>> };
      questions.set(entry.id, entry.question.flat().map((m) => m.content).join("\n"));
    }
  }
  const out: Lists[] = [];
  for (const f of readdirSync(`${dir}/possible_answer`).filter((n) => !n.includes("multi_turn"))) {
    for (const line of readFileSync(`${dir}/possible_answer/${f}`, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const answer = JSON.parse(line) as { id: string; ground_truth: Array<Record<string, Record<string, unknown[]>>> };
      const lists: unknown[][] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) lists.push(v);
        if (typeof v === "object" && v !== null) for (const x of Object.values(v)) walk(x);
      };
      // Each argument lists its acceptable values; an array value is a list the model must write.
      for (const call of answer.ground_truth) for (const args of Object.values(call)) for (const options of Object.values(args)) options.forEach(walk);
      out.push({ id: answer.id, messages: questions.get(answer.id) ?? "", lists });
    }
  }
  return out;
}

describe.skipIf(!HAS_SHARED_DATA)(`ungrounded enumeration on BFCL v3 ground truth${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  it("never closes a list a ground-truth answer needs, at any length it passes through", () => {
    const answers = groundTruthLists();
    expect(answers.length).toBeGreaterThan(1400); // 1,424 in BFCL v3
    let lists = 0;
    let longestInventedRun = 0;
    for (const { id, messages, lists: arrays } of answers) {
      const grounding = new Grounding(messages);
      for (const list of arrays) {
        lists++;
        const elements = list.map((v) => JSON.stringify(v));
        let run = 0;
        for (let n = 1; n <= elements.length; n++) {
          run = grounding.invents(elements[n - 1] as string) === true ? run + 1 : 0;
          longestInventedRun = Math.max(longestInventedRun, run);
          expect(inventsValues(elements.slice(0, n), grounding), `${id}: ${JSON.stringify(list)}`).toBe(false);
        }
      }
    }
    expect(lists).toBeGreaterThan(500);
    // The margin: ground-truth lists never invent as many values in a row as the rule waits for.
    console.log(`ground-truth lists: ${lists}; longest run of values not in the messages: ${longestInventedRun} (rule: ${LOOP_RULES.ungrounded.invented})`);
    expect(longestInventedRun).toBeLessThan(LOOP_RULES.ungrounded.invented);
  });
});
