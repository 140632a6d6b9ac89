// Huffman code lengths for a frequency table: the real variable-length index code whose average length the
// entropy only bounds from below. Only lengths are needed to count bits (a canonical code can be rebuilt from
// them), so no tree of objects is built: two sorted queues (leaves by frequency, merged nodes in creation
// order, which is already sorted) and a parent array.
//
// Determinism: leaves are ordered by (frequency, symbol); on equal weight a leaf is taken before a merged node
// (which also gives the least length variance among optimal codes). Same table -> same lengths.

/**
 * Code length in bits of every symbol. Symbols of frequency 0 get 0 (no codeword: never emitted); a single
 * used symbol also gets 0 (nothing needs to be stored to name it, like a fixed-length code for K = 1).
 */
export function huffmanCodeLengths(freqs: ArrayLike<number>): Uint32Array {
  const lengths = new Uint32Array(freqs.length);
  const leaves: number[] = [];
  for (let s = 0; s < freqs.length; s++) {
    const f = freqs[s];
    if (!(f >= 0) || !Number.isFinite(f)) throw new Error(`huffman: frequency of symbol ${s} must be finite and >= 0, got ${f}`);
    if (f > 0) leaves.push(s);
  }
  const m = leaves.length;
  if (m < 2) return lengths;
  leaves.sort((a, b) => freqs[a] - freqs[b] || a - b);

  // Nodes 0..m-1 are the sorted leaves, m..2m-2 the merged nodes in creation order.
  const weight = new Float64Array(2 * m - 1);
  const parent = new Int32Array(2 * m - 1).fill(-1);
  for (let t = 0; t < m; t++) weight[t] = freqs[leaves[t]];
  let nextLeaf = 0;
  let nextMerged = m;
  const take = (created: number): number => {
    const leafFirst = nextLeaf < m && (nextMerged >= created || weight[nextLeaf] <= weight[nextMerged]);
    return leafFirst ? nextLeaf++ : nextMerged++;
  };
  for (let created = m; created < 2 * m - 1; created++) {
    const a = take(created);
    const b = take(created);
    weight[created] = weight[a] + weight[b];
    parent[a] = created;
    parent[b] = created;
  }
  // Depths top-down: a node's parent was created after it, so walking down from the root sees parents first.
  const depth = new Uint32Array(2 * m - 1);
  for (let node = 2 * m - 3; node >= 0; node--) depth[node] = depth[parent[node]] + 1;
  for (let t = 0; t < m; t++) lengths[leaves[t]] = depth[t];
  return lengths;
}
