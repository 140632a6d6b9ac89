// One Lloyd step (centres to their means, rows to their nearest centre) that skips the rows whose nearest
// centre provably cannot have changed, so a step costs about one distance per row instead of k.
//
// - Hamerly's test (SDM 2010): a row is kept when its exact distance u to its own centre a is at most half
//   the gap from a to the nearest other centre, or at most a lower bound on its distance to every other centre.
// - The bound is split in two (in the spirit of Drake and Hamerly's multiple bounds): the exact distance to
//   the row's runner-up centre b, measured afresh each step, and a lower bound on all centres but a and b
//   (the third-nearest distance at the last scan, lowered each step by how far any centre moved). The
//   runner-up is usually what ends a single Hamerly bound; keeping it exact halves the rescans.
// - A rescan visits centres in order of distance from a, and stops once that distance minus u exceeds the
//   third-nearest distance found (triangle inequality: all later centres are farther from the row).
// None of this changes a result: a kept row has no strictly nearer centre (and ties keep the current centre,
// as the full scan does), and every sum runs in row order, so the outcome is plain Lloyd's, bit for bit.
// Near-ties are never decided by a bound: `slack` covers the bounds' rounding.
import { sqDist } from './rowDistance.js';

/** Up to this k the k x k gap matrix and neighbour lists are kept (8 + 4 MB at 1024); above, scans are full. */
const NEIGHBOUR_LIST_MAX_K = 1024;

/** The working state of one k-means run; every array is allocated once. */
export interface LloydState {
  readonly rows: Float32Array;
  readonly dim: number;
  readonly n: number;
  readonly k: number;
  /** 1 when centre 0 is pinned at the origin (never moved, never re-seeded). */
  readonly fixed: number;
  readonly cents: Float32Array;
  readonly assignment: Uint32Array;
  /** Exact squared distance of each row to its centre. */
  readonly dist: Float64Array;
  /** Each row's runner-up centre at its last scan. */
  readonly runnerUp: Uint32Array;
  /** Lower bound on each row's distance (not squared) to every centre but its own and its runner-up. */
  readonly lower: Float64Array;
  readonly sizes: Uint32Array;
  /** Per-centre sums of the rows assigned to it (float64, in row order). */
  readonly sums: Float64Array;
  readonly oldCents: Float32Array;
  /** Distance between centres j and q at [j * k + q]; null above NEIGHBOUR_LIST_MAX_K. */
  readonly gaps: Float64Array | null;
  /** Centre j's other centres by increasing (gap, index), at [j * (k - 1), (j + 1) * (k - 1)); null with gaps. */
  readonly order: Uint32Array | null;
  /** Half the distance from each centre to its nearest other centre. */
  readonly half: Float64Array;
  /** Margin before a bound is trusted: far above the bounds' rounding (~1e-13 of the data's scale). */
  readonly slack: number;
}

/**
 * State for rows already assigned (assignment and dist filled, e.g. by the seeding). Lower bounds start at 0,
 * so the first step rescans every row that Hamerly's half-gap test cannot clear.
 */
export function createLloydState(
  rows: Float32Array,
  dim: number,
  cents: Float32Array,
  fixed: number,
  assignment: Uint32Array,
  dist: Float64Array,
  maxAbs: number,
): LloydState {
  const n = rows.length / dim;
  const k = cents.length / dim;
  const lists = k <= NEIGHBOUR_LIST_MAX_K;
  const state: LloydState = {
    rows,
    dim,
    n,
    k,
    fixed,
    cents,
    assignment,
    dist,
    runnerUp: assignment.slice(),
    lower: new Float64Array(n),
    sizes: new Uint32Array(k),
    sums: new Float64Array(k * dim),
    oldCents: new Float32Array(k * dim),
    gaps: lists ? new Float64Array(k * k) : null,
    order: lists ? new Uint32Array(k * (k - 1)) : null,
    half: new Float64Array(k),
    slack: 1e-9 * maxAbs * Math.sqrt(dim),
  };
  measureGaps(state, true);
  return state;
}

/**
 * One step: centres to the means of their rows (state.sums, left by the previous step or recount), then rows to
 * their nearest centre. The same pass keeps sizes, the sums for the next step and the distortion, all summed
 * in row order, so they equal what separate passes would give. Returns the distortion (before re-seeding
 * empty clusters: see settle) and how many rows changed centre.
 */
export function lloydStep(s: LloydState): { distortion: number; changed: number } {
  const { rows, dim, n, k, fixed, cents, oldCents, assignment, runnerUp, dist, lower, sizes, sums, half, slack } = s;
  oldCents.set(cents);
  for (let j = fixed; j < k; j++) {
    if (sizes[j] === 0) continue; // only the pinned centre can be empty here (settle re-seeds the others)
    for (let t = 0; t < dim; t++) cents[j * dim + t] = sums[j * dim + t] / sizes[j];
  }
  // How far each centre moved bounds how much closer it can have come to any row.
  let maxDrift = 0;
  let maxJ = -1;
  let secondDrift = 0;
  for (let j = 0; j < k; j++) {
    const drift = Math.sqrt(sqDist(cents, j * dim, oldCents, j * dim, dim));
    if (drift > maxDrift) {
      secondDrift = maxDrift;
      maxDrift = drift;
      maxJ = j;
    } else if (drift > secondDrift) secondDrift = drift;
  }
  measureGaps(s, false);
  sums.fill(0);
  let changed = 0;
  let distortion = 0;
  const three = dim === 3;
  for (let i = 0, rb = 0; i < n; i++, rb += dim) {
    let a = assignment[i];
    lower[i] -= a === maxJ ? secondDrift : maxDrift;
    let cb = a * dim;
    let d: number;
    if (three) {
      const x = rows[rb] - cents[cb],
        y = rows[rb + 1] - cents[cb + 1],
        z = rows[rb + 2] - cents[cb + 2];
      d = x * x + y * y + z * z;
    } else d = sqDist(rows, rb, cents, cb, dim);
    dist[i] = d;
    // Half-gap test, u + slack <= half[a], squared: a multiply is cheaper than a square root.
    const halfBound = half[a] - slack;
    if (halfBound < 0 || d > halfBound * halfBound) {
      const bb = runnerUp[i] * dim;
      let db: number;
      if (three) {
        const x = rows[rb] - cents[bb],
          y = rows[rb + 1] - cents[bb + 1],
          z = rows[rb + 2] - cents[bb + 2];
        db = x * x + y * y + z * z;
      } else db = sqDist(rows, rb, cents, bb, dim);
      // Kept if the runner-up is not nearer (exact distances: no slack needed) and the bound on all other
      // centres, less the slack, is at least u (squared, as above).
      const otherBound = lower[i] - slack;
      if (d > db || otherBound < 0 || d > otherBound * otherBound) {
        scanRow(s, i, a);
        if (assignment[i] !== a) {
          sizes[a]--;
          a = assignment[i];
          sizes[a]++;
          cb = a * dim;
          changed++;
        }
      }
    }
    distortion += dist[i];
    if (three) {
      sums[cb] += rows[rb];
      sums[cb + 1] += rows[rb + 1];
      sums[cb + 2] += rows[rb + 2];
    } else for (let t = 0; t < dim; t++) sums[cb + t] += rows[rb + t];
  }
  return { distortion, changed };
}

/**
 * Re-seeds empty clusters and returns the distortion. A re-seeded centre jumps, so all bounds are dropped
 * (every row is rescanned next step) and sizes, sums and distortion are recounted.
 */
export function settle(s: LloydState, distortion: number): number {
  if (!reseedEmpty(s)) return distortion;
  s.lower.fill(0);
  return recount(s);
}

/** What re-seeding and recounting read and write; both Lloyd engines have it. */
type Clusters = Pick<LloydState, 'rows' | 'dim' | 'n' | 'k' | 'fixed' | 'cents' | 'assignment' | 'dist' | 'sizes' | 'sums'>;

/**
 * An empty (non-pinned) cluster takes the row farthest from its centre among rows whose cluster keeps another
 * member (ties: lowest row); that row's cost drops to zero, so the distortion only falls. Returns whether any
 * cluster was re-seeded (sums are then stale: recount). A scan per empty cluster: they are rare (on the
 * AlexNet and GoogLeNet workloads, about one in a whole run even at K ~ N/2).
 */
export function reseedEmpty(s: Clusters): boolean {
  const { rows, dim, n, k, fixed, cents, assignment, dist, sizes } = s;
  let moved = false;
  for (let j = fixed; j < k; j++) {
    if (sizes[j] !== 0) continue;
    let far = -1;
    let farDist = 0;
    for (let i = 0; i < n; i++) {
      if (dist[i] > farDist && sizes[assignment[i]] > 1) {
        far = i;
        farDist = dist[i];
      }
    }
    if (far < 0) break; // every row sits on a centre: nothing left to split off
    sizes[assignment[far]]--;
    assignment[far] = j;
    sizes[j] = 1;
    dist[far] = 0;
    cents.set(rows.subarray(far * dim, (far + 1) * dim), j * dim);
    moved = true;
  }
  return moved;
}

/** Sizes and per-centre sums from scratch (in row order); returns the distortion. */
export function recount(s: Clusters): number {
  const { rows, dim, n, assignment, dist, sizes, sums } = s;
  sizes.fill(0);
  sums.fill(0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const a = assignment[i];
    sizes[a]++;
    for (let t = 0; t < dim; t++) sums[a * dim + t] += rows[i * dim + t];
    total += dist[i];
  }
  return total;
}

/**
 * Finds row i's nearest centre, exact squared distance, runner-up and lower bound (third-nearest distance).
 * Ties keep `current` (so a converged state is a fixed point), else go to the lowest index.
 */
function scanRow(s: LloydState, i: number, current: number): void {
  const { rows, dim, k, cents, gaps, order, slack } = s;
  const rb = i * dim;
  let best = sqDist(rows, rb, cents, current * dim, dim);
  const u = Math.sqrt(best);
  let bestJ = current;
  let second = Infinity;
  let secondJ = current;
  let third = Infinity;
  let thirdRoot = Infinity;
  const ob = current * (k - 1);
  const gb = current * k;
  for (let t = 0; t < k - 1; t++) {
    let j: number;
    if (order !== null && gaps !== null) {
      j = order[ob + t];
      if (gaps[gb + j] - u > thirdRoot + slack) break;
    } else j = t < current ? t : t + 1;
    const cb = j * dim;
    let d: number;
    if (dim === 3) {
      const x = rows[rb] - cents[cb],
        y = rows[rb + 1] - cents[cb + 1],
        z = rows[rb + 2] - cents[cb + 2];
      d = x * x + y * y + z * z;
    } else d = sqDist(rows, rb, cents, cb, dim);
    // Neighbour order is not index order, so the lowest-index tie rule is spelled out.
    if (d < best || (d === best && bestJ !== current && j < bestJ)) {
      third = second;
      second = best;
      secondJ = bestJ;
      best = d;
      bestJ = j;
      thirdRoot = Math.sqrt(third);
    } else if (d < second) {
      third = second;
      second = d;
      secondJ = j;
      thirdRoot = Math.sqrt(third);
    } else if (d < third) {
      third = d;
      thirdRoot = Math.sqrt(third);
    }
  }
  s.assignment[i] = bestJ;
  s.dist[i] = best;
  s.runnerUp[i] = secondJ;
  s.lower[i] = thirdRoot;
}

/**
 * Half of each centre's gap to its nearest other centre and, when kept, the gap matrix and each centre's
 * neighbours sorted by (gap, index). Centres move little between steps, so the previous order is nearly
 * sorted and an insertion sort restores it in about k^2 steps.
 */
function measureGaps(s: LloydState, firstTime: boolean): void {
  const { dim, k, cents, gaps, order, half } = s;
  half.fill(Infinity);
  for (let j = 0; j < k; j++) {
    for (let q = j + 1; q < k; q++) {
      const gap = Math.sqrt(sqDist(cents, j * dim, cents, q * dim, dim));
      if (gaps !== null) {
        gaps[j * k + q] = gap;
        gaps[q * k + j] = gap;
      }
      if (0.5 * gap < half[j]) half[j] = 0.5 * gap;
      if (0.5 * gap < half[q]) half[q] = 0.5 * gap;
    }
  }
  if (order === null || gaps === null) return;
  for (let j = 0; j < k; j++) {
    const list = order.subarray(j * (k - 1), (j + 1) * (k - 1));
    const gb = j * k;
    const before = (p: number, q: number): boolean => gaps[gb + p] < gaps[gb + q] || (gaps[gb + p] === gaps[gb + q] && p < q);
    if (firstTime) {
      for (let t = 0, q = 0; q < k; q++) if (q !== j) list[t++] = q;
      list.sort((p, q) => (before(p, q) ? -1 : before(q, p) ? 1 : 0));
      continue;
    }
    for (let t = 1; t < list.length; t++) {
      const item = list[t];
      let pos = t - 1;
      while (pos >= 0 && before(item, list[pos])) {
        list[pos + 1] = list[pos];
        pos--;
      }
      list[pos + 1] = item;
    }
  }
}
