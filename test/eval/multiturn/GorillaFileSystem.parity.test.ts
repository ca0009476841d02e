import { describe, expect, it } from "vitest";
import { pyEquals } from "../../../src/core/python/index.js";
import { API_CLASSES } from "../../../src/eval/multiturn/apis/registry.js";
import { loadRecordedCases, recordedState, replay } from "../../support/multiTurnParity.js";

// Recorded from BFCL's official GorillaFileSystem: every ground-truth call sequence of the 200
// entries that use it, plus error paths (scripts/bfcl/make_mtapi1_cases.py).
const cases = loadRecordedCases("GorillaFileSystem");

describe("GorillaFileSystem port matches the official implementation", () => {
  it("has the recorded cases", () => {
    expect(cases.length).toBeGreaterThan(190);
  });

  it.each(cases.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    const { results, instances } = replay(c);
    expect(results).toEqual(c.results);
    const ours = instances.get("GorillaFileSystem")!.publicState();
    const theirs = recordedState(c, "GorillaFileSystem");
    expect(pyEquals(ours, theirs), JSON.stringify({ ours, theirs }).slice(0, 2000)).toBe(true);
  });
});

describe("GorillaFileSystem state compares as Directory.__eq__ does", () => {
  const scenario = { root: { r: { type: "directory", contents: { d: { type: "directory", contents: { f: { type: "file", content: "x" } } } } } } };
  const make = () => {
    const fs = API_CLASSES.GorillaFileSystem!();
    fs.loadScenario(scenario as never, false);
    return fs;
  };
  const run = (fs: ReturnType<typeof make>, name: string, args: Record<string, unknown>) => fs.methods.get(name)!.call(args as never, fs);

  it("a changed file content is a different state; the same change on both sides is equal again", () => {
    const a = make();
    const b = make();
    run(a, "cd", { folder: "d" });
    run(a, "echo", { content: "y", file_name: "f" });
    expect(pyEquals(a.publicState(), b.publicState())).toBe(false);
    run(b, "cd", { folder: "d" });
    run(b, "echo", { content: "y", file_name: "f" });
    expect(pyEquals(a.publicState(), b.publicState())).toBe(true);
  });

  it("ignores the working directory and parents: mv equals cp then rm", () => {
    const a = make();
    const b = make();
    run(a, "mv", { source: "d", destination: "e" });
    run(b, "cp", { source: "d", destination: "e" });
    run(b, "rm", { file_name: "d" });
    run(b, "cd", { folder: "e" });
    expect(pyEquals(a.publicState(), b.publicState())).toBe(true);
  });
});
