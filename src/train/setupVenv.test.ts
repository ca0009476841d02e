import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupVenv } from "./setupVenv.js";
import { trainerRoot } from "./trainerRoot.js";
import { defaultVenvRoot, readPins, trainerPython, VENV_MARKER, venvKey, venvLocation } from "./trainerVenv.js";

// A stand-in for python3: `-m venv DIR` makes DIR/bin/python (this script again), `-m pip` succeeds and
// counts its calls, `-m hammer_trainer env` reports the pinned versions (or a mismatch when told to).
const FAKE_PYTHON = `#!/bin/sh
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && exit 0; fi
if [ "$1" = "-m" ] && [ "$2" = "pip" ]; then echo "pip $*" >> "$(dirname "$0")/../pip.log"; echo "Successfully installed torch"; exit 0; fi
if [ "$1" = "-m" ] && [ "$2" = "hammer_trainer" ]; then
  if [ -f "$(dirname "$0")/../mismatch" ]; then echo '{"event": "env", "mismatched": [{"name": "torch", "want": "2.15.0", "got": "2.0.0"}], "torch": "2.0.0"}'; exit 0; fi
  echo '{"event": "env", "mismatched": [], "python": "3.11.7", "torch": "2.15.0+cpu", "transformers": "5.25.0"}'; exit 0
fi
exit 3
`;

let dir: string;
let fake: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-venv-"));
  fake = path.join(dir, "python3");
  writeFileSync(fake, FAKE_PYTHON);
  chmodSync(fake, 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the trainer's virtualenv", () => {
  it("lives in the cache folder (or $HAMMER_VENV_DIR), keyed by the requirements' sha256", () => {
    expect(defaultVenvRoot({ HAMMER_VENV_DIR: "/x/v" }, "linux")).toBe(path.resolve("/x/v"));
    expect(defaultVenvRoot({ XDG_CACHE_HOME: "/c" }, "linux")).toBe(path.join("/c", "hammer-fc", "venv"));
    expect(defaultVenvRoot({ XDG_CACHE_HOME: "relative" }, "linux")).toMatch(/\.cache[/\\]hammer-fc[/\\]venv$/);
    const req = readFileSync(path.join(trainerRoot(), "requirements.txt"));
    expect(venvKey(req)).toMatch(/^[0-9a-f]{16}$/);
    expect(venvLocation(trainerRoot(), "/r").dir).toBe(path.join("/r", venvKey(req)));
    expect(readPins(req.toString())).toMatchObject({ torch: "2.15.0", transformers: "5.25.0", peft: "0.21.2", accelerate: "1.16.0" });
  });

  it("is created, reused, a partial one rebuilt, a complete unmarked one adopted — the marker written last", async () => {
    const root = path.join(dir, "venvs");
    const loc = venvLocation(trainerRoot(), root);
    const log: string[] = [];
    expect(() => trainerPython(loc)).toThrow(/does not exist: run `hammer train setup`/);

    const first = await setupVenv({ python: fake, venvRoot: root, log: (l) => log.push(l) });
    expect(first.action).toBe("created");
    expect(trainerPython(loc)).toBe(loc.python);
    const marker = JSON.parse(readFileSync(path.join(loc.dir, VENV_MARKER), "utf8")) as { key: string; versions: Record<string, string> };
    expect(marker.key).toBe(loc.key);
    expect(marker.versions.torch).toBe("2.15.0+cpu");
    expect(readFileSync(path.join(loc.dir, "pip.log"), "utf8")).toContain(`install --no-input --disable-pip-version-check -r ${loc.requirements}`);

    expect((await setupVenv({ python: fake, venvRoot: root, log: () => undefined })).action).toBe("reused");

    // killed mid-install: no marker, and its python reports the wrong torch → rebuilt from scratch
    rmSync(path.join(loc.dir, VENV_MARKER));
    writeFileSync(path.join(loc.dir, "mismatch"), "");
    expect(() => trainerPython(loc)).toThrow(/is incomplete/);
    const rebuilt = await setupVenv({ python: fake, venvRoot: root, log: (l) => log.push(l) });
    expect(rebuilt.action).toBe("created");
    expect(existsSync(path.join(loc.dir, "mismatch"))).toBe(false);
    expect(log.join("\n")).toContain("incomplete or out of date; rebuilding");

    // complete but unmarked (made by hand): checked and kept
    rmSync(path.join(loc.dir, VENV_MARKER));
    const adopted = await setupVenv({ python: fake, venvRoot: root, log: () => undefined });
    expect(adopted.action).toBe("adopted");
    expect(trainerPython(loc)).toBe(loc.python);
    expect((await setupVenv({ python: fake, venvRoot: root, force: true, log: () => undefined })).action).toBe("created");
  });

  it("says what failed when Python or pip does", async () => {
    await expect(setupVenv({ python: path.join(dir, "no-such-python"), venvRoot: path.join(dir, "v2"), log: () => undefined })).rejects.toMatchObject({
      code: "ENVIRONMENT",
      message: expect.stringMatching(/cannot create a virtualenv/),
    });
    const failing = path.join(dir, "failing-python");
    writeFileSync(failing, FAKE_PYTHON.replace('echo "Successfully installed torch"; exit 0', 'echo "ERROR: No matching distribution found for torch==2.15.0" >&2; exit 1'));
    chmodSync(failing, 0o755);
    mkdirSync(path.join(dir, "v3"), { recursive: true });
    await expect(setupVenv({ python: failing, venvRoot: path.join(dir, "v3"), log: () => undefined })).rejects.toMatchObject({
      code: "ENVIRONMENT",
      message: expect.stringMatching(/pip could not install .*No matching distribution/),
    });
  });
});
