import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { hammerLabel, hammerTrainPrompt } from "./hammerText.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";

describe.skipIf(!HAS_SHARED_DATA)("Hammer training prompt layout", () => {
  it("rebuilds all 10 real outputs of Hammer's masking pipeline byte for byte", () => {
    const file = sharedPath("hammer_eval/train/masking_sft_data_example.json");
    const records = JSON.parse(readFileSync(file, "utf8")) as Array<{ instruction: string; input: string; output: string }>;
    expect(records).toHaveLength(10);
    for (const r of records) {
      const tools = /\[BEGIN OF AVAILABLE TOOLS\]\n([\s\S]*)\n\[END OF AVAILABLE TOOLS\]/.exec(r.instruction)?.[1];
      const query = /\[BEGIN OF QUERY\]\n([\s\S]*)\n\[END OF QUERY\]\n\n$/.exec(r.instruction)?.[1];
      const answers = /^```\n([\s\S]*)\n```$/.exec(r.output)?.[1];
      expect(tools).toBeDefined();
      expect(query).toBeDefined();
      expect(answers).toBeDefined();
      expect(hammerTrainPrompt(tools as string, query as string)).toBe(r.instruction);
      expect(hammerLabel(answers as string)).toBe(r.output);
      expect(r.input).toBe("");
    }
  });
});
if (!HAS_SHARED_DATA) describe("Hammer training prompt layout", () => it.skip(SKIP_SHARED_REASON, () => {}));
