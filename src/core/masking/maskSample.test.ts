import { describe, expect, it } from "vitest";
import { isFloatAt, parseJson } from "../json/index.js";
import { Rng } from "../rng.js";
import type { ToolCall, ToolDef } from "../types.js";
import { maskSample } from "./maskSample.js";
import { unmaskCalls } from "./unmaskCalls.js";

const weather: ToolDef = {
  name: "get_weather",
  description: "Weather for a city; unit defaults to celsius.",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string", description: "The city." },
      unit: { type: "string", description: "celsius or fahrenheit, default celsius", default: "celsius" },
      days: { type: "number", description: "Days.", default: 2.0 },
    },
    required: ["city"],
    additionalProperties: false,
  },
  extra: { returns: "object" },
};
// parseJson keeps the float mark of `2.0`
const tools = [parseJson(JSON.stringify(weather).replace('"default":2', '"default":2.0')) as unknown as ToolDef];
const calls: ToolCall[] = [{ id: "call_1", ...(parseJson('{"name": "get_weather", "arguments": {"city": "Oslo", "unit": "celsius", "days": 2.0}}') as unknown as ToolCall) }];

describe("maskSample on canonical ToolDefs", () => {
  it("renames properties and `required`, keeps other schema keys, extra and call ids", () => {
    const { sample, mapping } = maskSample({ query: "Oslo weather in celsius", tools, calls }, { mode: "fixed" }, new Rng(4));
    const t = sample.tools[0] as ToolDef;
    const p = (orig: string) => mapping.params.find((x) => x.original === orig)?.masked as string;
    expect(t.name).toBe(mapping.functions[0]?.masked);
    expect(Object.keys(t.parameters.properties)).toEqual([p("city"), p("unit"), p("days")]);
    expect(t.parameters.required).toEqual([p("city")]);
    expect(t.parameters.additionalProperties).toBe(false);
    expect(t.extra).toEqual({ returns: "object" });
    expect(t.description).toBe(weather.description);
    const unit = t.parameters.properties[p("unit")] as Record<string, unknown>;
    expect(unit.default).toMatch(/^[A-Za-z_.0-9]{5}$/);
    expect(unit.description).toBe(`${unit.default as string} or fahrenheit, default ${unit.default as string}`);
    expect(sample.query).toBe(`Oslo weather in ${unit.default as string}`);
    const days = t.parameters.properties[p("days")] as Record<string, unknown>;
    expect(isFloatAt(days, "default")).toBe(true);
    const call = sample.calls[0] as ToolCall;
    expect(call.id).toBe("call_1");
    expect(call.arguments[p("unit")]).toBe(unit.default);
    expect(call.arguments[p("days")]).toBe(days.default);
    expect(isFloatAt(call.arguments, p("days"))).toBe(true);
    // the input is untouched
    expect((tools[0] as ToolDef).parameters.properties.unit).toEqual(weather.parameters.properties.unit);
  });

  it("leaves a default inside an enum alone in fixed mode (the new value would break the schema)", () => {
    const t: ToolDef = { name: "f", description: "", parameters: { type: "object", properties: { u: { type: "string", enum: ["a", "b"], default: "a" } } } };
    const { mapping } = maskSample({ query: "a", tools: [t], calls: [{ name: "f", arguments: { u: "a" } }] }, { mode: "fixed" }, new Rng(1));
    expect(mapping.values).toEqual([]);
  });
});

describe("unmaskCalls", () => {
  const masked = maskSample({ query: "Oslo weather in celsius", tools, calls }, { mode: "fixed" }, new Rng(9));

  it("maps a model's calls on masked tools back to the original names, keys and values", () => {
    expect(unmaskCalls(masked.sample.calls, masked.mapping)).toEqual(calls);
  });

  it("passes unknown names and keys through, and restores a value only when it is exactly the masked one", () => {
    const fn = masked.mapping.functions[0]?.masked as string;
    const unitKey = masked.mapping.params.find((p) => p.original === "unit")?.masked as string;
    const daysKey = masked.mapping.params.find((p) => p.original === "days")?.masked as string;
    const maskedDays = masked.mapping.values.find((v) => v.param === "days")?.maskedDefault as number;
    const predicted = parseJson(
      JSON.stringify([
        { name: "other", arguments: { x: 1 } },
        { name: fn, arguments: { [unitKey]: "kelvin", [daysKey]: maskedDays, zzz: true } },
      ]),
    ) as unknown as ToolCall[];
    const back = unmaskCalls(predicted, masked.mapping);
    expect(back[0]).toEqual({ name: "other", arguments: { x: 1 } });
    expect(back[1]?.name).toBe("get_weather");
    expect(Object.keys(back[1]?.arguments ?? {})).toEqual(["unit", "days", "zzz"]);
    expect(back[1]?.arguments.unit).toBe("kelvin");
    expect(back[1]?.arguments.days).toBe(2);
    expect(isFloatAt(back[1]?.arguments as object, "days")).toBe(true);
    // the masked number as a string is a different value: not restored
    const asString = unmaskCalls([{ name: fn, arguments: { [daysKey]: String(maskedDays) } }], masked.mapping);
    expect(asString[0]?.arguments.days).toBe(String(maskedDays));
  });
});
