// k-means on short rows: k-means++ seeding, then Lloyd steps until the distortion stops falling. Written for
// the sizes weight sharing meets (up to a few hundred thousand rows of length 1..11, from a handful of
// clusters to half as many clusters as rows) on flat typed arrays with no per-row allocation. A k-d tree over
// the rows (kdTree.ts) serves the seeding and, for large k, the Lloyd steps (lloydTree.ts); for small k,
// lloyd.ts's bounds make a step cost about one distance per row. None of it changes an outcome.
//
// Determinism: the only randomness is the seeded generator used by k-means++; every tie has a fixed rule
// (lowest index, or "keep the current centre"); sums run in row order. Same input + seed -> same bytes.
import { seedPlusPlus, useTrees } from './kmeansPlusPlus.js';
import { createLloydState, lloydStep, recount, settle } from './lloyd.js';
import { createTreeLloydState, treeLloydStep, treeSettle } from './lloydTree.js';
import { indexRows } from './seedTree.js';
import { createRng } from '../random/rng.js';

export interface KMeansOptions {
  readonly seed: number;
  /** Lloyd steps at most (default KMEANS_DEFAULTS.maxIterations). */
  readonly maxIterations?: number;
  /** Stop once a step lowers the distortion by at most this fraction of it (default KMEANS_DEFAULTS.tolerance). */
  readonly tolerance?: number;
  /**
   * Add a centre pinned at the origin that rows join by distance like any other; it counts towards k and is
   * centre 0. (Not the paper's sparsity rule, which assigns rows by norm before clustering: see sharing.ts.)
   */
  readonly fixedZeroCluster?: boolean;
}

export interface KMeansResult {
  /** Centres used: k, clamped to the number of distinct rows (+ the pinned origin); N (+1) when k >= N. */
  readonly k: number;
  /** k * dim values, centre j at [j * dim, (j + 1) * dim). */
  readonly centroids: Float32Array;
  /** Centre of each row. */
  readonly assignment: Uint32Array;
  /** Sum over rows of the squared distance to the row's centre, measured with the float32 centres returned. */
  readonly distortion: number;
  readonly clusterSizes: Uint32Array;
  /** Lloyd steps run (0 for the identity case). */
  readonly iterations: number;
  /** Distortion after the seeding's assignment and after each accepted step; never increases. */
  readonly distortionHistory: readonly number[];
}

/**
 * Stop when a step gains at most 1e-4 of the distortion (on weight rows, later steps change the codebook far
 * less than the weights' own spread), or after 300 steps (scikit-learn's default max_iter). Large k needs no
 * other default: on He-normal conv layers the tolerance stops runs at K/N >= 0.05 within ~30 steps (fewer the
 * larger K/N); K/N ~ 0.01 takes 40-60. bench/kmeans.ts prints the counts.
 */
export const KMEANS_DEFAULTS = { maxIterations: 300, tolerance: 1e-4 } as const;

export function kmeans(rows: Float32Array, dim: number, k: number, opts: KMeansOptions): KMeansResult {
  return kmeansWith(rows, dim, k, opts, 'auto');
}

/**
 * Which Lloyd steps to run: lloyd.ts ('bounds': Hamerly bounds and a k x k gap matrix, best for small k) or
 * lloydTree.ts ('tree': work only where centres moved, k-d trees; rows of length 1 walk sorted centres).
 * Both give the same bytes; 'auto' picks the faster (kmeansPlusPlus.ts's useTrees, which also picks the seeding).
 */
export type LloydEngineChoice = 'auto' | 'bounds' | 'tree';

/** The Lloyd steps the driver runs; lloyd.ts and lloydTree.ts both provide them. */
interface LloydEngine {
  readonly k: number;
  readonly cents: Float32Array;
  readonly assignment: Uint32Array;
  step(): { distortion: number; changed: number };
  /** Re-seeds empty clusters; returns the distortion. */
  settle(distortion: number): number;
}

/** kmeans with the engine choice exposed (tests run each engine on inputs the other would get). */
export function kmeansWith(rows: Float32Array, dim: number, k: number, opts: KMeansOptions, choice: LloydEngineChoice): KMeansResult {
  const maxIterations = opts.maxIterations ?? KMEANS_DEFAULTS.maxIterations;
  const tolerance = opts.tolerance ?? KMEANS_DEFAULTS.tolerance;
  const fixed = opts.fixedZeroCluster === true ? 1 : 0;
  const maxAbs = validate(rows, dim, k, maxIterations, tolerance, fixed);
  const n = rows.length / dim;

  // k >= N: nothing to cluster. Every row is its own centre (the paper's "uncompressed" first layer).
  if (k - fixed >= n) return identity(rows, dim, n, fixed);

  // The seeding leaves every row on its nearest seed with its exact distance: the first assignment.
  const assignment = new Uint32Array(n);
  const dist = new Float64Array(n);
  // One row tree serves the seeding and the tree engine (the seeding's own choice is useTrees(n, dim, k)).
  const seedTree = useTrees(n, dim, k);
  const index = seedTree ? indexRows(rows, dim) : undefined;
  const seeded = seedPlusPlus(rows, dim, k, fixed === 1, createRng(opts.seed), assignment, dist, index);
  let engine: LloydEngine;
  let distortion: number;
  if (choice === 'tree' || (choice === 'auto' && useTrees(n, dim, seeded.k))) {
    const s = createTreeLloydState(rows, dim, seeded.centroids, fixed, assignment, dist, index ?? indexRows(rows, dim));
    engine = { k: s.k, cents: s.cents, assignment, step: () => treeLloydStep(s), settle: (d) => treeSettle(s, d) };
    distortion = treeSettle(s, recount(s));
  } else {
    const s = createLloydState(rows, dim, seeded.centroids, fixed, assignment, dist, maxAbs);
    engine = { k: s.k, cents: s.cents, assignment, step: () => lloydStep(s), settle: (d) => settle(s, d) };
    distortion = settle(s, recount(s));
  }
  const prevCents = new Float32Array(engine.cents.length);
  const prevAssignment = new Uint32Array(n);

  const history = [distortion];
  let iterations = 0;
  while (iterations < maxIterations) {
    // Keep the accepted state: a step that rounding makes (very slightly) worse is undone, which is what
    // guarantees the non-increasing history rather than merely making it likely.
    prevCents.set(engine.cents);
    prevAssignment.set(assignment);
    const step = engine.step();
    const next = engine.settle(step.distortion);
    iterations++;
    if (next > distortion) {
      engine.cents.set(prevCents);
      assignment.set(prevAssignment);
      break;
    }
    const gain = distortion - next;
    distortion = next;
    history.push(distortion);
    if (step.changed === 0 || gain <= tolerance * distortion) break;
  }
  const sizes = new Uint32Array(engine.k);
  for (let i = 0; i < n; i++) sizes[assignment[i]]++;
  return {
    k: engine.k,
    centroids: engine.cents,
    assignment,
    distortion,
    clusterSizes: sizes,
    iterations,
    distortionHistory: history,
  };
}

/** Throws on a malformed call; returns the largest |value| (the data's scale, for the bounds' slack). */
function validate(rows: Float32Array, dim: number, k: number, maxIterations: number, tolerance: number, fixed: number): number {
  if (!Number.isInteger(dim) || dim < 1) throw new Error(`kmeans: dim must be a positive integer, got ${dim}`);
  if (rows.length === 0 || rows.length % dim !== 0) {
    throw new Error(`kmeans: ${rows.length} values do not form a non-empty set of rows of length ${dim}`);
  }
  if (!Number.isInteger(k) || k < 1 + fixed) {
    throw new Error(`kmeans: k must be an integer >= ${1 + fixed}${fixed ? ' (the pinned zero centre counts)' : ''}, got ${k}`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw new Error(`kmeans: maxIterations must be a non-negative integer, got ${maxIterations}`);
  }
  if (!(tolerance >= 0)) throw new Error(`kmeans: tolerance must be >= 0, got ${tolerance}`);
  let maxAbs = 0;
  for (let i = 0; i < rows.length; i++) {
    const v = rows[i];
    if (!Number.isFinite(v)) throw new Error(`kmeans: value ${i} (row ${Math.floor(i / dim)}) is ${v}`);
    if (Math.abs(v) > maxAbs) maxAbs = Math.abs(v);
  }
  return maxAbs;
}

function identity(rows: Float32Array, dim: number, n: number, fixed: number): KMeansResult {
  const centroids = new Float32Array((n + fixed) * dim);
  centroids.set(rows, fixed * dim);
  const assignment = new Uint32Array(n);
  const sizes = new Uint32Array(n + fixed);
  for (let i = 0; i < n; i++) {
    assignment[i] = i + fixed;
    sizes[i + fixed] = 1;
  }
  return { k: n + fixed, centroids, assignment, distortion: 0, clusterSizes: sizes, iterations: 0, distortionHistory: [0] };
}
