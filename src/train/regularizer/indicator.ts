// The cluster-indicator variant: F is the normalized indicator of a k-means assignment (F[i, j] = 1/sqrt(n_j)
// when row i is in cluster j), so W P replaces every row by the mean of its cluster and the penalty is
// (lambda / 2) times the k-means distortion. Its gradient lambda (w_i - mean of i's cluster) pulls each row
// towards its centre: assignments get harder, which is what sharing needs, whatever K is. The assignment is
// refreshed by k-means (the seeds sharing uses) as often as the paper refreshes its F.
import { kmeans } from '../../compress/kmeans.js';
import type { RowProjection } from './penalty.js';

export interface IndicatorRefresh {
  readonly project: RowProjection;
  readonly assignment: Uint32Array;
  /** Clusters k-means used (K, or fewer when the layer has fewer distinct rows). */
  readonly k: number;
}

export function indicatorRefresh(rows: Float32Array, s: number, k: number, seed: number): IndicatorRefresh {
  const { assignment, k: used } = kmeans(rows, s, k, { seed });
  return { project: clusterMeans(assignment, used), assignment, k: used };
}

/** P of a fixed assignment: each row becomes the mean of its cluster's current rows. */
export function clusterMeans(assignment: Uint32Array, k: number): RowProjection {
  const sizes = new Uint32Array(k);
  for (const c of assignment) sizes[c]++;
  return (w, dim) => {
    const sums = new Float64Array(k * dim);
    for (let i = 0; i < assignment.length; i++) for (let t = 0; t < dim; t++) sums[assignment[i] * dim + t] += w[i * dim + t];
    const out = new Float64Array(w.length);
    for (let i = 0; i < assignment.length; i++) {
      const c = assignment[i];
      for (let t = 0; t < dim; t++) out[i * dim + t] = sums[c * dim + t] / sizes[c];
    }
    return out;
  };
}
