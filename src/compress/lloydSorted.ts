// Lloyd assignment for rows of length 1 (1x1 filters): rows and centres both sorted, walked together. No
// search structure is needed: a row's nearest centres sit next to its place among the sorted centres.
import type { KdTree } from './kdTree.js';
import type { TreeLloydState } from './lloydTree.js';
import { moveRow } from './lloydTreeSearch.js';

/**
 * Rows of length 1: the rows (sorted) walk the centres (sorted by value, then index) together. A row's nearest
 * centres are next to its place among the centres, and the computed distance only grows away from it (rounding
 * is monotone), so each side is scanned until the distance exceeds the best: ties included, a few per row.
 */
export function assignSorted(s: TreeLloydState): number {
  const { k, cents, dist, rowTree, treeAssignment, treeDist } = s;
  const { perm, pts, n } = rowTree;
  const order = sortCentres(s);
  const at = s.sortedAt;
  let changed = 0;
  let q = 0; // first centre above the row
  for (let p = 0; p < n; p++) {
    const x = pts[p];
    const a = treeAssignment[p];
    let best = (x - cents[a]) * (x - cents[a]);
    let bestJ = a;
    while (q < k && at[q] <= x) q++;
    while (q > 0 && at[q - 1] > x) q--; // (rows are sorted, so this never runs; it keeps the walk right regardless)
    for (let t = q - 1; t >= 0; t--) {
      const d = (x - at[t]) * (x - at[t]);
      if (d > best) break;
      const j = order[t];
      if (d < best || (bestJ !== a && j < bestJ)) {
        best = d;
        bestJ = j;
      }
    }
    for (let t = q; t < k; t++) {
      const d = (x - at[t]) * (x - at[t]);
      if (d > best) break;
      const j = order[t];
      if (d < best || (bestJ !== a && j < bestJ)) {
        best = d;
        bestJ = j;
      }
    }
    if (best !== treeDist[p]) {
      treeDist[p] = best;
      dist[perm[p]] = best;
    }
    if (bestJ === a) continue;
    moveRow(s, p, a, bestJ);
    changed++;
  }
  return changed;
}

/**
 * Centre indices by (value, index), and their values in that order. The first call sorts; later ones repair
 * the last order by insertion (centres move little between steps, so it is nearly sorted).
 */
function sortCentres(s: TreeLloydState): Uint32Array {
  const { k, cents, sortedAt: at } = s;
  let order = s.order;
  if (order === null) {
    order = Uint32Array.from(Array.from({ length: k }, (_, j) => j).sort((p, q) => cents[p] - cents[q] || p - q));
    s.order = order;
  } else {
    for (let t = 1; t < k; t++) {
      const j = order[t],
        x = cents[j];
      let u = t - 1;
      while (u >= 0 && (cents[order[u]] > x || (cents[order[u]] === x && order[u] > j))) {
        order[u + 1] = order[u];
        u--;
      }
      order[u + 1] = j;
    }
  }
  for (let t = 0; t < k; t++) at[t] = cents[order[t]];
  return order;
}

/** Sorts each leaf's rows (rows of length 1): leaves are already in order, so the whole tree order is sorted. */
export function sortLeaves(tree: KdTree): void {
  const { perm, pts, start, end, firstLeaf, nodes } = tree;
  for (let v = firstLeaf; v < nodes; v++) {
    for (let p = start[v] + 1; p < end[v]; p++) {
      const x = pts[p],
        i = perm[p];
      let u = p - 1;
      while (u >= start[v] && pts[u] > x) {
        pts[u + 1] = pts[u];
        perm[u + 1] = perm[u];
        u--;
      }
      pts[u + 1] = x;
      perm[u + 1] = i;
    }
  }
}
