import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { StopMatcher } from "./StopMatcher.js";

function run(stops: string[], pieces: string[]): { shown: string; stopped: boolean } {
  const m = new StopMatcher(stops);
  let shown = "";
  for (const p of pieces) {
    const r = m.push(p);
    shown += r.emit;
    if (r.stopped) return { shown, stopped: true };
  }
  return { shown: shown + m.flush(), stopped: false };
}

describe("StopMatcher", () => {
  it("cuts at the first stop string, across piece boundaries, and never shows part of it", () => {
    const m = new StopMatcher(["<|im_end|>"]);
    expect(m.push("Hello <|im")).toEqual({ emit: "Hello ", stopped: false });
    expect(m.push("_end|> more")).toEqual({ emit: "", stopped: true });
  });

  it("releases held text that did not become a stop string", () => {
    expect(run(["STOP"], ["a S", "TO", "x"])).toEqual({ shown: "a STOx", stopped: false });
    expect(run(["STOP"], ["ab", "ST"])).toEqual({ shown: "abST", stopped: false });
  });

  it("picks the earliest of several stop strings", () => {
    expect(run(["bb", "a"], ["xxbba"])).toEqual({ shown: "xx", stopped: true });
  });

  it("equals a one-shot search however the text is split", () => {
    const rng = new Rng("stops");
    for (let i = 0; i < 300; i++) {
      const text = rng.string("abc<>|", rng.int(0, 30));
      const stops = ["<|", "cab", "bb"];
      const cut = Math.min(...stops.map((s) => (text.includes(s) ? text.indexOf(s) : Infinity)));
      const pieces: string[] = [];
      for (let at = 0; at < text.length; ) {
        const n = rng.int(1, 4);
        pieces.push(text.slice(at, at + n));
        at += n;
      }
      const r = run(stops, pieces);
      expect(r.stopped).toBe(cut !== Infinity);
      expect(r.shown).toBe(cut === Infinity ? text : text.slice(0, cut));
    }
  });
});
