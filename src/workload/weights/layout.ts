// Filter layouts and the conversions between them. The project's layout is OIHW: M x (C/groups) x R x S,
// row-major, so filter element (m, c, r, s) is at ((m*Cg + c)*R + r)*S + s. Keras stores a Conv2D kernel as
// HWIO (R x S x C/groups x M), a DepthwiseConv2D kernel as R x S x C x depthMultiplier and a Dense kernel as
// C_in x M. Also the little-endian float32 reading and writing shared by the file formats.
import type { Layer } from '../layer.js';
import type { FlattenOrder } from './types.js';

export type Shape4 = readonly [number, number, number, number];

/** The OIHW shape of a layer's filters: [M, C/groups, R, S]. */
export const filterShape = (l: Layer): Shape4 => [l.M, l.C / l.groups, l.R, l.S];

export const shapeSize = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export const formatShape = (shape: readonly number[]): string => `[${shape.join(', ')}]`;

export const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((v, i) => v === b[i]);

/** Flat index of filter element (m, c, r, s) in an OIHW array of `shape`. */
export function oihwIndex(shape: Shape4, m: number, c: number, r: number, s: number): number {
  return ((m * shape[1] + c) * shape[2] + r) * shape[3] + s;
}

/** A flat row-major index as a multi-index, e.g. 45 in [2, 3, 4, 2] -> "[1][2][2][1]". */
export function formatIndex(flat: number, shape: readonly number[]): string {
  const parts: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    const n = shape[d];
    parts.unshift(rest % n);
    rest = Math.floor(rest / n);
  }
  return parts.map((p) => `[${p}]`).join('');
}

/** Index of the first NaN or infinite element, or -1. */
export function firstNonFinite(a: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/** A Keras Conv2D kernel [R, S, C/groups, M] (HWIO) -> OIHW [M, C/groups, R, S]. */
export function hwioToOihw(kernel: Float32Array, [R, S, Cg, M]: Shape4): Float32Array {
  const out = new Float32Array(kernel.length);
  let src = 0;
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      for (let c = 0; c < Cg; c++) {
        for (let m = 0; m < M; m++) out[((m * Cg + c) * R + r) * S + s] = kernel[src++]!;
      }
    }
  }
  return out;
}

/**
 * A Keras DepthwiseConv2D kernel [R, S, C, D] (D = depth multiplier) -> OIHW [C*D, 1, R, S]. Keras numbers the
 * outputs channel-major: input channel c with multiplier k produces output channel c*D + k, which in a grouped
 * conv with groups = C is filter c*D + k of group c, as OIHW with C/groups = 1 expects.
 */
export function depthwiseToOihw(kernel: Float32Array, [R, S, C, D]: Shape4): Float32Array {
  const out = new Float32Array(kernel.length);
  let src = 0;
  for (let r = 0; r < R; r++) {
    for (let s = 0; s < S; s++) {
      for (let c = 0; c < C; c++) {
        for (let k = 0; k < D; k++) out[((c * D + k) * R + r) * S + s] = kernel[src++]!;
      }
    }
  }
  return out;
}

/**
 * A Dense kernel [C_in, M] -> OIHW `target` = [M, C, H, W] with C_in = C*H*W. Input element i of the Dense is
 * activation (c, h, w) where, for 'hwc' (Keras' Flatten), i = (h*W + w)*C + c and, for 'chw', i = (c*H + h)*W + w.
 * With H = W = 1 both orders agree and this is the plain transpose.
 */
export function denseToOihw(kernel: Float32Array, target: Shape4, order: FlattenOrder): Float32Array {
  const [M, C, H, W] = target;
  const Cin = C * H * W;
  if (kernel.length !== Cin * M) throw new RangeError(`denseToOihw: kernel has ${kernel.length} elements, expected ${Cin}x${M}`);
  const out = new Float32Array(kernel.length);
  for (let c = 0; c < C; c++) {
    for (let h = 0; h < H; h++) {
      for (let w = 0; w < W; w++) {
        const i = order === 'hwc' ? (h * W + w) * C + c : (c * H + h) * W + w;
        for (let m = 0; m < M; m++) out[((m * C + c) * H + h) * W + w] = kernel[i * M + m]!;
      }
    }
  }
  return out;
}

const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** `count` little-endian float32 values starting at `byteOffset` of `bytes`, copied (so always aligned). */
export function readFloat32LE(bytes: Uint8Array, byteOffset: number, count: number): Float32Array {
  const start = bytes.byteOffset + byteOffset;
  if (HOST_LITTLE_ENDIAN) return new Float32Array(bytes.buffer.slice(start, start + 4 * count));
  const view = new DataView(bytes.buffer, start, 4 * count);
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
  return out;
}

/** The little-endian bytes of `a` (a view of it on a little-endian host). */
export function float32LEBytes(a: Float32Array): Uint8Array {
  if (HOST_LITTLE_ENDIAN) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(4 * i, a[i], true);
  return out;
}
