// Weight sharing for one layer (Wu et al. 2018, sec. 2): k-means on the layer's filter rows, every row
// replaced by its centre. What is stored afterwards is a codebook of K rows plus one index per row.
//
// Optional sparsity p (the paper, WRN only): the floor(p*N) rows of smallest L2 norm form one cluster whose
// centre is fixed at zero, and (K-1)-means runs on the other rows. The authors' public code does something
// else (the int(p*N) rows closest to the mean row, with their mean as the centre); it is offered as
// sparsityRule 'nearest-mean'. Either way that cluster is index 0 of the codebook and one of the K.
import type { Layer } from '../workload/layer.js';
import { kmeans, type KMeansOptions } from './kmeans.js';
import { sqDist } from './rowDistance.js';
import { rowMatrix } from './rowVectors.js';

export type SparsityRule = 'smallest-norm' | 'nearest-mean';

export interface SharingSpec {
  /** Codebook size K, the sparsity cluster included. K >= N leaves the layer as it is (identity). */
  readonly k: number;
}

export interface SharingOptions {
  readonly seed: number;
  /** p in [0, 1): the share of rows put in the fixed sparsity cluster (default 0: none). */
  readonly sparsity?: number;
  /** Which rows form the sparsity cluster (default 'smallest-norm', the paper's rule). */
  readonly sparsityRule?: SparsityRule;
  readonly maxIterations?: KMeansOptions['maxIterations'];
  readonly tolerance?: KMeansOptions['tolerance'];
}

export interface LayerSharing {
  readonly layer: string;
  /** s: values per row (the filter width S). */
  readonly rowLength: number;
  /** N: rows of the layer. */
  readonly rows: number;
  /** Codebook rows actually used (the spec's K, clamped to the distinct rows). */
  readonly k: number;
  /** k * rowLength values, centre j at [j * rowLength, (j + 1) * rowLength). */
  readonly codebook: Float32Array;
  /** Codebook row of each weight row (row order of rowVectors.ts). */
  readonly index: Uint32Array;
  /** Sum of squared distances of all rows (sparsity cluster included) to their centres. */
  readonly distortion: number;
  readonly clusterSizes: Uint32Array;
  /** The weights with every row replaced by its centre, in the layout of the input weights. */
  readonly sharedWeights: Float32Array;
  /** Rows in the sparsity cluster (codebook row 0 when > 0). */
  readonly zeroRows: number;
}

export function shareLayerWeights(weights: Float32Array, layer: Layer, spec: SharingSpec, opts: SharingOptions): LayerSharing {
  const { rows: n, rowLength: dim, data } = rowMatrix(weights, layer);
  const p = opts.sparsity ?? 0;
  if (!Number.isInteger(spec.k) || spec.k < 1) throw new Error(`layer "${layer.name}": K must be a positive integer, got ${spec.k}`);
  if (!(p >= 0 && p < 1)) throw new Error(`layer "${layer.name}": sparsity p must be in [0, 1), got ${p}`);
  const zeroRows = Math.floor(p * n);
  const kmeansOpts: KMeansOptions = { seed: opts.seed, maxIterations: opts.maxIterations, tolerance: opts.tolerance };

  if (zeroRows === 0) {
    const result = kmeans(data, dim, spec.k, kmeansOpts);
    return finish(layer.name, data, dim, result.centroids, result.assignment, result.clusterSizes, 0);
  }
  if (spec.k < 2) throw new Error(`layer "${layer.name}": sparsity p = ${p} needs K >= 2 (the sparsity cluster is one of the K)`);

  const { chosen, centre } = sparsityCluster(data, dim, n, zeroRows, opts.sparsityRule ?? 'smallest-norm');
  const rest = new Float32Array((n - zeroRows) * dim);
  const restRow = new Uint32Array(n - zeroRows);
  for (let i = 0, r = 0; i < n; i++) {
    if (chosen[i] === 1) continue;
    rest.set(data.subarray(i * dim, (i + 1) * dim), r * dim);
    restRow[r++] = i;
  }
  const result = kmeans(rest, dim, spec.k - 1, kmeansOpts);
  const codebook = new Float32Array((result.k + 1) * dim);
  codebook.set(centre, 0);
  codebook.set(result.centroids, dim);
  const index = new Uint32Array(n); // rows in the sparsity cluster keep 0
  for (let r = 0; r < restRow.length; r++) index[restRow[r]] = result.assignment[r] + 1;
  const sizes = new Uint32Array(result.k + 1);
  sizes[0] = zeroRows;
  sizes.set(result.clusterSizes, 1);
  return finish(layer.name, data, dim, codebook, index, sizes, zeroRows);
}

/** Marks the rows of the sparsity cluster (1 in `chosen`) and returns its fixed centre. */
function sparsityCluster(
  data: Float32Array,
  dim: number,
  n: number,
  count: number,
  rule: SparsityRule,
): { chosen: Uint8Array; centre: Float32Array } {
  // The reference point: the origin (paper) or the mean row (authors' code), as a float32 row like the weights.
  const origin = new Float32Array(dim);
  if (rule === 'nearest-mean') {
    const sum = new Float64Array(dim);
    for (let i = 0; i < n; i++) for (let t = 0; t < dim; t++) sum[t] += data[i * dim + t];
    for (let t = 0; t < dim; t++) origin[t] = sum[t] / n;
  }
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = sqDist(data, i * dim, origin, 0, dim);
  // The `count` rows nearest the reference, equal distances going to the lower row index (deterministic).
  // A native numeric sort of the distances finds the count-th smallest (no comparator: fast at 200k rows);
  // rows strictly below it are in, and rows equal to it fill the remaining places in row order.
  const threshold = key.slice().sort()[count - 1];
  let ties = count;
  for (let i = 0; i < n; i++) if (key[i] < threshold) ties--;
  const chosen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (key[i] < threshold || (key[i] === threshold && ties-- > 0)) chosen[i] = 1;
  }
  const centre = new Float32Array(dim); // zero for the paper's rule
  if (rule === 'nearest-mean') {
    const sum = new Float64Array(dim);
    for (let i = 0; i < n; i++) if (chosen[i] === 1) for (let t = 0; t < dim; t++) sum[t] += data[i * dim + t];
    for (let t = 0; t < dim; t++) centre[t] = sum[t] / count;
  }
  return { chosen, centre };
}

function finish(
  layer: string,
  data: Float32Array,
  dim: number,
  codebook: Float32Array,
  index: Uint32Array,
  clusterSizes: Uint32Array,
  zeroRows: number,
): LayerSharing {
  const n = index.length;
  const sharedWeights = new Float32Array(n * dim);
  let distortion = 0;
  for (let i = 0; i < n; i++) {
    const cb = index[i] * dim;
    sharedWeights.set(codebook.subarray(cb, cb + dim), i * dim);
    distortion += sqDist(data, i * dim, codebook, cb, dim);
  }
  return { layer, rowLength: dim, rows: n, k: codebook.length / dim, codebook, index, distortion, clusterSizes, sharedWeights, zeroRows };
}

/**
 * K for a cluster rate (K/N, the paper's knob): round(rate * N), at least 1. Math.round rounds halves up,
 * so a rate that lands exactly between two integers gets the larger codebook (the safer side for accuracy).
 */
export function kFromClusterRate(rows: number, rate: number): number {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`cluster rate: rows must be a positive integer, got ${rows}`);
  if (!(rate > 0 && rate <= 1)) throw new Error(`cluster rate must be in (0, 1], got ${rate}`);
  return Math.max(1, Math.round(rate * rows));
}
