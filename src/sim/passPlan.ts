// Placement of one processing pass on the physical array: which PE holds which filter row, channel and
// filter slice, which ifmap row it receives and where it sits in its column's psum chain.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import type { PassPlan, PassRanges, PeWork, Span } from './types.js';

const slice = (outer: Span, index: number, size: number): Span => {
  const start = outer.start + index * size;
  return { start, count: Math.max(0, Math.min(size, outer.start + outer.count - start)) };
};

/**
 * Sets of R x e PEs: r channel replicas stacked in one column chain (psums add up through all of them),
 * chains for t filter replicas and g groups side by side, column blocks first. Replicas beyond the
 * pass's actual slices (edge tiles) stay idle.
 */
export function planPass(layer: Layer, hw: HardwareSpec, m: RsMapping, ranges: PassRanges, index: number, accumulates: boolean): PassPlan {
  const { R, stride, padding } = layer;
  const blocks = Math.floor(hw.peArray.cols / m.e);
  const chainRows = R * m.r;
  const activeR = Math.ceil(ranges.C.count / m.q);
  const activeT = Math.ceil(ranges.M.count / m.p);
  const chainLength = R * activeR;
  const pes: PeWork[] = [];
  let chain = 0;
  for (let gg = 0; gg < ranges.G.count; gg++) {
    for (let tt = 0; tt < activeT; tt++, chain++) {
      const block = chain % blocks;
      const slot = Math.floor(chain / blocks);
      const filters = slice(ranges.M, tt, m.p);
      for (let rr = 0; rr < activeR; rr++) {
        const channels = slice(ranges.C, rr, m.q);
        for (let i = 0; i < R; i++) {
          const chainIndex = rr * R + i;
          for (let j = 0; j < ranges.E.count; j++) {
            const ofmapRow = ranges.E.start + j;
            pes.push({
              row: slot * chainRows + (chainRows - 1 - chainIndex),
              col: block * m.e + j,
              group: ranges.G.start + gg,
              filterRow: i,
              ofmapRow,
              ifmapRow: ofmapRow * stride + i - padding,
              filters,
              channels,
              chainIndex,
              chainLength,
            });
          }
        }
      }
    }
  }
  return { index, ranges, pes, accumulates };
}
