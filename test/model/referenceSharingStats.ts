// The per-PE statistics of a shared layer counted the plain way, PE slice by PE slice with a set per slice:
// the reference the fast counting in src/mapping/sharingStats.ts must equal (it was the implementation until
// the fast one replaced it).
import type { Layer } from '../../src/workload/layer.js';
import type { SharedFilterRows } from '../../src/workload/sharedRows.js';

export interface ReferenceStats {
  readonly oneDConvs: number;
  readonly codebookRows: number;
  readonly maxCodebookRows: number;
  readonly sliceCycles: number[];
}

export function referenceSharingStats(layer: Layer, sharing: SharedFilterRows, p: number, q: number): ReferenceStats {
  const { R, S, groups: G } = layer;
  const Mg = layer.M / G;
  const Cg = layer.C / G;
  const at = (g: number, m: number, c: number, r: number) => sharing.index[((g * Mg + m) * Cg + c) * R + r];
  let oneDConvs = 0;
  let codebookRows = 0;
  let maxCodebookRows = 0;
  const sliceCycles: number[] = [];
  for (let g = 0; g < G; g++) {
    for (let m0 = 0; m0 < Mg; m0 += p) {
      const m1 = Math.min(Mg, m0 + p);
      for (let c0 = 0; c0 < Cg; c0 += q) {
        const c1 = Math.min(Cg, c0 + q);
        let busiest = 0;
        for (let r = 0; r < R; r++) {
          const pe = new Set<number>();
          let cycles = 0;
          for (let c = c0; c < c1; c++) {
            const channel = new Set<number>();
            for (let m = m0; m < m1; m++) {
              channel.add(at(g, m, c, r));
              pe.add(at(g, m, c, r));
            }
            oneDConvs += channel.size;
            cycles += S * channel.size + (m1 - m0 - channel.size);
          }
          codebookRows += pe.size;
          maxCodebookRows = Math.max(maxCodebookRows, pe.size);
          busiest = Math.max(busiest, cycles);
        }
        sliceCycles.push(busiest);
      }
    }
  }
  return { oneDConvs, codebookRows, maxCodebookRows, sliceCycles };
}
