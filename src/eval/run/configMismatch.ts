import type { RunConfig } from "./types.js";

/**
 * Why an earlier run's config cannot be continued with `next` (null when it can). `limit` may
 * change (a resumed run can be extended); the model must be the same file (by sha256 when both
 * know it) or the same endpoint model.
 */
export function configMismatch(prev: RunConfig, next: RunConfig): string | null {
  const diffs: string[] = [];
  const cmp = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) diffs.push(`${what} ${JSON.stringify(a)} → ${JSON.stringify(b)}`);
  };
  cmp("bench", prev.bench, next.bench);
  cmp("backend", prev.backend, next.backend);
  const pm = prev.model;
  const nm = next.model;
  if (pm.sha256 && nm.sha256) cmp("model sha256", pm.sha256, nm.sha256);
  else cmp("model", pm.path ?? pm.name, nm.path ?? nm.name);
  cmp("endpoint mode", pm.endpointMode ?? null, nm.endpointMode ?? null);
  cmp("format", prev.requestedFormat, next.requestedFormat);
  cmp("mask", prev.mask, next.mask);
  cmp("decoding", prev.decoding ?? "constrained", next.decoding ?? "constrained");
  cmp("seed", prev.seed, next.seed);
  cmp("temperature", prev.temperature, next.temperature);
  cmp("max tokens", prev.maxTokens, next.maxTokens);
  return diffs.length === 0 ? null : diffs.join(", ");
}
