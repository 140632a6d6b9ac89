// Lloyd steps for large k (thousands to N/2 clusters of a few rows each), where lloyd.ts's bounds fail: they
// fall by the largest move of any centre, and among 100k centres some always move far; its k x k gap matrix
// does not fit either. Here a step works only where something moved, and decides every row exactly as a
// full scan would:
//
// - A cluster whose rows did not change keeps its mean bit for bit (sums run in row order): it has not moved.
// - A row was, at the last assignment, no farther from its centre a than from any other. If a did not move
//   away from it, only centres that moved since can now beat a. If a moved away, any centre can.
// - lloydTreeSearch.ts finds those candidates with a k-d tree over the rows (from the seeding) and one over
//   the centres; rows of length 1 walk the sorted centres instead (lloydSorted.ts).
//
// Ties are decided as in lloyd.ts (keep the current centre, else the lowest index) and sums and the
// distortion run in row order, so the outcome is plain Lloyd's, bit for bit. The per-row state is kept in
// row-tree order too, so a block of rows reads memory in sequence.
import { buildKdTree, expandToPoint, leafOfPoints, type KdTree } from './kdTree.js';
import { assignSorted, sortLeaves } from './lloydSorted.js';
import { assignRows } from './lloydTreeSearch.js';
import { recount, reseedEmpty } from './lloyd.js';

/** Centres per leaf of the centre tree. */
const CENTRE_LEAF = 2;
/** Rebuild the centre tree (rather than grow its boxes) once this share of the centres moved since it was built. */
const REBUILD_SHARE = 0.125;

export interface TreeLloydState {
  readonly rows: Float32Array;
  readonly dim: number;
  readonly n: number;
  readonly k: number;
  readonly fixed: number;
  readonly cents: Float32Array;
  /** Each row's centre and exact squared distance to it, in row order (what the driver and sums read). */
  readonly assignment: Uint32Array;
  readonly dist: Float64Array;
  readonly sizes: Uint32Array;
  /** Per-centre sums of the rows assigned to it (float64, row order). */
  readonly sums: Float64Array;
  /** k-d tree over the rows (from the seeding). */
  readonly rowTree: KdTree;
  /** assignment and dist in row-tree order: the copies the searches read. */
  readonly treeAssignment: Uint32Array;
  readonly treeDist: Float64Array;
  /** Centres as the rows were last assigned to them (a centre differing from it has moved). */
  readonly assignedAt: Float32Array;
  /** 1 for a cluster whose rows changed since its centre was last set to their mean. */
  readonly dirty: Uint8Array;
  readonly moved: Uint8Array;
  readonly movedList: Uint32Array;
  /** Candidate centres of the current block: index, coordinates (copied: they are reread per row), moved flag. */
  readonly candidates: Uint32Array;
  readonly candidateAt: Float32Array;
  readonly candidateMoved: Uint8Array;
  /** Lower bound on the candidate's distance to any row of the block (its distance to the block's box). */
  readonly candidateBound: Float64Array;
  /** Candidates of the current group of blocks (the search's result, before each block keeps its own). */
  readonly groupCandidates: Uint32Array;
  readonly groupAt: Float32Array;
  readonly groupMoved: Uint8Array;
  /** 1 for a row (tree order) whose centre moved away from it in the running step. */
  readonly away: Uint8Array;
  /** Scratch for tree descents (depth-first, two entries per level at most). */
  readonly stack: Int32Array;
  /** Sparse steps: each row's best centre so far (tree order), and the rows whose centre moved away. */
  readonly next: Uint32Array;
  readonly queue: Uint32Array;
  /** Rows of length 1: centre indices sorted by value (null until the first step) and their values. */
  order: Uint32Array | null;
  readonly sortedAt: Float64Array;
  centreTree: KdTree;
  /** Each centre's leaf and position in the centre tree. */
  centreLeaf: Uint32Array;
  centrePos: Uint32Array;
  /** Centres moved since the centre tree was built (its boxes were grown for them, so it is looser). */
  loosened: number;
}

export function createTreeLloydState(
  rows: Float32Array,
  dim: number,
  cents: Float32Array,
  fixed: number,
  assignment: Uint32Array,
  dist: Float64Array,
  rowTree: KdTree,
): TreeLloydState {
  const n = rows.length / dim;
  const k = cents.length / dim;
  const s: TreeLloydState = {
    rows,
    dim,
    n,
    k,
    fixed,
    cents,
    assignment,
    dist,
    sizes: new Uint32Array(k),
    sums: new Float64Array(k * dim),
    rowTree,
    treeAssignment: new Uint32Array(n),
    treeDist: new Float64Array(n),
    assignedAt: cents.slice(),
    dirty: new Uint8Array(k).fill(1), // seeds are rows, not yet means
    moved: new Uint8Array(k),
    movedList: new Uint32Array(k),
    candidates: new Uint32Array(k),
    candidateAt: new Float32Array(k * dim),
    candidateMoved: new Uint8Array(k),
    candidateBound: new Float64Array(k),
    groupCandidates: new Uint32Array(k),
    groupAt: new Float32Array(k * dim),
    groupMoved: new Uint8Array(k),
    away: new Uint8Array(n),
    stack: new Int32Array(128),
    next: new Uint32Array(n),
    queue: new Uint32Array(n),
    order: null,
    sortedAt: new Float64Array(dim === 1 ? k : 0),
    centreTree: rowTree, // replaced just below (rows of length 1 need no centre tree)
    centreLeaf: new Uint32Array(0),
    centrePos: new Uint32Array(0),
    loosened: 0,
  };
  if (dim === 1) sortLeaves(rowTree);
  else buildCentreTree(s);
  toTreeOrder(s);
  return s;
}

/** One step, as lloyd.ts's lloydStep: centres to their means, rows to their nearest centre. */
export function treeLloydStep(s: TreeLloydState): { distortion: number; changed: number } {
  const { dim, n, k, fixed, cents, dist, sizes, sums, dirty, moved, movedList, assignedAt } = s;
  let nMoved = 0;
  for (let j = fixed; j < k; j++) {
    if (dirty[j] === 0 || sizes[j] === 0) continue;
    dirty[j] = 0;
    const cb = j * dim;
    let differs = false;
    for (let t = 0; t < dim; t++) {
      cents[cb + t] = sums[cb + t] / sizes[j];
      if (cents[cb + t] !== assignedAt[cb + t]) differs = true;
    }
    if (differs) {
      moved[j] = 1;
      movedList[nMoved++] = j;
    }
  }
  let changed = 0;
  if (nMoved > 0 && dim === 1) {
    changed = assignSorted(s);
    for (let m = 0; m < nMoved; m++) {
      const j = movedList[m];
      moved[j] = 0;
      assignedAt[j] = cents[j];
    }
  } else if (nMoved > 0) {
    markMoved(s, nMoved);
    changed = assignRows(s, nMoved, refreshMoved(s));
    countMoved(s, nMoved, -1);
    for (let m = 0; m < nMoved; m++) {
      const j = movedList[m];
      moved[j] = 0;
      assignedAt.set(cents.subarray(j * dim, (j + 1) * dim), j * dim);
    }
  }
  if (changed > 0) sumDirty(s);
  let distortion = 0;
  for (let i = 0; i < n; i++) distortion += dist[i];
  return { distortion, changed };
}

/** Re-seeds empty clusters (lloyd.ts's rule) and returns the distortion; a re-seeded centre counts as moved. */
export function treeSettle(s: TreeLloydState, distortion: number): number {
  if (!reseedEmpty(s)) return distortion;
  s.dirty.fill(1);
  toTreeOrder(s);
  return recount(s);
}

/**
 * New distances for the rows on moved centres, marking those whose centre moved away from them; per row-tree
 * node, the reach and the count of such rows (the seeding's slots, free now).
 */
function refreshMoved(s: TreeLloydState): number {
  const { dim, cents, dist, moved, rowTree, treeAssignment, treeDist, away, queue } = s;
  let queued = 0;
  const { perm, pts, start, end, firstLeaf, nodes, node, stride } = rowTree;
  const REACH = 2 * dim,
    AWAY = REACH + 1;
  for (let v = firstLeaf; v < nodes; v++) {
    let reach = 0;
    let awayRows = 0;
    for (let p = start[v]; p < end[v]; p++) {
      const a = treeAssignment[p];
      away[p] = 0;
      if (moved[a] === 1) {
        let d = 0;
        for (let t = 0, pb = p * dim, cb = a * dim; t < dim; t++) {
          const diff = pts[pb + t] - cents[cb + t];
          d += diff * diff;
        }
        if (d > treeDist[p]) {
          away[p] = 1;
          awayRows++;
          queue[queued++] = p;
        }
        treeDist[p] = d;
        dist[perm[p]] = d;
      }
      if (treeDist[p] > reach) reach = treeDist[p];
    }
    node[v * stride + REACH] = reach;
    node[v * stride + AWAY] = awayRows;
  }
  for (let v = firstLeaf - 1; v >= 0; v--) {
    const nb = v * stride,
      lb = (2 * v + 1) * stride,
      rb = lb + stride;
    node[nb + REACH] = Math.max(node[lb + REACH], node[rb + REACH]);
    node[nb + AWAY] = node[lb + AWAY] + node[rb + AWAY];
  }
  return queued;
}

/** Puts the moved centres' new coordinates in the centre tree (growing boxes, or rebuilding) and counts them. */
function markMoved(s: TreeLloydState, nMoved: number): void {
  const { dim, k, cents, movedList } = s;
  s.loosened += nMoved;
  if (s.loosened > REBUILD_SHARE * k) buildCentreTree(s);
  else {
    const tree = s.centreTree;
    for (let m = 0; m < nMoved; m++) {
      const j = movedList[m];
      tree.pts.set(cents.subarray(j * dim, (j + 1) * dim), s.centrePos[j] * dim);
      expandToPoint(tree, s.centreLeaf[j], cents, j * dim);
    }
  }
  countMoved(s, nMoved, 1);
}

/** Adds `delta` to the moved-count slot of every centre-tree node above each moved centre. */
function countMoved(s: TreeLloydState, nMoved: number, delta: number): void {
  const { node, stride } = s.centreTree;
  const slot = 2 * s.dim;
  for (let m = 0; m < nMoved; m++) {
    for (let v = s.centreLeaf[s.movedList[m]]; ; v = (v - 1) >> 1) {
      node[v * stride + slot] += delta;
      if (v === 0) break;
    }
  }
}

function buildCentreTree(s: TreeLloydState): void {
  const tree = buildKdTree(s.cents, s.dim, s.k, CENTRE_LEAF, 1);
  s.centreTree = tree;
  s.centreLeaf = leafOfPoints(tree);
  const pos = new Uint32Array(s.k);
  for (let p = 0; p < s.k; p++) pos[tree.perm[p]] = p;
  s.centrePos = pos;
  s.loosened = 0;
}

/** Refreshes the tree-order copies from assignment and dist. */
function toTreeOrder(s: TreeLloydState): void {
  const { perm } = s.rowTree;
  for (let p = 0; p < s.n; p++) {
    s.treeAssignment[p] = s.assignment[perm[p]];
    s.treeDist[p] = s.dist[perm[p]];
  }
}

/** Sums of the dirty clusters from scratch, in row order (clean clusters kept their rows, so their sums stand). */
function sumDirty(s: TreeLloydState): void {
  const { rows, dim, n, k, assignment, dirty, sums } = s;
  for (let j = 0; j < k; j++) if (dirty[j] === 1) sums.fill(0, j * dim, (j + 1) * dim);
  for (let i = 0, rb = 0; i < n; i++, rb += dim) {
    const a = assignment[i];
    if (dirty[a] === 0) continue;
    for (let t = 0; t < dim; t++) sums[a * dim + t] += rows[rb + t];
  }
}
