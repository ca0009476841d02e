import { ESLint } from "eslint";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../support/sharedData.js";

// The lint rules `npm test` runs are real checks: each catches what it is there for.
// With CI=true typescript-eslint infers a "single run" and parses files from disk, ignoring lintText's code:
// the probes below must be parsed as given.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: { languageOptions: { parserOptions: { disallowAutomaticSingleRunInference: true } } },
});

async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("lint", () => {
  it("a stage reaching into another stage's files is refused; its face is fine", async () => {
    expect(await ruleIds('import { toApiError } from "../engine/turn/runTurn.js";\nexport const x = toApiError;\n', "src/server/options.ts")).toContain("no-restricted-imports");
    expect(await ruleIds('export type { Engine } from "../engine/index.js";\n', "src/server/options.ts")).toEqual([]);
    // the experiment drives every stage, through their faces only
    expect(await ruleIds('export { scoreBench } from "../eval/scoring/scoreBench.js";\n', "src/experiment/split.ts")).toContain("no-restricted-imports");
    expect(await ruleIds('export { scoreBench } from "../eval/index.js";\n', "src/experiment/split.ts")).toEqual([]);
  });

  it("core depending on a stage, and the CLI on a stage's inner file, are refused", async () => {
    expect(await ruleIds('export { createServer } from "../server/index.js";\n', "src/core/rng.ts")).toContain("no-restricted-imports");
    expect(await ruleIds('export { runTurn } from "../../engine/turn/runTurn.js";\n', "src/cli/commands/call.ts")).toContain("no-restricted-imports");
  });

  it("a floating promise is refused", async () => {
    const code = "async function f(): Promise<void> {}\nexport function g(): void {\n  f();\n}\n";
    expect(await ruleIds(code, "src/core/rng.ts")).toContain("@typescript-eslint/no-floating-promises");
    expect(await ruleIds(code.replace("  f();", "  void f();"), "src/core/rng.ts")).toEqual([]);
  });
});
