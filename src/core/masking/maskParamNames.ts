import type { Rng } from "../rng.js";
import { dedupTools, readdAndShuffle } from "./dedupTools.js";
import { MASK_LENGTHS, randomName, uniqueRandomName } from "./randomName.js";
import type { MaskMapping, MaskMode, WorkArg, WorkParam, WorkSample } from "./types.js";

/**
 * Mask (b): every parameter of every distinct tool gets a random name of 4–10 characters, and
 * the matching argument of every gold call to that tool follows.
 *
 * `faithful` moves keys as Python's `d[new] = d.pop(old)` does: the key goes to the end (so
 * renamed arguments end up in the tool's parameter order) and a new name equal to an existing
 * key overwrites it in place. `fixed` renames in place (order kept) with names unique within the
 * tool and distinct from its original parameter names and argument keys.
 */
export function maskParamNames(sample: WorkSample, mode: MaskMode, rng: Rng, mapping: MaskMapping): void {
  const n = sample.tools.length;
  const unique = dedupTools(sample.tools);
  const [min, max] = MASK_LENGTHS.paramName;
  for (const tool of unique) {
    const calls = sample.calls.filter((c) => c.name === tool.name);
    if (mode === "faithful") {
      for (const old of tool.params.map((p) => p.name)) {
        const masked = randomName(rng, min, max, mode);
        const moved = popParam(tool.params, old);
        if (moved === undefined) continue;
        mapping.params.push({ function: tool.original, original: moved.original, masked });
        moved.name = masked;
        setParam(tool.params, moved);
        for (const call of calls) {
          const arg = popArg(call.args, old);
          if (arg === undefined) continue;
          arg.key = masked;
          setArg(call.args, arg);
        }
      }
    } else {
      const taken = new Set(tool.params.map((p) => p.name));
      for (const call of calls) for (const a of call.args) taken.add(a.key);
      for (const param of tool.params) {
        const masked = uniqueRandomName(rng, min, max, taken);
        for (const call of calls) for (const a of call.args) if (a.key === param.name) a.key = masked;
        mapping.params.push({ function: tool.original, original: param.original, masked });
        param.name = masked;
      }
    }
  }
  sample.tools = readdAndShuffle(unique, n, rng);
}

function popParam(params: WorkParam[], name: string): WorkParam | undefined {
  const i = params.findIndex((p) => p.name === name);
  return i === -1 ? undefined : params.splice(i, 1)[0];
}

/** `d[p.name] = p`: replace in place when the key exists, else append. */
function setParam(params: WorkParam[], p: WorkParam): void {
  const i = params.findIndex((q) => q.name === p.name);
  if (i === -1) params.push(p);
  else params[i] = p;
}

function popArg(args: WorkArg[], key: string): WorkArg | undefined {
  const i = args.findIndex((a) => a.key === key);
  return i === -1 ? undefined : args.splice(i, 1)[0];
}

function setArg(args: WorkArg[], a: WorkArg): void {
  const i = args.findIndex((b) => b.key === a.key);
  if (i === -1) args.push(a);
  else args[i] = a;
}
