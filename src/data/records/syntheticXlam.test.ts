import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { readXlamRow } from "../build/readXlamRow.js";
import { syntheticXlamRow } from "./syntheticXlam.js";

describe("syntheticXlamRow", () => {
  const rows = Array.from({ length: 2000 }, (_, i) => syntheticXlamRow(i, new Rng(3).fork(String(i))));

  it("is deterministic for a seed", () => {
    expect(syntheticXlamRow(5, new Rng(1))).toEqual(syntheticXlamRow(5, new Rng(1)));
    expect(syntheticXlamRow(5, new Rng(1))).not.toEqual(syntheticXlamRow(5, new Rng(2)));
  });

  it("makes valid xLAM rows shaped like the real data: ~3.5 tools, 1–4 calls, defaults the gold sometimes uses", () => {
    let tools = 0;
    let goldIsDefault = 0;
    const calls = new Set<number>();
    for (const r of rows) {
      const row = readXlamRow(JSON.stringify(r), "checked");
      const ts = row.tools as Array<{ parameters: Record<string, { default?: unknown }> }>;
      const as = row.answers as Array<{ name: string; arguments: Record<string, unknown> }>;
      tools += ts.length;
      calls.add(as.length);
      for (const a of as) {
        const t = (ts as unknown as Array<{ name: string; parameters: Record<string, { default?: unknown }> }>).find((x) => x.name === a.name);
        for (const [k, v] of Object.entries(a.arguments)) if (JSON.stringify(t?.parameters[k]?.default) === JSON.stringify(v)) goldIsDefault++;
      }
      expect(r.tools.startsWith('[{"name": ')).toBe(true); // Python json.dumps separators, as xLAM stores them
    }
    expect(tools / rows.length).toBeGreaterThan(3.3);
    expect(tools / rows.length).toBeLessThan(3.8);
    expect([...calls].sort()).toEqual([1, 2, 3, 4]);
    expect(goldIsDefault).toBeGreaterThan(200);
  });
});
