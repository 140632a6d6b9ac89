// k-means++ seeding for large k (kmeansPlusPlus.ts picks it): the rows sit in a k-d tree whose nodes keep the
// sum and the max of their rows' D^2. A new centre descends only into boxes nearer to it than their max D^2
// (no other row can move to it), so it costs about the rows it takes rather than N; a draw descends the sums,
// O(log N) rather than a scan. The draw walks rows in tree order, not row order: the same D^2 distribution
// as the linear scan, a different sequence of picks.
import type { Rng } from '../random/rng.js';
import { boxDist2, buildKdTree, levelFor, type KdTree } from './kdTree.js';
import type { Seeding } from './kmeansPlusPlus.js';

/** Rows per leaf of the row tree: the finest level a search can stop at (each picks its own, see levelFor). */
const ROW_LEAF = 8;
/**
 * Rows per leaf of the seeding's descent, at most (it stops at that level of the tree): up to 3 dimensions,
 * leaves of ~20 rows cost fewer node visits than they add row visits; above, boxes prune poorly enough that
 * the smallest leaves pay.
 */
const seedLeafRows = (dim: number): number => (dim <= 3 ? 20 : 0);

/** Node slots of the row tree: the seeding's max and sum of D^2 (lloydTree.ts reuses the tree). */
export const ROW_SLOTS = 2;

/** The k-d tree over the rows, built once per k-means run and shared by the seeding and lloydTree.ts. */
export function indexRows(rows: Float32Array, dim: number): KdTree {
  return buildKdTree(rows, dim, rows.length / dim, ROW_LEAF, ROW_SLOTS);
}

/** kmeansPlusPlus.ts's seedPlusPlus (same contract) on the row tree. */
export function seedOnTree(
  rows: Float32Array,
  dim: number,
  k: number,
  pinnedOrigin: boolean,
  rng: Rng,
  nearest: Uint32Array,
  minDist: Float64Array,
  tree: KdTree,
): Seeding {
  const n = rows.length / dim;
  const { perm, pts, start, end, nodes, node, stride } = tree;
  const firstLeaf = levelFor(tree, seedLeafRows(dim));
  const MAX = 2 * dim,
    SUM = 2 * dim + 1; // node slots
  const centroids = new Float32Array(k * dim); // centre 0 is the origin until set
  // Working copies in tree order (leaves then read memory in sequence); scattered to row order at the end.
  const d2 = new Float64Array(n).fill(Infinity);
  const near = new Uint32Array(n);
  for (let v = 0; v < Math.min(nodes, 2 * firstLeaf + 1); v++) node[v * stride + MAX] = Infinity;

  /** A parent's D^2 sum and max from its two children's. */
  const combine = (v: number): void => {
    const nb = v * stride,
      lb = (2 * v + 1) * stride,
      rb = lb + stride;
    node[nb + SUM] = node[lb + SUM] + node[rb + SUM];
    node[nb + MAX] = Math.max(node[lb + MAX], node[rb + MAX]);
  };
  /** A leaf's D^2 sum and max from its rows', after some of them moved. */
  const refreshLeaf = (v: number): void => {
    let s = 0;
    let m = 0;
    for (let p = start[v]; p < end[v]; p++) {
      s += d2[p];
      if (d2[p] > m) m = d2[p];
    }
    node[v * stride + SUM] = s;
    node[v * stride + MAX] = m;
  };

  /** Moves the rows under v strictly nearer to centre j onto it; refreshes sum/max; true if any moved. */
  const take = (v: number, j: number): boolean => {
    const cb = j * dim;
    const nb = v * stride;
    if (boxDist2(node, nb, dim, centroids, cb) >= node[nb + MAX]) return false;
    if (v < firstLeaf) {
      const left = take(2 * v + 1, j);
      const right = take(2 * v + 2, j);
      if (!left && !right) return false;
      combine(v);
      return true;
    }
    let moved = false;
    for (let p = start[v], pb = p * dim; p < end[v]; p++, pb += dim) {
      let d = 0;
      for (let t = 0; t < dim; t++) {
        const diff = pts[pb + t] - centroids[cb + t];
        d += diff * diff;
      }
      if (d < d2[p]) {
        d2[p] = d;
        near[p] = j;
        moved = true;
      }
    }
    if (!moved) return false; // the leaf's sum and max stand
    refreshLeaf(v);
    return true;
  };

  /** take for rows of length 3 (3x3 filters, the common case), unrolled: same arithmetic, same bits. Slots 6, 7. */
  const take3 = (v: number, j: number, c0: number, c1: number, c2: number): boolean => {
    const nb = v * stride;
    let lb = 0;
    if (c0 < node[nb]) lb += (c0 - node[nb]) * (c0 - node[nb]);
    else if (c0 > node[nb + 1]) lb += (c0 - node[nb + 1]) * (c0 - node[nb + 1]);
    if (c1 < node[nb + 2]) lb += (c1 - node[nb + 2]) * (c1 - node[nb + 2]);
    else if (c1 > node[nb + 3]) lb += (c1 - node[nb + 3]) * (c1 - node[nb + 3]);
    if (c2 < node[nb + 4]) lb += (c2 - node[nb + 4]) * (c2 - node[nb + 4]);
    else if (c2 > node[nb + 5]) lb += (c2 - node[nb + 5]) * (c2 - node[nb + 5]);
    if (lb >= node[nb + 6]) return false;
    if (v < firstLeaf) {
      const left = take3(2 * v + 1, j, c0, c1, c2);
      const right = take3(2 * v + 2, j, c0, c1, c2);
      if (!left && !right) return false;
      combine(v);
      return true;
    }
    let moved = false;
    for (let p = start[v], pb = p * 3; p < end[v]; p++, pb += 3) {
      const x = pts[pb] - c0,
        y = pts[pb + 1] - c1,
        z = pts[pb + 2] - c2;
      const d = x * x + y * y + z * z;
      if (d < d2[p]) {
        d2[p] = d;
        near[p] = j;
        moved = true;
      }
    }
    if (!moved) return false; // the leaf's sum and max stand
    refreshLeaf(v);
    return true;
  };

  /** take for rows of length 1 (1x1 filters), unrolled. Slots 2 (max) and 3 (sum). */
  const take1 = (v: number, j: number, c: number): boolean => {
    const nb = v * stride;
    const lb = c < node[nb] ? (c - node[nb]) * (c - node[nb]) : c > node[nb + 1] ? (c - node[nb + 1]) * (c - node[nb + 1]) : 0;
    if (lb >= node[nb + 2]) return false;
    if (v < firstLeaf) {
      const left = take1(2 * v + 1, j, c);
      const right = take1(2 * v + 2, j, c);
      if (!left && !right) return false;
      combine(v);
      return true;
    }
    let moved = false;
    for (let p = start[v]; p < end[v]; p++) {
      const d = (pts[p] - c) * (pts[p] - c);
      if (d < d2[p]) {
        d2[p] = d;
        near[p] = j;
        moved = true;
      }
    }
    if (!moved) return false; // the leaf's sum and max stand
    refreshLeaf(v);
    return true;
  };

  /** The tree position whose row the target lands on, walking the rows with positive D^2 in tree order. */
  const draw = (target: number): number => {
    let v = 0;
    while (v < firstLeaf) {
      const l = 2 * v + 1;
      const left = node[l * stride + SUM],
        right = node[(l + 1) * stride + SUM];
      // Rounding may leave the target at or past a subtree's sum: never enter a subtree with nothing to draw.
      if ((target < left && left > 0) || !(right > 0)) v = l;
      else {
        target -= left;
        v = l + 1;
      }
    }
    let last = -1;
    let acc = 0;
    for (let p = start[v]; p < end[v]; p++) {
      if (d2[p] <= 0) continue;
      last = p;
      acc += d2[p];
      if (acc > target) return p;
    }
    return last; // the target rounded up to the leaf's sum
  };

  if (!pinnedOrigin) {
    const first = Math.floor(rng.uniform() * n);
    centroids.set(rows.subarray(first * dim, (first + 1) * dim), 0);
  }
  const add = (j: number): unknown =>
    dim === 3
      ? take3(0, j, centroids[3 * j], centroids[3 * j + 1], centroids[3 * j + 2])
      : dim === 1
        ? take1(0, j, centroids[j])
        : take(0, j);
  add(0);
  let chosen = 1;
  while (chosen < k && node[SUM] > 0) {
    const p = draw(rng.uniform() * node[SUM]);
    centroids.set(pts.subarray(p * dim, (p + 1) * dim), chosen * dim);
    add(chosen);
    chosen++;
  }
  for (let p = 0; p < n; p++) {
    nearest[perm[p]] = near[p];
    minDist[perm[p]] = d2[p];
  }
  return { k: chosen, centroids: chosen === k ? centroids : centroids.slice(0, chosen * dim) };
}
