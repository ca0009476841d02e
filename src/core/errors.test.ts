import { describe, expect, it } from "vitest";
import { HammerError, JsonSyntaxError, ToolSchemaError, describeError } from "./errors.js";

describe("HammerError.describe", () => {
  it("prefixes the location once", () => {
    expect(new HammerError("INPUT_INVALID", "must be a number", { location: "temperature" }).describe()).toBe("temperature: must be a number");
    expect(new HammerError("INPUT_INVALID", "temperature: must be a number", { location: "temperature" }).describe()).toBe("temperature: must be a number");
    expect(new HammerError("NOT_FOUND", "no such file").describe()).toBe("no such file");
  });

  it("names the tool and JSON path of a schema error, and the line of a JSON error", () => {
    const e = new ToolSchemaError("get_weather", "/parameters/properties/unit/type", "unknown type \"celcius\"");
    expect(e.code).toBe("SCHEMA_INVALID");
    expect(describeError(e)).toContain("get_weather");
    expect(describeError(e)).toContain("/parameters/properties/unit/type");
    expect(describeError(new JsonSyntaxError("unexpected end", 10, 2, 4, "tools.json"))).toBe("tools.json: unexpected end at line 2, column 4");
  });
});
