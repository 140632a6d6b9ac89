// The Deep k-Means penalty of one layer (Wu et al. 2018, sec. 3). W is the s x N matrix whose columns are the
// layer's N filter rows of length s, F an N x K matrix with orthonormal columns, P = F F^T the projection onto
// their span:
//
//   penalty = (lambda / 2) [Tr(W^T W) - Tr(F^T W^T W F)] = (lambda / 2) ||W (I - P)||^2
//   gradient (F held fixed) = lambda W (I - P)        (I - P is symmetric and idempotent)
//
// Both variants (spectral.ts, indicator.ts) are such projections; they differ only in F. Rows are stored as
// in compress/rowVectors.ts: N rows of s values, row i = column i of W.

/** Applies P to the rows: returns W P in the same N x s row layout (float64). */
export type RowProjection = (rows: Float32Array, s: number) => Float64Array;

export interface PenaltyValue {
  readonly value: number;
  /** d penalty / d rows, N x s. */
  readonly gradient: Float32Array;
}

export function penaltyAndGradient(rows: Float32Array, s: number, project: RowProjection, lambda: number): PenaltyValue {
  const projected = project(rows, s);
  const gradient = new Float32Array(rows.length);
  let sum = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] - projected[i];
    sum += r * r;
    gradient[i] = lambda * r;
  }
  return { value: (lambda / 2) * sum, gradient };
}
