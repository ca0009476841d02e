import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ApiClasses } from "../../../../src/eval/multiturn/execution/ApiSession.js";
import { FakeFs, FakeMath } from "../../../support/fakeApis.js";

/** The fake APIs under the real class names, so the fixture's docs are found by BFCL's file names. */
export const FIXTURE_CLASSES: ApiClasses = { GorillaFileSystem: () => new FakeFs(), MathAPI: () => new FakeMath() };

const doc = (name: string, props: Record<string, unknown>, required: string[]) => ({ name, description: `${name} (fixture)`, parameters: { type: "dict", properties: props, required } });
const FS_DOCS = [
  doc("cd", { folder: { type: "string", description: "folder" } }, ["folder"]),
  doc("touch", { file_name: { type: "string", description: "file" } }, ["file_name"]),
  doc("ls", { a: { type: "boolean", description: "all", default: false } }, []),
  doc("pwd", {}, []),
];
const MATH_DOCS = [doc("mean", { numbers: { type: "array", items: { type: "float" }, description: "numbers" } }, ["numbers"])];
const CONFIG = { GorillaFileSystem: { folders: { root: [], docs: [] } } };
const user = (content: string) => [{ role: "user", content }];
const lines = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).join("\n") + "\n";

/**
 * A data dir with two multi-turn categories over the fake APIs: multi_turn_base (2 entries; the
 * first turn of the second asks for something the scripted model loops on) and multi_turn_miss_func (1 entry whose
 * `mean` is held out until turn 2).
 */
export function writeMultiTurnData(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-mt-data-"));
  const bfcl = path.join(dir, "bfcl_v3");
  mkdirSync(path.join(bfcl, "possible_answer"), { recursive: true });
  mkdirSync(path.join(bfcl, "multi_turn_func_doc"), { recursive: true });
  writeFileSync(path.join(bfcl, "multi_turn_func_doc", "gorilla_file_system.json"), lines(FS_DOCS));
  writeFileSync(path.join(bfcl, "multi_turn_func_doc", "math_api.json"), lines(MATH_DOCS));
  const entry = (id: string, question: unknown[], extra: Record<string, unknown> = {}) => ({ id, question, initial_config: CONFIG, path: [], involved_classes: ["GorillaFileSystem", "MathAPI"], ...extra });
  writeFileSync(
    path.join(bfcl, "BFCL_v3_multi_turn_base.json"),
    lines([entry("multi_turn_base_0", [user("Go to docs and create notes."), user("Where am I?")]), entry("multi_turn_base_1", [user("Keep listing forever."), user("Where am I?")])]),
  );
  writeFileSync(
    path.join(bfcl, "possible_answer", "BFCL_v3_multi_turn_base.json"),
    lines([
      { id: "multi_turn_base_0", ground_truth: [["cd(folder='docs')", "touch(file_name='notes')"], ["pwd()"]] },
      { id: "multi_turn_base_1", ground_truth: [["ls()"], ["pwd()"]] },
    ]),
  );
  writeFileSync(path.join(bfcl, "BFCL_v3_multi_turn_miss_func.json"), lines([entry("multi_turn_miss_func_0", [user("Go to docs."), user("Average 40 and 50."), []], { missed_function: { "2": ["mean"] } })]));
  writeFileSync(path.join(bfcl, "possible_answer", "BFCL_v3_multi_turn_miss_func.json"), lines([{ id: "multi_turn_miss_func_0", ground_truth: [["cd(folder='docs')"], [], ["mean(numbers=[40, 50])"]] }]));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
