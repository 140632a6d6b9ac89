// One row-stationary mapping of a layer (Chen et al., ISCA'16; see shared/reference/eyeriss.md).
//
// A processing pass runs g x r x t logical PE sets of R x e PEs: each set convolves e ofmap rows of one
// group; r sets on different channel slices chain their psums vertically, t sets on different filter
// slices share ifmaps by multicast. Inside each PE, p filters x q channels are interleaved over n images.
// Around the pass, two levels of temporal loops walk the layer: the GLB level iterates pass tiles inside
// one GLB tile (glbFactor pass tiles per dimension), the DRAM level iterates GLB tiles. Loop orders are
// listed outermost first; the group loop G is always outermost at both levels because every data type
// depends on it, so no order can reuse anything across groups.

export const TILED_DIMS = ['N', 'M', 'C', 'E'] as const;
export type TiledDim = (typeof TILED_DIMS)[number];
export type LoopDim = TiledDim | 'G';

export interface RsMapping {
  /** Ofmap rows per PE set (the set is R x e PEs). */
  readonly e: number;
  /** Channel-slice replicas of the set; their psums add up along the PE column. */
  readonly r: number;
  /** Filter-slice replicas of the set; they share ifmap rows by multicast. */
  readonly t: number;
  /** Group replicas (independent groups of a grouped or depthwise conv side by side). */
  readonly g: number;
  /** Filters interleaved in one PE. */
  readonly p: number;
  /** Channels interleaved in one PE. */
  readonly q: number;
  /** Images per pass. */
  readonly n: number;
  /** Pass tiles per GLB tile along each dimension. */
  readonly glbFactor: { readonly [D in LoopDim]: number };
  /** DRAM-level loops over GLB tiles, outermost first (G is outside all of them). */
  readonly dramOrder: readonly TiledDim[];
  /** GLB-level loops over pass tiles, outermost first (G is outside all of them). */
  readonly glbOrder: readonly TiledDim[];
}

/** Size of the whole dimension, per group for M and C. */
export interface DimSizes {
  readonly G: number;
  readonly N: number;
  readonly M: number;
  readonly C: number;
  readonly E: number;
}

export function passTile(m: RsMapping): DimSizes {
  return { G: m.g, N: m.n, M: m.p * m.t, C: m.q * m.r, E: m.e };
}

export function describeMapping(m: RsMapping): string {
  const f = m.glbFactor;
  return (
    `e${m.e} r${m.r} t${m.t} g${m.g} p${m.p} q${m.q} n${m.n}` +
    ` | GLB x${f.N}N x${f.M}M x${f.C}C x${f.E}E x${f.G}G` +
    ` | order DRAM ${m.dramOrder.join('')} GLB ${m.glbOrder.join('')}`
  );
}
