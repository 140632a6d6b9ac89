// k-means++ seeding (Arthur and Vassilvitskii 2007), the initialisation Deep k-Means uses: the first centre
// uniformly at random (or the origin, when it is pinned there), each next one a row drawn with probability
// proportional to its squared distance to the nearest centre chosen so far (D^2 sampling).
//
// Two ways to draw, the same distribution: for small k a scan of the rows per centre (O(N k), and its draws
// are those of earlier versions, so results for small k are unchanged); for large k the k-d tree of
// seedTree.ts, which the Lloyd steps for large k reuse. useTrees decides for both.
import type { Rng } from '../random/rng.js';
import type { KdTree } from './kdTree.js';
import { sqDist } from './rowDistance.js';
import { indexRows, seedOnTree } from './seedTree.js';

export interface Seeding {
  /** Centres chosen: the k asked for, or fewer when the rows have fewer distinct values. */
  readonly k: number;
  readonly centroids: Float32Array;
}

/**
 * Whether k-means on n rows of length dim into k clusters should use the k-d trees (seedTree.ts, lloydTree.ts)
 * rather than scans and lloyd.ts's bounds. Measured on He-normal AlexNet and GoogLeNet layers: lloyd.ts's
 * k x k gap matrix costs more than the trees' searches once k^2 passes about N (rows of 1), 2.5 N (3),
 * 20 N (5, 7) or 40 N (11: boxes prune poorly in many dimensions), and it is not kept at all above k = 1024.
 */
export function useTrees(n: number, dim: number, k: number): boolean {
  return k > 1024 || k * k > (dim === 1 ? 1 : dim <= 3 ? 2.5 : dim <= 7 ? 20 : 40) * n;
}

/**
 * A drawn row is always at positive distance from every chosen centre, so the centres are distinct; when
 * every row sits on a chosen centre the distinct rows are exhausted and k is clamped there.
 * On return nearest/minDist hold each row's nearest centre (lowest index on ties: a row moves only to a
 * strictly nearer centre, and centres come in index order) and its squared distance: the first assignment.
 * With `tree` (or when useTrees says so) the draw is seedTree.ts's, else the scan below.
 */
export function seedPlusPlus(
  rows: Float32Array,
  dim: number,
  k: number,
  pinnedOrigin: boolean,
  rng: Rng,
  nearest: Uint32Array,
  minDist: Float64Array,
  tree?: KdTree,
): Seeding {
  const n = rows.length / dim;
  if (tree !== undefined || useTrees(n, dim, k)) {
    return seedOnTree(rows, dim, k, pinnedOrigin, rng, nearest, minDist, tree ?? indexRows(rows, dim));
  }
  const centroids = new Float32Array(k * dim); // centre 0 is the origin until set
  minDist.fill(Infinity);
  if (!pinnedOrigin) {
    const first = Math.floor(rng.uniform() * n);
    centroids.set(rows.subarray(first * dim, (first + 1) * dim), 0);
  }
  let total = moveToCentre(rows, dim, centroids, 0, nearest, minDist);
  let chosen = 1;
  while (chosen < k && total > 0) {
    const target = rng.uniform() * total;
    let pick = -1;
    let lastPositive = -1;
    let acc = 0;
    for (let i = 0; i < n; i++) {
      if (minDist[i] <= 0) continue;
      lastPositive = i;
      acc += minDist[i];
      if (acc > target) {
        pick = i;
        break;
      }
    }
    if (pick < 0) pick = lastPositive; // the target rounded up to the total
    centroids.set(rows.subarray(pick * dim, (pick + 1) * dim), chosen * dim);
    total = moveToCentre(rows, dim, centroids, chosen, nearest, minDist);
    chosen++;
  }
  return { k: chosen, centroids: chosen === k ? centroids : centroids.slice(0, chosen * dim) };
}

/** Moves rows strictly nearer to centre j onto it; returns the new sum of minDist (in row order). */
function moveToCentre(
  rows: Float32Array,
  dim: number,
  cents: Float32Array,
  j: number,
  nearest: Uint32Array,
  minDist: Float64Array,
): number {
  const n = rows.length / dim;
  const cb = j * dim;
  let total = 0;
  if (dim === 3) {
    const c0 = cents[cb],
      c1 = cents[cb + 1],
      c2 = cents[cb + 2];
    for (let i = 0, rb = 0; i < n; i++, rb += 3) {
      const x = rows[rb] - c0,
        y = rows[rb + 1] - c1,
        z = rows[rb + 2] - c2;
      const d = x * x + y * y + z * z;
      if (d < minDist[i]) {
        minDist[i] = d;
        nearest[i] = j;
      }
      total += minDist[i];
    }
    return total;
  }
  for (let i = 0; i < n; i++) {
    const d = sqDist(rows, i * dim, cents, cb, dim);
    if (d < minDist[i]) {
      minDist[i] = d;
      nearest[i] = j;
    }
    total += minDist[i];
  }
  return total;
}
