import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnServe, type ServeProcess } from "../server/support/spawnServe.js";
import { writeTinyModel } from "../server/support/tinyModel.js";

// `hammer serve` stopped twice: the first SIGTERM waits for running requests (exit 0, tested in
// test/server/serveCli.test.ts); a second one stops at once and exits as interrupted (143).

const essay = {
  type: "function",
  function: {
    name: "write_essays",
    description: "Write six long essays",
    parameters: { type: "object", properties: { essays: { type: "array", minItems: 6, maxItems: 6, items: { type: "string", minLength: 300, maxLength: 350 } } }, required: ["essays"] },
  },
};

let model: { file: string; cleanup: () => void };
let serve: ServeProcess | undefined;
beforeAll(async () => {
  model = await writeTinyModel();
});
afterAll(() => {
  if (serve && serve.child.exitCode === null) serve.child.kill("SIGKILL");
  model?.cleanup();
});

describe("hammer serve, signalled twice", () => {
  it("a second SIGTERM during the grace period exits 143 without waiting", async () => {
    serve = await spawnServe(["--model", model.file, "--threads", "1", "--shutdown-grace", "60s"]);
    const res = await fetch(`${serve.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: [{ role: "user", content: "Write." }], tools: [essay], tool_choice: "required", max_tokens: 2500, stream: true }),
    });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // generation is under way
    serve.child.kill("SIGTERM");
    await expect.poll(() => serve!.stdout()).toContain("SIGTERM, stopping");
    serve.child.kill("SIGTERM");
    expect(await serve.exited).toBe(143);
    expect(serve.stderr()).toContain("hammer serve: stopped without waiting");
    await reader.cancel().catch(() => undefined);
  });
});
