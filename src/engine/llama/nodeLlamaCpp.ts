import type * as NodeLlamaCpp from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";

type NodeLlamaCppModule = typeof NodeLlamaCpp;

let loaded: NodeLlamaCppModule | undefined;
let loading: Promise<NodeLlamaCppModule> | undefined;

/**
 * node-llama-cpp, imported on first use: importing it takes ~0.5 s, which every command and
 * library user that never runs a model (`hammer data build`, `eval score`, `--help`) would pay.
 */
export function loadNodeLlamaCpp(): Promise<NodeLlamaCppModule> {
  loading ??= import("node-llama-cpp").then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

/** The module, for code that only runs once a model exists (whose loading imported it). */
export function nodeLlamaCpp(): NodeLlamaCppModule {
  if (loaded === undefined) throw new HammerError("INTERNAL", "node-llama-cpp was used before it was loaded");
  return loaded;
}
