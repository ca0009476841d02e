import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { SERIAL_SCAVENGES_FLAG } from "./serialScavenges.js";

describe("useSerialScavenges", () => {
  it("sets a flag this Node's V8 knows (an unknown one is only reported, never thrown)", () => {
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8", maxBuffer: 16 << 20 });
    expect(options).toContain(`--${SERIAL_SCAVENGES_FLAG.replace(/^--no-/, "")} `);
    const out = execFileSync(process.execPath, ["-e", `require("node:v8").setFlagsFromString(${JSON.stringify(SERIAL_SCAVENGES_FLAG)}); console.log("set")`], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("set\n");
  });
});
