import type { LlamaModel, TokenBias } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";
import { nodeLlamaCpp } from "./nodeLlamaCpp.js";

/**
 * A TokenBias that bans `ids`. TokenBias.set() silently skips end-of-generation tokens, and the
 * guard must ban those while a UTF-8 sequence is open, so the ids go straight into its map (the
 * shape node-llama-cpp 3.21 passes to llama.cpp's logit-bias sampler, which applies any id).
 */
export function tokenBiasFor(model: LlamaModel, ids: readonly number[]): TokenBias {
  const bias = new (nodeLlamaCpp().TokenBias)(model.tokenizer);
  const map = biasMap(bias);
  for (const id of ids) map.set(id, -Infinity);
  return bias;
}

/** A copy of `base` with `ids` raised by `logit`; ids `base` bans stay banned. */
export function raisedTokenBias(model: LlamaModel, base: TokenBias, ids: readonly number[], logit: number): TokenBias {
  const bias = new (nodeLlamaCpp().TokenBias)(model.tokenizer);
  const map = biasMap(bias);
  for (const [id, value] of biasMap(base)) map.set(id, value);
  for (const id of ids) map.set(id, (map.get(id) ?? 0) + logit);
  return bias;
}

function biasMap(bias: TokenBias): Map<number, number> {
  const map = (bias as unknown as { _biases?: unknown })._biases;
  if (!(map instanceof Map)) {
    throw new HammerError("INTERNAL", "node-llama-cpp's TokenBias has no _biases map: this node-llama-cpp version is not supported (3.21.1 is)");
  }
  return map as Map<number, number>;
}
