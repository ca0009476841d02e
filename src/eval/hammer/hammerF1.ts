import type { HammerCounts, HammerF1 } from "../types.js";

/**
 * evaluate.py's metrics from pooled counts: precision, recall and F1 for names and for
 * arguments. It prints a group only when correct·predicted·gold > 0; otherwise the group is null.
 */
export function officialF1(c: HammerCounts): HammerF1 {
  const api = c.correctApi * c.predApi * c.goldApi > 0 ? prf(c.correctApi, c.predApi, c.goldApi) : NONE;
  const param = c.correctParam * c.predParam * c.goldParam > 0 ? prf(c.correctParam, c.predParam, c.goldParam) : NONE;
  return { precisionApi: api.p, recallApi: api.r, f1Api: api.f1, precisionParam: param.p, recallParam: param.r, f1Param: param.f1 };
}

/** Corrected-variant metrics: 0 when nothing is correct, null only where a denominator is 0. */
export function correctedF1(c: HammerCounts): HammerF1 {
  const api = safePrf(c.correctApi, c.predApi, c.goldApi);
  const param = safePrf(c.correctParam, c.predParam, c.goldParam);
  return { precisionApi: api.p, recallApi: api.r, f1Api: api.f1, precisionParam: param.p, recallParam: param.r, f1Param: param.f1 };
}

interface Prf {
  p: number | null;
  r: number | null;
  f1: number | null;
}

const NONE: Prf = { p: null, r: null, f1: null };

function prf(correct: number, pred: number, gold: number): Prf {
  const p = correct / pred;
  const r = correct / gold;
  return { p, r, f1: (2 * p * r) / (p + r) };
}

function safePrf(correct: number, pred: number, gold: number): Prf {
  const p = pred > 0 ? correct / pred : null;
  const r = gold > 0 ? correct / gold : null;
  const f1 = p === null || r === null ? null : p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return { p, r, f1 };
}
