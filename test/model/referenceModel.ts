// An independent reference for countAccesses: it walks the loop nest of a mapping event by event (every GLB tile,
// every processing pass) and counts words by the conventions written in src/model/accessCounts.ts and
// src/model/reuse.ts, with the sliding-window geometry done by brute force (no touchedInputs/windowPairs):
// - a buffer re-fetches a tile of type X whenever the indices of the loops from the outermost one down to the
//   innermost ACTIVE loop X depends on change (loops are G at DRAM level, the DRAM loops, G at GLB level, the GLB
//   loops; a loop is active when it iterates more than once somewhere; G is relevant to every type);
// - every MAC reads its ifmap and filter operands and read-modify-writes its psum in the spads;
// - a word delivered to k PEs is k NoC transfers and k spad writes; ifmaps are streamed from their source every
//   pass, only real (non-padding) rows to the PEs whose window uses them;
// - psums hop up a chain of R x (active channel sets) PEs, leave the array every pass, and re-enter at the
//   bottom when accumulation resumes (every pass whose channel tile does not start at channel 0);
// - a bypassed type moves between DRAM and the array directly.
import type { DataType, HardwareSpec } from '../../src/hw/spec.js';
import type { LoopDim, RsMapping } from '../../src/mapping/rsMapping.js';
import type { AccessCounts } from '../../src/model/result.js';
import type { Layer } from '../../src/workload/layer.js';

interface Range {
  readonly start: number;
  readonly size: number;
}

function ranges(start: number, end: number, step: number): Range[] {
  const out: Range[] = [];
  for (let s = start; s < end; s += step) out.push({ start: s, size: Math.min(step, end - s) });
  return out;
}

/** Real input indices read by outputs [o0, o0 + count) through a kernel of `k` (brute force). */
export function realInputs(o0: number, count: number, stride: number, k: number, pad: number, size: number): Set<number> {
  const seen = new Set<number>();
  for (let o = o0; o < o0 + count; o++) {
    for (let i = 0; i < k; i++) {
      const x = o * stride - pad + i;
      if (x >= 0 && x < size) seen.add(x);
    }
  }
  return seen;
}

/** (kernel row, output row) pairs of a strip whose input row is real: the PEs that receive an ifmap row. */
function realPairs(o0: number, count: number, stride: number, k: number, pad: number, size: number): number {
  let pairs = 0;
  for (let o = o0; o < o0 + count; o++) {
    for (let i = 0; i < k; i++) {
      const x = o * stride - pad + i;
      if (x >= 0 && x < size) pairs++;
    }
  }
  return pairs;
}

/**
 * Distinct real ifmap words (n, c, h, w) the layer reads: marks every input some output (n, m, e, f) reads
 * through some (r, s), c ranging over the channels of m's group.
 */
export function distinctIfmapWordsRead(layer: Layer): number {
  const { N, C, M, H, W, R, S, E, F, stride, padding, groups } = layer;
  const cPerGroup = C / groups;
  const mPerGroup = M / groups;
  // The window of an output never depends on m beyond its group, so mark (h, w) per (n, group) from every
  // m of the group, then expand to the group's channels.
  let total = 0;
  for (let n = 0; n < N; n++) {
    for (let grp = 0; grp < groups; grp++) {
      const marked = new Uint8Array(H * W);
      for (let m = grp * mPerGroup; m < (grp + 1) * mPerGroup; m++) {
        for (let e = 0; e < E; e++) {
          for (let f = 0; f < F; f++) {
            for (let r = 0; r < R; r++) {
              const h = e * stride - padding + r;
              if (h < 0 || h >= H) continue;
              for (let s = 0; s < S; s++) {
                const w = f * stride - padding + s;
                if (w >= 0 && w < W) marked[h * W + w] = 1;
              }
            }
          }
        }
      }
      const words = marked.reduce((a, b) => a + b, 0);
      total += words * cPerGroup;
    }
  }
  return total;
}

type Dim = LoopDim;
type Level = 'dram' | 'glb';
interface Loop {
  readonly dim: Dim;
  readonly level: Level;
}

const RELEVANT: { readonly [T in DataType]: ReadonlySet<Dim> } = {
  ifmap: new Set<Dim>(['G', 'N', 'C', 'E']),
  filter: new Set<Dim>(['G', 'M', 'C']),
  psum: new Set<Dim>(['G', 'N', 'M', 'E']),
};

const zero = () => ({ ifmap: 0, filter: 0, psum: 0 });

export function referenceCounts(layer: Layer, hw: HardwareSpec, m: RsMapping): AccessCounts {
  const { R, S, F, stride, padding, H, W } = layer;
  const size: Record<Dim, number> = {
    G: layer.groups,
    N: layer.N,
    M: layer.M / layer.groups,
    C: layer.C / layer.groups,
    E: layer.E,
  };
  const pass: Record<Dim, number> = { G: m.g, N: m.n, M: m.p * m.t, C: m.q * m.r, E: m.e };
  const dims: Dim[] = ['G', 'N', 'M', 'C', 'E'];
  const glbTiles = {} as Record<Dim, Range[]>;
  const passesIn = (d: Dim, tile: Range) => ranges(tile.start, tile.start + tile.size, pass[d]);
  const active = {} as Record<string, boolean>;
  for (const d of dims) {
    glbTiles[d] = ranges(0, size[d], Math.min(size[d], pass[d] * m.glbFactor[d]));
    const passes = glbTiles[d].reduce((a, t) => a + passesIn(d, t).length, 0);
    active[`dram${d}`] = glbTiles[d].length > 1;
    active[`glb${d}`] = passes > glbTiles[d].length;
  }
  const dramLoops: Loop[] = [{ dim: 'G', level: 'dram' }, ...m.dramOrder.map((dim) => ({ dim, level: 'dram' as const }))];
  const arrayLoops: Loop[] = [...dramLoops, { dim: 'G', level: 'glb' }, ...m.glbOrder.map((dim) => ({ dim, level: 'glb' as const }))];
  const prefixOf = (type: DataType, loops: Loop[]): Loop[] => {
    let end = 0;
    loops.forEach((l, i) => {
      if (active[`${l.level}${l.dim}`] && RELEVANT[type].has(l.dim)) end = i + 1;
    });
    return loops.slice(0, end);
  };
  const prefixes = {
    glb: { ifmap: prefixOf('ifmap', dramLoops), filter: prefixOf('filter', dramLoops), psum: prefixOf('psum', dramLoops) },
    array: { filter: prefixOf('filter', arrayLoops) },
  };

  const idx: Record<string, number> = {};
  const glbTile = {} as Record<Dim, Range>;
  const passTile = {} as Record<Dim, Range>;
  const tuple = (loops: Loop[]) => loops.map((l) => idx[`${l.level}${l.dim}`]).join(',');

  const cols = realInputs(0, F, stride, S, padding, W).size;
  const bypass = (t: DataType) => hw.glb.bypass.includes(t);
  type PerType = Record<DataType, number>;
  const mut: {
    macs: number;
    dram: { reads: PerType; writes: PerType };
    glb: { reads: PerType; writes: PerType };
    noc: PerType;
    rf: { reads: PerType; writes: PerType };
  } = {
    macs: 0,
    dram: { reads: zero(), writes: zero() },
    glb: { reads: zero(), writes: zero() },
    noc: zero(),
    rf: { reads: zero(), writes: zero() },
  };

  const last: Record<string, string | undefined> = {};
  const changed = (key: string, loops: Loop[]): boolean => {
    const t = tuple(loops);
    const was = last[key];
    last[key] = t;
    return was !== t;
  };

  // psum residency in the GLB
  let residentPsumWords = 0;
  const psumVisited = new Set<string>();

  const onGlbTile = () => {
    const g = glbTile;
    if (!bypass('ifmap') && changed('glb-ifmap', prefixes.glb.ifmap)) {
      const rows = realInputs(g.E.start, g.E.size, stride, R, padding, H).size;
      const words = g.G.size * g.N.size * g.C.size * rows * cols;
      mut.dram.reads.ifmap += words;
      mut.glb.writes.ifmap += words;
    }
    if (!bypass('filter') && changed('glb-filter', prefixes.glb.filter)) {
      const words = g.G.size * g.M.size * g.C.size * R * S;
      mut.dram.reads.filter += words;
      mut.glb.writes.filter += words;
    }
    if (!bypass('psum') && changed('glb-psum', prefixes.glb.psum)) {
      mut.dram.writes.psum += residentPsumWords;
      mut.glb.reads.psum += residentPsumWords;
      residentPsumWords = g.G.size * g.N.size * g.M.size * g.E.size * F;
      const key = [g.G.start, g.N.start, g.M.start, g.E.start].join(',');
      if (psumVisited.has(key)) {
        mut.dram.reads.psum += residentPsumWords;
        mut.glb.writes.psum += residentPsumWords;
      }
      psumVisited.add(key);
    }
  };

  const onPass = () => {
    const p = passTile;
    const macs = p.G.size * p.N.size * p.M.size * p.C.size * p.E.size * F * R * S;
    mut.macs += macs;
    mut.rf.reads.ifmap += macs;
    mut.rf.reads.filter += macs;
    // ifmap: streamed from its source, multicast to every filter set that has filters this pass
    const rows = realInputs(p.E.start, p.E.size, stride, R, padding, H).size;
    const streamed = p.G.size * p.N.size * p.C.size * rows * cols;
    if (bypass('ifmap')) mut.dram.reads.ifmap += streamed;
    else mut.glb.reads.ifmap += streamed;
    const filterSets = Math.ceil(p.M.size / m.p);
    const delivered = p.G.size * p.N.size * p.C.size * realPairs(p.E.start, p.E.size, stride, R, padding, H) * cols * filterSets;
    mut.noc.ifmap += delivered;
    mut.rf.writes.ifmap += delivered;
    // filter: fetched into the spads when its prefix changes, multicast to the columns of this strip
    if (changed('array-filter', prefixes.array.filter)) {
      const words = p.G.size * p.M.size * p.C.size * R * S;
      if (bypass('filter')) mut.dram.reads.filter += words;
      else mut.glb.reads.filter += words;
      mut.noc.filter += words * p.E.size;
      mut.rf.writes.filter += words * p.E.size;
    }
    // psum
    const plane = p.G.size * p.N.size * p.M.size * p.E.size * F;
    const chain = R * Math.ceil(p.C.size / m.q);
    const hops = plane * (chain - 1);
    const reentering = p.C.start > 0 ? plane : 0;
    mut.noc.psum += hops + plane + reentering;
    mut.rf.reads.psum += macs + hops + plane;
    mut.rf.writes.psum += macs + hops + reentering;
    if (bypass('psum')) {
      mut.dram.writes.psum += plane;
      mut.dram.reads.psum += reentering;
    } else {
      mut.glb.writes.psum += plane;
      mut.glb.reads.psum += reentering;
    }
  };

  const glbLevel = (k: number): void => {
    if (k === arrayLoops.length) return onPass();
    const loop = arrayLoops[k];
    passesIn(loop.dim, glbTile[loop.dim]).forEach((t, i) => {
      idx[`glb${loop.dim}`] = i;
      passTile[loop.dim] = t;
      glbLevel(k + 1);
    });
  };
  const dramLevel = (k: number): void => {
    if (k === dramLoops.length) {
      onGlbTile();
      return glbLevel(k);
    }
    const loop = dramLoops[k];
    glbTiles[loop.dim].forEach((t, i) => {
      idx[`dram${loop.dim}`] = i;
      glbTile[loop.dim] = t;
      dramLevel(k + 1);
    });
  };
  dramLevel(0);
  if (!bypass('psum')) {
    mut.dram.writes.psum += residentPsumWords;
    mut.glb.reads.psum += residentPsumWords;
  }
  return mut;
}
