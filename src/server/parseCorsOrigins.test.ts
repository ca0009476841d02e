import { describe, expect, it } from "vitest";
import { parseCorsOrigins } from "./parseCorsOrigins.js";

describe("parseCorsOrigins", () => {
  it("accepts origins and *", () => {
    expect(parseCorsOrigins("http://localhost:5173, https://app.example.com")).toEqual(["http://localhost:5173", "https://app.example.com"]);
    expect(parseCorsOrigins("*")).toEqual(["*"]);
  });

  it("refuses what a browser never sends as an Origin, naming it", () => {
    for (const bad of ["https://app.example.com/", "app.example.com", "https://x.com/path", "http://localhost:5173,", "null", "HTTPS://X.COM"]) {
      expect(() => parseCorsOrigins(bad)).toThrow(/--cors/);
    }
  });
});
