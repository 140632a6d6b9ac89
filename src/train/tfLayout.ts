// From the project's filter layout (OIHW, see workload/weights/layout.ts) to the layouts tfjs computes with:
// a Conv2D kernel is HWIO [R, S, C/groups, M]; a Dense kernel is [C*H*W, M] with its inputs in Keras' Flatten
// order of an NHWC activation (h, w, c). These are the inverses of hwioToOihw and denseToOihw(..., 'hwc').
import type { Shape4 } from '../workload/weights/layout.js';

/** OIHW [M, Cg, R, S] -> HWIO [R, S, Cg, M]. */
export function oihwToHwio(weights: Float32Array, [M, Cg, R, S]: Shape4): Float32Array {
  const out = new Float32Array(weights.length);
  let dst = 0;
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      for (let c = 0; c < Cg; c++) {
        for (let m = 0; m < M; m++) out[dst++] = weights[((m * Cg + c) * R + r) * S + s];
      }
    }
  }
  return out;
}

/** OIHW [M, C, H, W] of an fc layer -> a Dense kernel [C*H*W, M], input index (h*W + w)*C + c. */
export function oihwToDense(weights: Float32Array, [M, C, H, W]: Shape4): Float32Array {
  const out = new Float32Array(weights.length);
  for (let c = 0; c < C; c++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        const i = (h * W + w) * C + c;
        for (let m = 0; m < M; m++) out[i * M + m] = weights[((m * C + c) * H + h) * W + w];
      }
    }
  }
  return out;
}
