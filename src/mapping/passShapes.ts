// The pass shapes (e, r, t, g, p, q, n) a search enumerates.
import type { HardwareSpec } from '../hw/spec.js';
import { perGroupSizes, type Layer } from '../workload/layer.js';
import { arraySlots, checkPass, maxFiltersPerPe } from './legality.js';
import type { DimSizes, RsMapping } from './rsMapping.js';

export type PassShape = Pick<RsMapping, 'e' | 'r' | 't' | 'g' | 'p' | 'q' | 'n'>;

/**
 * Tile sizes worth trying, largest first: the values v = ceil(size / k) <= max, one per number of tiles k
 * that gives a new v. Walks only those k (about 2 sqrt(size) of them), since it runs in the search's
 * innermost loops.
 */
export function tileSizeChoices(size: number, max: number): number[] {
  const values: number[] = [];
  if (max < 1) return values;
  let k = Math.max(1, Math.ceil(size / max));
  for (;;) {
    const v = Math.ceil(size / k);
    values.push(v);
    if (v === 1) return values;
    k = Math.ceil(size / (v - 1)); // the fewest tiles with a smaller tile size
  }
}

/** A pass shape without its t, and the t values (filter replicas) it can take, largest first. */
export interface PassCandidate {
  readonly shape: Omit<PassShape, 't'>;
  readonly replicas: readonly number[];
}

/**
 * Pass shapes worth evaluating; each meets legality.checkPass by construction whatever t it takes. Factors
 * take each value that changes the number of tiles, except t: more filter replicas share more ifmap multicast
 * and shorten the layer, costing only GLB space, so a search gives t the largest replica count whose pass the
 * buffer holds. Since every factor can take the value 1, if any legal mapping exists the search finds one.
 * Nothing here depends on the GLB, so one enumeration serves every buffer size.
 */
export function* passCandidates(layer: Layer, hw: HardwareSpec): Generator<PassCandidate> {
  const size = perGroupSizes(layer);
  const { rows, cols } = hw.peArray;
  if (layer.R > rows) return;
  const imageChoices = tileSizeChoices(size.N, size.N);
  const filterChoices = new Map<number, number[]>();
  for (const e of tileSizeChoices(layer.E, cols)) {
    const slots = arraySlots(layer, hw, e);
    for (const q of tileSizeChoices(size.C, Math.floor(hw.rf.ifmapWords / layer.S))) {
      const maxP = maxFiltersPerPe(layer, hw, q);
      for (const r of tileSizeChoices(Math.ceil(size.C / q), slots.vertical)) {
        const chains = Math.floor(slots.vertical / r) * slots.horizontal;
        if (!filterChoices.has(maxP)) filterChoices.set(maxP, tileSizeChoices(size.M, maxP));
        for (const p of filterChoices.get(maxP)!) {
          const filterSets = Math.ceil(size.M / p);
          // Groups share nothing: try one group per pass, all that fit, and as many as fit beside full t.
          const groupChoices = new Set([1, Math.min(size.G, chains), Math.max(1, Math.min(size.G, Math.floor(chains / filterSets)))]);
          for (const g of groupChoices) {
            const replicas = tileSizeChoices(filterSets, Math.floor(chains / g));
            // Shared layers: the codebook a PE needs depends on its rows, so check what the spad sizes cannot.
            if (layer.sharing && checkPass(layer, hw, { e, r, t: 1, g, p, q, n: 1, ...NO_TILING })) continue;
            for (const n of imageChoices) yield { shape: { e, r, g, p, q, n }, replicas };
          }
        }
      }
    }
  }
}

/** checkPass looks at the pass only; this stands in for the tiling a full mapping would carry. */
const NO_TILING: Omit<RsMapping, keyof PassShape> = { glbFactor: { G: 1, N: 1, M: 1, C: 1, E: 1 }, dramOrder: [], glbOrder: [] };

export function passTileOf(shape: PassShape): DimSizes {
  return { G: shape.g, N: shape.n, M: shape.p * shape.t, C: shape.q * shape.r, E: shape.e };
}
