// The plain convolution the functional simulation is checked against at run time: seven nested loops
// over the layer in integer arithmetic, wrapped to the accumulator width like the simulated PEs.
import type { Layer } from '../workload/layer.js';
import { wrapToBits } from './fixedPoint.js';

/** `weights`: M x (C/groups) x R x S; for a shared layer, its expanded weights (datapath.expandSharedWeights). */
export function referenceConv(
  layer: Layer,
  values: { readonly ifmap: Int32Array; readonly weights: Int32Array },
  accumulatorBits: number,
): Int32Array {
  const { N, M, C, H, W, R, S, E, F, stride, padding, groups } = layer;
  const mg = M / groups;
  const cg = C / groups;
  const out = new Int32Array(N * M * E * F);
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / mg);
      for (let e = 0; e < E; e++) {
        for (let f = 0; f < F; f++) {
          let acc = 0;
          for (let c = 0; c < cg; c++) {
            for (let r = 0; r < R; r++) {
              const h = e * stride + r - padding;
              if (h < 0 || h >= H) continue;
              for (let s = 0; s < S; s++) {
                const w = f * stride + s - padding;
                if (w < 0 || w >= W) continue;
                const x = values.ifmap[((n * C + g * cg + c) * H + h) * W + w];
                const k = values.weights[((m * cg + c) * R + r) * S + s];
                acc = wrapToBits(acc + wrapToBits(x * k, accumulatorBits), accumulatorBits);
              }
            }
          }
          out[((n * M + m) * E + e) * F + f] = acc;
        }
      }
    }
  }
  return out;
}
