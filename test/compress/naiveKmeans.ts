// A deliberately plain k-means for the tests: the same seeding (shared code), then textbook Lloyd steps that
// measure every row against every centre in index order. Its rules are written out independently of
// src/compress/lloyd.ts: ties keep the current centre, else the lowest index; an empty cluster takes the
// farthest row of a cluster with another member; a step that raises the distortion is undone; stop when no
// row moves or the gain is at most tolerance * distortion. The fast code must give the same bytes.
import { seedPlusPlus } from '../../src/compress/kmeansPlusPlus.js';
import { createRng } from '../../src/random/rng.js';

export interface NaiveResult {
  k: number;
  centroids: Float32Array;
  assignment: Uint32Array;
  distortion: number;
  iterations: number;
  history: number[];
}

const sq = (rows: Float32Array, i: number, cents: Float32Array, j: number, dim: number): number => {
  let d = 0;
  for (let t = 0; t < dim; t++) {
    const diff = rows[i * dim + t] - cents[j * dim + t];
    d += diff * diff;
  }
  return d;
};

export function naiveKmeans(
  rows: Float32Array,
  dim: number,
  kAsked: number,
  seed: number,
  maxIterations = 300,
  tolerance = 1e-4,
  pinned = false,
): NaiveResult {
  const n = rows.length / dim;
  const fixed = pinned ? 1 : 0;
  const scratchA = new Uint32Array(n);
  const scratchD = new Float64Array(n);
  const seeded = seedPlusPlus(rows, dim, kAsked, pinned, createRng(seed), scratchA, scratchD);
  const k = seeded.k;
  let cents = seeded.centroids.slice();
  let assignment = new Uint32Array(n);
  const dist = new Float64Array(n);

  const assign = (first: boolean): number => {
    let changed = 0;
    for (let i = 0; i < n; i++) {
      const current = first ? 0 : assignment[i];
      let best = sq(rows, i, cents, current, dim);
      let bestJ = current;
      for (let j = 0; j < k; j++) {
        const d = sq(rows, i, cents, j, dim);
        if (d < best) {
          best = d;
          bestJ = j;
        }
      }
      if (bestJ !== assignment[i]) changed++;
      assignment[i] = bestJ;
      dist[i] = best;
    }
    return changed;
  };
  const reseed = (): number => {
    const sizes = new Uint32Array(k);
    for (let i = 0; i < n; i++) sizes[assignment[i]]++;
    for (let j = fixed; j < k; j++) {
      if (sizes[j] !== 0) continue;
      let far = -1;
      for (let i = 0; i < n; i++) if (sizes[assignment[i]] > 1 && dist[i] > (far < 0 ? 0 : dist[far])) far = i;
      if (far < 0) break;
      sizes[assignment[far]]--;
      assignment[far] = j;
      sizes[j] = 1;
      dist[far] = 0;
      for (let t = 0; t < dim; t++) cents[j * dim + t] = rows[far * dim + t];
    }
    let total = 0;
    for (let i = 0; i < n; i++) total += dist[i];
    return total;
  };
  const update = (): void => {
    const sums = new Float64Array(k * dim);
    const sizes = new Uint32Array(k);
    for (let i = 0; i < n; i++) {
      sizes[assignment[i]]++;
      for (let t = 0; t < dim; t++) sums[assignment[i] * dim + t] += rows[i * dim + t];
    }
    for (let j = fixed; j < k; j++) {
      if (sizes[j] > 0) for (let t = 0; t < dim; t++) cents[j * dim + t] = sums[j * dim + t] / sizes[j];
    }
  };

  assign(true);
  let distortion = reseed();
  const history = [distortion];
  let iterations = 0;
  while (iterations < maxIterations) {
    const prevCents = cents.slice();
    const prevAssignment = assignment.slice();
    update();
    const changed = assign(false);
    const next = reseed();
    iterations++;
    if (next > distortion) {
      cents = prevCents;
      assignment = prevAssignment;
      break;
    }
    const gain = distortion - next;
    distortion = next;
    history.push(distortion);
    if (changed === 0 || gain <= tolerance * distortion) break;
  }
  return { k, centroids: cents, assignment, distortion, iterations, history };
}
