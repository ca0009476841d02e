import { describe, expect, it } from "vitest";
import { OPENAI_NAME, ToolNameMap } from "./ToolNameMap.js";

describe("ToolNameMap", () => {
  it("keeps valid names and maps others reversibly to OpenAI-safe, unique names", () => {
    const names = ["get_weather", "math.factorial", "math_factorial", "a b", "x".repeat(80), "é", "spotify.play"];
    const m = new ToolNameMap(names);
    expect(m.toWire("get_weather")).toBe("get_weather");
    expect(m.toWire("math_factorial")).toBe("math_factorial");
    const wire = names.map((n) => m.toWire(n));
    expect(new Set(wire).size).toBe(names.length);
    for (const w of wire) expect(w).toMatch(OPENAI_NAME);
    for (const n of names) expect(m.fromWire(m.toWire(n))).toBe(n);
    expect(m.toWire("spotify.play")).toBe("spotify_play");
    expect(m.fromWire("unknown_name")).toBe("unknown_name");
  });
});
