/**
 * Maximum total weight of a one-to-one assignment between rows and columns of a non-negative
 * weight matrix (Hungarian algorithm, O(n²·m) with n the smaller side). On a complete bipartite
 * graph with non-negative weights a maximum-weight assignment also has maximum size.
 */
export function maxWeightAssignment(weights: readonly (readonly number[])[]): number {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : (weights[0] as readonly number[]).length;
  if (rows === 0 || cols === 0) return 0;
  // Work with n ≤ m: transpose if needed.
  const transpose = rows > cols;
  const n = transpose ? cols : rows;
  const m = transpose ? rows : cols;
  const w = (i: number, j: number): number => (transpose ? (weights[j] as number[])[i] : (weights[i] as number[])[j]) as number;

  // Minimise cost = -weight, 1-indexed potentials u (rows) and v (cols), p[j] = row matched to column j.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(m + 1);
  const p = new Int32Array(m + 1);
  const way = new Int32Array(m + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(m + 1).fill(Infinity);
    const used = new Uint8Array(m + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] as number;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= m; j++) {
        if (used[j]) continue;
        const cur = -w(i0 - 1, j - 1) - (u[i0] as number) - (v[j] as number);
        if (cur < (minv[j] as number)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] as number) < delta) {
          delta = minv[j] as number;
          j1 = j;
        }
      }
      for (let j = 0; j <= m; j++) {
        if (used[j]) {
          u[p[j] as number] = (u[p[j] as number] as number) + delta;
          v[j] = (v[j] as number) - delta;
        } else minv[j] = (minv[j] as number) - delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] as number;
      p[j0] = p[j1] as number;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= m; j++) if ((p[j] as number) > 0) total += w((p[j] as number) - 1, j - 1);
  return total;
}
