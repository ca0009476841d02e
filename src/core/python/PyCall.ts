/** A call expression `name(k=v, …)`; only allowed at the top level or as a top-level list item. */
export class PyCall {
  constructor(
    readonly name: string,
    readonly args: Record<string, unknown>,
    readonly position: number,
  ) {}
}

/**
 * Parameter names of a function in signature order, so positional arguments (`mean([1, 2])`,
 * as in BFCL's multi-turn ground truth) can be named; undefined when unknown.
 */
export type PositionalParams = (functionName: string) => readonly string[] | undefined;
