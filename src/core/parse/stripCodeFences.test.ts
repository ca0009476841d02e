import { describe, expect, it } from "vitest";
import { stripCodeFences } from "./stripCodeFences.js";

describe("stripCodeFences", () => {
  it.each([
    ["```\n[]\n```", "[]"],
    ['```json\n[{"a": 1}]\n```', '[{"a": 1}]'],
    ["```json[1]```", "[1]"],
    ["```[1]```", "[1]"],
    ["```python\nf(a=1)\n```", "f(a=1)"],
    ["no fences", "no fences"],
    ["```Done here", "Done here"],
    ["a```b```c", "abc"],
  ])("%j → %j", (input, want) => expect(stripCodeFences(input)).toBe(want));
});
