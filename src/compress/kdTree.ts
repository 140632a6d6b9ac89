// A static k-d tree over short points (filter rows: 1..11 values) for the two searches that let k-means scale
// with k: k-means++ seeding ("which rows can a new centre take?") and Lloyd's assignment ("which centres can
// be nearest these rows?"), each a descent that skips every box farther away than the answer can be.
//
// Layout: an implicit complete binary tree (node v has children 2v+1 and 2v+2, all leaves at one depth, each
// a contiguous slice of the points, which are kept in tree order), so any level can serve as a search's
// leaves; and one flat record per node holding its box and the caller's per-node values, so a node visit reads
// one record (64 bytes for rows of 3 with two slots) rather than one entry per array. Splits at the median of
// the widest side of a node's cell.
//
// Exactness: boxDist2 is at most the squared distance rowDistance.ts computes from the query to any point in
// the box, bit for bit and not just in real arithmetic: each term |q_t - side_t| is at most |q_t - x_t|, and
// rounding, squaring and adding non-negative terms in the same order are monotone. So a search may prune a box
// whose bound exceeds its best distance with no slack and still see every exact tie.

export interface KdTree {
  readonly dim: number;
  /** Points indexed. */
  readonly n: number;
  /** Internal nodes are [0, firstLeaf), leaves [firstLeaf, nodes). */
  readonly firstLeaf: number;
  readonly nodes: number;
  /** Point index at each tree position; node v holds positions start[v] .. end[v] - 1. */
  readonly perm: Uint32Array;
  /** The points in tree order (a copy: position p at [p * dim, (p + 1) * dim)). */
  readonly pts: Float32Array;
  readonly start: Uint32Array;
  readonly end: Uint32Array;
  /** Node records of `stride` values: (lo, hi) per coordinate (the box), then the caller's slots. */
  readonly node: Float64Array;
  readonly stride: number;
}

/** Indexes points 0..n-1 (point i at [i * dim, (i + 1) * dim)); leaves hold at most leafSize (>= 2) points. */
export function buildKdTree(points: Float32Array, dim: number, n: number, leafSize: number, slots: number): KdTree {
  let depth = 0;
  while (Math.ceil(n / 2 ** depth) > leafSize) depth++;
  const firstLeaf = 2 ** depth - 1;
  const nodes = 2 * firstLeaf + 1;
  const stride = 2 * dim + slots;
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const pts = points.slice(0, n * dim); // partitioned along with perm: reads stay sequential
  const start = new Uint32Array(nodes);
  const end = new Uint32Array(nodes);
  const node = new Float64Array(nodes * stride);
  end[0] = n;
  // Top down, each node is split at the median of the widest side of its cell (the parent's box cut at the
  // parent's split: a cheap stand-in for its own box); then the exact boxes bottom up, leaves from their points.
  const cell = new Float64Array(firstLeaf * 4 * dim + 2 * dim);
  for (let t = 0; t < dim; t++) {
    let lo = Infinity,
      hi = -Infinity;
    for (let p = t; p < n * dim; p += dim) {
      if (pts[p] < lo) lo = pts[p];
      if (pts[p] > hi) hi = pts[p];
    }
    cell[2 * t] = lo;
    cell[2 * t + 1] = hi;
  }
  for (let v = 0; v < firstLeaf; v++) {
    const s = start[v],
      e = end[v],
      cb = v * 2 * dim;
    let axis = 0;
    for (let t = 1; t < dim; t++) if (cell[cb + 2 * t + 1] - cell[cb + 2 * t] > cell[cb + 2 * axis + 1] - cell[cb + 2 * axis]) axis = t;
    const mid = s + ((e - s) >>> 1);
    select(pts, perm, dim, axis, s, e, mid);
    const l = 2 * v + 1,
      split = pts[mid * dim + axis];
    start[l] = s;
    end[l] = mid;
    start[l + 1] = mid;
    end[l + 1] = e;
    cell.copyWithin(l * 2 * dim, cb, cb + 2 * dim);
    cell.copyWithin((l + 1) * 2 * dim, cb, cb + 2 * dim);
    cell[l * 2 * dim + 2 * axis + 1] = split;
    cell[(l + 1) * 2 * dim + 2 * axis] = split;
  }
  for (let v = nodes - 1; v >= 0; v--) {
    const nb = v * stride;
    if (v >= firstLeaf) {
      for (let t = 0; t < dim; t++) {
        let lo = Infinity,
          hi = -Infinity;
        for (let p = start[v] * dim + t; p < end[v] * dim; p += dim) {
          if (pts[p] < lo) lo = pts[p];
          if (pts[p] > hi) hi = pts[p];
        }
        node[nb + 2 * t] = lo;
        node[nb + 2 * t + 1] = hi;
      }
      continue;
    }
    const lb = (2 * v + 1) * stride,
      rb = lb + stride;
    for (let t = 0; t < 2 * dim; t += 2) {
      node[nb + t] = Math.min(node[lb + t], node[rb + t]);
      node[nb + t + 1] = Math.max(node[lb + t + 1], node[rb + t + 1]);
    }
  }
  return { dim, n, firstLeaf, nodes, perm, pts, start, end, node, stride };
}

/** Lower bound on the squared distance from q[qb .. qb + dim) to every point in the box at node[nb ..] (see the header). */
export function boxDist2(node: Float64Array, nb: number, dim: number, q: Float32Array, qb: number): number {
  let d = 0;
  for (let t = 0; t < dim; t++, nb += 2) {
    const x = q[qb + t];
    if (x < node[nb]) {
      const g = x - node[nb];
      d += g * g;
    } else if (x > node[nb + 1]) {
      const g = x - node[nb + 1];
      d += g * g;
    }
  }
  return d;
}

/** Lower bound, in the same sense, on the squared distance between any point of box a and any point of box b. */
export function boxBoxDist2(a: Float64Array, ab: number, b: Float64Array, bb: number, dim: number): number {
  let d = 0;
  for (let t = 0; t < 2 * dim; t += 2) {
    let g = a[ab + t] - b[bb + t + 1];
    if (g <= 0) g = b[bb + t] - a[ab + t + 1];
    if (g > 0) d += g * g;
  }
  return d;
}

/**
 * The first node of the deepest level whose nodes hold about `points` points or fewer (the tree's leaves if
 * they already hold more): searches may treat that level as their leaves, a node's points being contiguous.
 */
export function levelFor(tree: KdTree, points: number): number {
  let first = tree.firstLeaf;
  let size = tree.n / (first + 1);
  while (first > 0 && 2 * size <= points) {
    first = (first - 1) >> 1;
    size *= 2;
  }
  return first;
}

/** The leaf holding each point. */
export function leafOfPoints(tree: KdTree): Uint32Array {
  const leaf = new Uint32Array(tree.n);
  for (let v = tree.firstLeaf; v < tree.nodes; v++) for (let p = tree.start[v]; p < tree.end[v]; p++) leaf[tree.perm[p]] = v;
  return leaf;
}

/**
 * Grows the boxes from `leaf` up to the root to contain q[qb .. qb + dim) (a point that moved). Boxes only
 * grow, so the tree stays valid, just looser; it stops at the first box that already contains q (every box
 * contains its children's).
 */
export function expandToPoint(tree: KdTree, leaf: number, q: Float32Array, qb: number): void {
  const { dim, node, stride } = tree;
  for (let v = leaf; ; v = (v - 1) >> 1) {
    let grew = false;
    for (let t = 0, nb = v * stride; t < dim; t++, nb += 2) {
      const x = q[qb + t];
      if (x < node[nb]) {
        node[nb] = x;
        grew = true;
      }
      if (x > node[nb + 1]) {
        node[nb + 1] = x;
        grew = true;
      }
    }
    if (!grew || v === 0) return;
  }
}

/** Reorders positions s .. e-1 (pts rows and perm together) so that position nth holds the nth-smallest on `axis`. */
function select(pts: Float32Array, perm: Uint32Array, dim: number, axis: number, s: number, e: number, nth: number): void {
  let l = s,
    r = e - 1;
  while (r > l) {
    const a = pts[l * dim + axis],
      b = pts[((l + r) >>> 1) * dim + axis],
      c = pts[r * dim + axis];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b; // median of three
    let i = l,
      j = r;
    while (i <= j) {
      while (pts[i * dim + axis] < pivot) i++;
      while (pts[j * dim + axis] > pivot) j--;
      if (i <= j) {
        const tmp = perm[i];
        perm[i] = perm[j];
        perm[j] = tmp;
        for (let t = 0, ib = i * dim, jb = j * dim; t < dim; t++) {
          const x = pts[ib + t];
          pts[ib + t] = pts[jb + t];
          pts[jb + t] = x;
        }
        i++;
        j--;
      }
    }
    if (nth <= j) r = j;
    else if (nth >= i) l = i;
    else return;
  }
}
