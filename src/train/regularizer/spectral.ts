// The paper's F: the top-K right singular vectors of W (Ky Fan: they maximize Tr(F^T W^T W F)), from a thin SVD
// of the N x s row matrix (its left singular vectors are W's right ones), recomputed every few epochs.
//
// The trap: W has s rows, so rank(W) <= s. When K >= rank(W) the top-K singular vectors span all of W's row
// space, W P = W, and the penalty is exactly zero right after every refresh; between refreshes it only pulls W
// back towards the row space it had at the refresh. With LeNet's rows of s = 5 and any useful K, that is every
// layer. A refresh therefore reports rank(W) and whether it is degenerate, and callers must say so.
//
// For K > rank(W) the singular vectors beyond the rank have singular value 0 and are any orthonormal vectors
// orthogonal to W's rows; the paper does not say which. F keeps only the min(K, rank W) determined ones.
import { Matrix, SVD } from 'ml-matrix';
import type { RowProjection } from './penalty.js';

/** Relative size below which a singular value counts as zero: numpy's matrix_rank rule for float32 data. */
const FLOAT32_EPSILON = 2 ** -23;

export interface SpectralRefresh {
  readonly project: RowProjection;
  readonly rank: number;
  /** Columns of F kept: min(K, rank). */
  readonly columns: number;
  /** K >= rank(W): the penalty is zero right after this refresh. */
  readonly degenerate: boolean;
  readonly singularValues: readonly number[];
}

export function spectralRefresh(rows: Float32Array, s: number, k: number): SpectralRefresh {
  const n = rows.length / s;
  const svd = new SVD(Matrix.from1DArray(n, s, Float64Array.from(rows)), {
    computeLeftSingularVectors: true,
    computeRightSingularVectors: false,
    autoTranspose: true,
  });
  const sigma = svd.diagonal;
  const tolerance = (sigma[0] ?? 0) * Math.max(n, s) * FLOAT32_EPSILON;
  const rank = sigma.filter((v) => v > tolerance).length;
  const columns = Math.min(k, rank);
  const u = svd.leftSingularVectors; // N x min(N, s), columns by decreasing singular value
  const f = new Float64Array(n * columns); // F, row-major N x columns
  for (let i = 0; i < n; i++) for (let j = 0; j < columns; j++) f[i * columns + j] = u.get(i, j);

  const project: RowProjection = (w, dim) => {
    // W P = (W F) F^T: first the s x columns matrix W F, then back to the N rows.
    const wf = new Float64Array(dim * columns);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < columns; j++) {
        const fij = f[i * columns + j];
        for (let t = 0; t < dim; t++) wf[t * columns + j] += w[i * dim + t] * fij;
      }
    }
    const out = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < dim; t++) {
        let v = 0;
        for (let j = 0; j < columns; j++) v += wf[t * columns + j] * f[i * columns + j];
        out[i * dim + t] = v;
      }
    }
    return out;
  };
  return { project, rank, columns, degenerate: k >= rank, singularValues: sigma };
}
