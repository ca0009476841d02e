import { trainerPython, trainerRoot, venvLocation } from "../../src/train/index.js";

/**
 * The trainer's virtualenv (`hammer train setup`; CI runs it in `.ci/run`). Tests that run the Python
 * engine skip with this file's reason when it is absent.
 */
export const TRAINER_PYTHON: string | undefined = (() => {
  try {
    return trainerPython(venvLocation(trainerRoot()));
  } catch {
    return undefined;
  }
})();
export const HAS_TRAINER_VENV = TRAINER_PYTHON !== undefined;
export const SKIP_TRAINER_REASON = `the trainer's virtualenv is not set up at ${venvLocation(trainerRoot()).dir} (run: npx hammer train setup)`;
