// From the project's filter layout (OIHW, see workload/weights/layout.ts) to the layouts tfjs computes with:
// a Conv2D kernel is HWIO [R, S, C/groups, M]; a Dense kernel is [C*H*W, M] with its inputs in Keras' Flatten
// order of an NHWC activation (h, w, c). Each is the inverse of the loader's conversion (hwioToOihw,
// denseToOihw 'hwc'), obtained from it rather than written a second time: the conversion applied to the
// element indices says where every element goes. The index maps are kept per shape (they are needed at every
// training step).
import { denseToOihw, hwioToOihw, type Shape4 } from '../workload/weights/layout.js';

const maps = new Map<string, Float32Array>();

/** out[i] = values[j] where the conversion puts tfjs element i at OIHW position j. */
function inverse(key: string, convert: (a: Float32Array) => Float32Array, values: Float32Array): Float32Array {
  let from = maps.get(key);
  if (from === undefined) {
    // Indices stay exact in float32 up to 2^24 elements, far above any layer trained here.
    from = convert(Float32Array.from({ length: values.length }, (_, i) => i));
    maps.set(key, from);
  }
  const out = new Float32Array(values.length);
  for (let j = 0; j < from.length; j++) out[from[j]] = values[j];
  return out;
}

/** OIHW [M, Cg, R, S] -> HWIO [R, S, Cg, M]. */
export function oihwToHwio(weights: Float32Array, [M, Cg, R, S]: Shape4): Float32Array {
  return inverse(`hwio ${M} ${Cg} ${R} ${S}`, (a) => hwioToOihw(a, [R, S, Cg, M]), weights);
}

/** OIHW [M, C, H, W] of an fc layer -> a Dense kernel [C*H*W, M], input index (h*W + w)*C + c. */
export function oihwToDense(weights: Float32Array, shape: Shape4): Float32Array {
  return inverse(`dense ${shape.join(' ')}`, (a) => denseToOihw(a, shape, 'hwc'), weights);
}
