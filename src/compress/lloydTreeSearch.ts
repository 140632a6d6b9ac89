// The searches of a lloydTree.ts step: which centre is now nearest each row that may have changed.
//
// Block pass (most steps): the row tree is cut into blocks of ~20 rows. For a group of blocks, one search of
// the centre tree collects the centres within the group's reach (its rows' largest distance to their centre)
// of its box: no other centre can be nearer any of its rows. Only moved centres are wanted unless a row's
// own centre moved away, and centre-tree nodes count their moved centres, so that search skips every subtree
// without one. Each block keeps the candidates within its own reach, with their distance to its box, which
// is a bound that saves most row-candidate distances.
//
// Sparse pass (few centres moved, or 5+ dimensions where blocks find too many candidates): the other way
// round. Each moved centre visits the row tree and takes the rows it is nearer than their best; each row
// whose centre moved away searches the centre tree alone.
//
// Both prune on kdTree.ts's exact bounds, and ties are decided as in lloyd.ts: keep the current centre, else
// the lowest index (candidates come in tree order, so the rule is spelled out).
import { boxBoxDist2, boxDist2, levelFor } from './kdTree.js';
import type { TreeLloydState } from './lloydTree.js';

/** Above this share of centres moved, every group is searched without first testing for moved centres near. */
const DENSE_SHARE = 0.25;
/** Rows per block, about: the unit that keeps its own candidates. */
const BLOCK_ROWS = 20;
/** Rows under one centre search, about (a group of blocks shares the search's path). */
const GROUP_ROWS = 160;
/**
 * At most this share of centres moved, the sparse pass runs. It wins late in a run, and in 5+ dimensions,
 * where a block's search finds too many candidates.
 */
const sparseShare = (dim: number): number => (dim <= 3 ? 0.1 : 0.5);

/**
 * Every row whose nearest centre may have changed gets it; returns the rows that changed centre. Needs
 * refreshMoved's work: the row tree's reach (its rows' largest distance) and away count per node, and the
 * queue of rows whose centre moved away. A walk down the row tree skips every subtree with no moved centre
 * within reach (unless most centres moved: then the test would nearly always pass).
 */
export function assignRows(s: TreeLloydState, nMoved: number, awayRows: number): number {
  if (nMoved <= sparseShare(s.dim) * s.k) return assignSparse(s, nMoved, awayRows);
  const dense = nMoved > DENSE_SHARE * s.k;
  const { node, stride } = s.rowTree;
  const blockFirst = levelFor(s.rowTree, BLOCK_ROWS);
  const groupFirst = levelFor(s.rowTree, GROUP_ROWS);
  const REACH = 2 * s.dim,
    AWAY = REACH + 1;
  const walk = (v: number): number => {
    const nb = v * stride;
    const reach = node[nb + REACH],
      away = node[nb + AWAY] > 0;
    if (!dense && !away && !movedWithin(s, nb, reach)) return 0;
    if (v < groupFirst) return walk(2 * v + 1) + walk(2 * v + 2);
    // One centre search for the group, then each of its blocks keeps the candidates within its own reach.
    const found = collect(s, v, reach, away);
    if (found === 0) return 0;
    let first = v,
      count = 1;
    for (; first < blockFirst; count *= 2) first = 2 * first + 1;
    let changed = 0;
    for (let b = first; b < first + count; b++) changed += assignBlock(s, b, found);
    return changed;
  };
  return walk(0);
}

/**
 * The step when few centres moved: each moved centre visits the row tree, skipping boxes farther from it than
 * their reach, and takes the rows it is nearer than their best so far; then each row whose own centre moved
 * away searches the whole centre tree. Changes are applied at the end (ties are judged against the centre a
 * row had at the start of the step).
 */
/** Moves tree-order row p from centre `from` to `to`: both copies of its assignment, the sizes, the dirty marks. */
export function moveRow(s: TreeLloydState, p: number, from: number, to: number): void {
  s.treeAssignment[p] = to;
  s.assignment[s.rowTree.perm[p]] = to;
  s.sizes[from]--;
  s.sizes[to]++;
  s.dirty[from] = 1;
  s.dirty[to] = 1;
}

function assignSparse(s: TreeLloydState, nMoved: number, awayRows: number): number {
  const { dim, dist, movedList, rowTree, treeAssignment, treeDist, next, queue } = s;
  const { perm, pts, n } = rowTree;
  next.set(treeAssignment);
  for (let m = 0; m < nMoved; m++) sweep(s, 0, movedList[m]);
  for (let q = 0; q < awayRows; q++) nearestCentre(s, queue[q], pts, queue[q] * dim);
  let changed = 0;
  for (let p = 0; p < n; p++) {
    const a = treeAssignment[p],
      b = next[p];
    if (a === b) continue;
    dist[perm[p]] = treeDist[p];
    moveRow(s, p, a, b);
    changed++;
  }
  return changed;
}

/** Moved centre j takes every row under row-tree node v that it is nearer than the row's best so far. */
function sweep(s: TreeLloydState, v: number, j: number): void {
  const { dim, cents, treeAssignment, treeDist, next } = s;
  const { node, stride, firstLeaf, pts, start, end } = s.rowTree;
  const nb = v * stride;
  if (boxDist2(node, nb, dim, cents, j * dim) > node[nb + 2 * dim]) return; // beyond the reach
  if (v < firstLeaf) {
    sweep(s, 2 * v + 1, j);
    sweep(s, 2 * v + 2, j);
    return;
  }
  for (let p = start[v], pb = p * dim; p < end[v]; p++, pb += dim) {
    let d = 0;
    for (let t = 0, cb = j * dim; t < dim; t++) {
      const diff = pts[pb + t] - cents[cb + t];
      d += diff * diff;
    }
    if (d < treeDist[p] || (d === treeDist[p] && next[p] !== treeAssignment[p] && j < next[p])) {
      treeDist[p] = d;
      next[p] = j;
    }
  }
}

/**
 * Row at tree position p (coordinates x[xb ..]) to its nearest centre, from its best so far: a depth-first
 * descent of the centre tree, nearer child first, skipping boxes farther than the best distance.
 */
function nearestCentre(s: TreeLloydState, p: number, x: Float32Array, xb: number): void {
  const { dim, treeAssignment, treeDist, next, stack } = s;
  const { node, stride, firstLeaf, start, end, perm, pts } = s.centreTree;
  const current = treeAssignment[p];
  let best = treeDist[p];
  let bestJ = next[p];
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const c = stack[--top];
    if (boxDist2(node, c * stride, dim, x, xb) > best) continue;
    if (c < firstLeaf) {
      const l = 2 * c + 1;
      if (boxDist2(node, l * stride, dim, x, xb) <= boxDist2(node, (l + 1) * stride, dim, x, xb)) {
        stack[top++] = l + 1;
        stack[top++] = l;
      } else {
        stack[top++] = l;
        stack[top++] = l + 1;
      }
      continue;
    }
    for (let q = start[c]; q < end[c]; q++) {
      let d = 0;
      for (let t = 0, qb = q * dim; t < dim && d <= best; t++) {
        const diff = x[xb + t] - pts[qb + t];
        d += diff * diff;
      }
      const j = perm[q];
      if (d < best || (d === best && bestJ !== current && j < bestJ)) {
        best = d;
        bestJ = j;
      }
    }
  }
  treeDist[p] = best;
  next[p] = bestJ;
}

/** Whether some centre-tree leaf with a moved centre has its box within `reach` of the row-tree box at nb. */
function movedWithin(s: TreeLloydState, nb: number, reach: number): boolean {
  const { dim, stack } = s;
  const rowNode = s.rowTree.node;
  const { node, stride, firstLeaf } = s.centreTree;
  const COUNT = 2 * dim;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const c = stack[--top];
    const cb = c * stride;
    if (node[cb + COUNT] === 0 || boxBoxDist2(rowNode, nb, node, cb, dim) > reach) continue;
    if (c >= firstLeaf) return true;
    stack[top++] = 2 * c + 2;
    stack[top++] = 2 * c + 1;
  }
  return false;
}

/**
 * The rows of block v (a row-tree node) to their nearest centre, from the group's `found` candidates: those
 * within the block's reach of its box, only moved ones unless a row's centre moved away from it.
 */
function assignBlock(s: TreeLloydState, v: number, found: number): number {
  const { dim, dist, rowTree, treeAssignment, treeDist, away, candidates, candidateAt, candidateMoved, candidateBound } = s;
  const { perm, pts, start, end, node: rowNode, stride: rowStride } = rowTree;
  const { groupCandidates, groupAt, groupMoved } = s;
  // The group's candidates within this block's reach, with their distance to its box (a bound for each row).
  const rb = v * rowStride;
  const reach = rowNode[rb + 2 * dim],
    anyAway = rowNode[rb + 2 * dim + 1] > 0;
  let nc = 0;
  for (let c = 0; c < found; c++) {
    if (!anyAway && groupMoved[c] === 0) continue;
    const lb = boxDist2(rowNode, rb, dim, groupAt, c * dim);
    if (lb > reach) continue;
    candidates[nc] = groupCandidates[c];
    candidateMoved[nc] = groupMoved[c];
    candidateBound[nc] = lb;
    for (let t = 0; t < dim; t++) candidateAt[nc * dim + t] = groupAt[c * dim + t];
    nc++;
  }
  let changed = 0;
  for (let p = start[v]; p < end[v]; p++) {
    const a = treeAssignment[p];
    const all = away[p] === 1;
    let best = treeDist[p];
    let bestJ = a;
    const pb = p * dim;
    for (let c = 0, cb = 0; c < nc; c++, cb += dim) {
      if ((!all && candidateMoved[c] === 0) || candidateBound[c] > best) continue;
      let d: number;
      if (dim === 3) {
        const x = pts[pb] - candidateAt[cb],
          y = pts[pb + 1] - candidateAt[cb + 1],
          z = pts[pb + 2] - candidateAt[cb + 2];
        d = x * x + y * y + z * z;
      } else if (dim === 1) {
        const x = pts[pb] - candidateAt[cb];
        d = x * x;
      } else {
        // Partial sums only grow (non-negative terms, monotone rounding): past `best`, this centre cannot win.
        d = 0;
        for (let t = 0; t < dim && d <= best; t++) {
          const diff = pts[pb + t] - candidateAt[cb + t];
          d += diff * diff;
        }
      }
      if (d > best) continue;
      // Candidates come in tree order, not index order, so the lowest-index tie rule is spelled out.
      const j = candidates[c];
      if (d < best || (bestJ !== a && j < bestJ)) {
        best = d;
        bestJ = j;
      }
    }
    if (bestJ === a) continue;
    treeDist[p] = best;
    dist[perm[p]] = best;
    moveRow(s, p, a, bestJ);
    changed++;
  }
  return changed;
}

/**
 * The group's search: the centres within `reach` of row-tree node v's box, only moved ones unless a row under
 * v had its centre move away. Returns how many; index, coordinates and moved flag go to the group arrays.
 */
function collect(s: TreeLloydState, v: number, reach: number, anyAway: boolean): number {
  const { dim, moved, rowTree, stack, groupCandidates, groupAt, groupMoved } = s;
  const { node: rowNode, stride: rowStride } = rowTree;
  const { node, stride, firstLeaf, start: cStart, end: cEnd, perm: cPerm, pts: cPts } = s.centreTree;
  const COUNT = 2 * dim;
  const rb = v * rowStride;
  let nc = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const c = stack[--top];
    const cb = c * stride;
    if (!anyAway && node[cb + COUNT] === 0) continue;
    if (dim === 3) {
      // boxBoxDist2 unrolled (same arithmetic): this test is most of the search.
      let g0 = rowNode[rb] - node[cb + 1];
      if (g0 <= 0) g0 = node[cb] - rowNode[rb + 1];
      let g1 = rowNode[rb + 2] - node[cb + 3];
      if (g1 <= 0) g1 = node[cb + 2] - rowNode[rb + 3];
      let g2 = rowNode[rb + 4] - node[cb + 5];
      if (g2 <= 0) g2 = node[cb + 4] - rowNode[rb + 5];
      let d = 0;
      if (g0 > 0) d += g0 * g0;
      if (g1 > 0) d += g1 * g1;
      if (g2 > 0) d += g2 * g2;
      if (d > reach) continue;
    } else if (boxBoxDist2(rowNode, rb, node, cb, dim) > reach) continue;
    if (c < firstLeaf) {
      stack[top++] = 2 * c + 2;
      stack[top++] = 2 * c + 1;
      continue;
    }
    for (let q = cStart[c]; q < cEnd[c]; q++) {
      const j = cPerm[q];
      if (!anyAway && moved[j] === 0) continue;
      if (boxDist2(rowNode, rb, dim, cPts, q * dim) > reach) continue;
      groupCandidates[nc] = j;
      groupMoved[nc] = moved[j];
      for (let t = 0; t < dim; t++) groupAt[nc * dim + t] = cPts[q * dim + t];
      nc++;
    }
  }
  return nc;
}
