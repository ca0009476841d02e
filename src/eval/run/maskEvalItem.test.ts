import { describe, expect, it } from "vitest";
import { unmaskCalls } from "../../core/masking/index.js";
import { fromOpenAITool } from "../../core/tools/index.js";
import { maskEvalItem } from "./maskEvalItem.js";
import type { EvalItem } from "./toEvalItem.js";

const tool = (name: string, description: string, properties: Record<string, unknown>) =>
  fromOpenAITool({ type: "function", function: { name, description, parameters: { type: "object", properties, required: Object.keys(properties) } } });

const item: EvalItem = {
  id: "apibank_l1_0",
  part: "hammer:apibank_l1",
  messages: [
    { role: "user", content: "Token for amy, then a meeting in room 7." },
    { role: "assistant", content: null, toolCalls: [{ name: "GetUserToken", arguments: { username: "amy" }, id: "call_1_0" }] },
    { role: "tool", content: "Use GetUserToken's token with AddMeeting." },
    { role: "user", content: "Room 7 please." },
  ],
  tools: [
    tool("GetUserToken", "Get a token.", { username: { type: "string" } }),
    tool("AddMeeting", "Add a meeting.", { token: { type: "string" }, room: { type: "string", default: "7", description: "Room, 7 by default." } }),
  ],
  gold: [{ name: "AddMeeting", arguments: { token: "abc", room: "7" } }],
};

describe("maskEvalItem", () => {
  it("masks tools, history calls, tool results and user text consistently, and the mapping undoes it", () => {
    const { item: masked, mapping } = maskEvalItem(item, { names: true, params: true, defaults: true }, 5);
    const name = (o: string) => mapping.functions.find((f) => f.original === o)?.masked as string;
    expect(masked.tools.map((t) => t.name).sort()).toEqual([name("GetUserToken"), name("AddMeeting")].sort());
    const history = masked.messages[1];
    expect(history?.role === "assistant" && history.toolCalls?.[0]).toMatchObject({ name: name("GetUserToken"), id: "call_1_0" });
    expect(Object.keys((history as { toolCalls: Array<{ arguments: object }> }).toolCalls[0]!.arguments)).toEqual([mapping.params.find((p) => p.original === "username")?.masked]);
    expect(masked.messages[2]?.content).toBe(`Use ${name("GetUserToken")}'s token with ${name("AddMeeting")}.`);
    // The default "7" followed the gold into both user messages.
    const newRoom = mapping.values[0]?.maskedDefault as string;
    expect(newRoom).not.toBe("7");
    expect(masked.messages[0]?.content).toBe(`Token for amy, then a meeting in room ${newRoom}.`);
    expect(masked.messages[3]?.content).toBe(`Room ${newRoom} please.`);
    expect(mapping.query?.original).toBe("Token for amy, then a meeting in room 7.\n\nRoom 7 please.");
    expect(unmaskCalls(masked.gold, mapping)).toEqual(item.gold);
    // The input is untouched.
    expect(item.tools[0]?.name).toBe("GetUserToken");
  });

  it("is a pure function of (sample id, seed)", () => {
    const a = maskEvalItem(item, { names: true, params: false, defaults: false }, 5);
    const b = maskEvalItem(item, { names: true, params: false, defaults: false }, 5);
    const c = maskEvalItem({ ...item, id: "apibank_l1_1" }, { names: true, params: false, defaults: false }, 5);
    expect(a).toEqual(b);
    expect(c.mapping.functions).not.toEqual(a.mapping.functions);
  });
});
