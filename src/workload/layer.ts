// The workload vocabulary of the whole project: one convolution-like layer in the field's notation
// (Eyeriss / Timeloop): N batch, M filters (output channels), C input channels, H x W input (unpadded),
// R x S filter, E x F output, U = stride. A fully connected layer is the conv with R = H, S = W, E = F = 1.
import type { SharedFilterRows } from './sharedRows.js';

export type LayerKind = 'conv' | 'fc';

export interface Layer {
  readonly name: string;
  readonly kind: LayerKind;
  readonly N: number;
  readonly M: number;
  readonly C: number;
  readonly H: number;
  readonly W: number;
  readonly R: number;
  readonly S: number;
  readonly E: number;
  readonly F: number;
  readonly stride: number;
  readonly padding: number;
  /** C and M are totals; each of the `groups` groups convolves C/groups channels into M/groups filters. */
  readonly groups: number;
  /** Present when the layer's filter rows are shared (Deep k-Means): indices move instead of weights. */
  readonly sharing?: SharedFilterRows;
}

/** A layer before the batch is known, as the zoo and model files describe it. */
export type LayerShape = Omit<Layer, 'N' | 'E' | 'F' | 'sharing'>;

export interface Network {
  readonly name: string;
  readonly layers: readonly Layer[];
}

export function outputSize(inSize: number, kernel: number, stride: number, padding: number): number {
  return Math.floor((inSize + 2 * padding - kernel) / stride) + 1;
}

/** Validates a shape and derives E, F for batch N; throws with the layer's name on an impossible shape. */
export function makeLayer(shape: LayerShape, N: number): Layer {
  const { name, C, M, H, W, R, S, stride, padding, groups } = shape;
  const ints: Record<string, number> = { N, C, M, H, W, R, S, stride, groups };
  for (const [key, value] of Object.entries(ints)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`layer "${name}": ${key} must be a positive integer, got ${value}`);
    }
  }
  if (!Number.isInteger(padding) || padding < 0) {
    throw new Error(`layer "${name}": padding must be a non-negative integer, got ${padding}`);
  }
  if (C % groups !== 0 || M % groups !== 0) {
    throw new Error(`layer "${name}": C=${C} and M=${M} must both be divisible by groups=${groups}`);
  }
  const E = outputSize(H, R, stride, padding);
  const F = outputSize(W, S, stride, padding);
  if (E < 1 || F < 1) {
    throw new Error(`layer "${name}": a ${R}x${S} filter with padding ${padding} does not fit a ${H}x${W} input`);
  }
  return { ...shape, N, E, F };
}

/** Multiply-accumulates of the layer, padding positions included (the hardware computes them). */
/** Size of each dimension a mapping tiles, per group for M and C. */
export function perGroupSizes(layer: Layer) {
  return { G: layer.groups, N: layer.N, M: layer.M / layer.groups, C: layer.C / layer.groups, E: layer.E };
}

export function layerMacs(layer: Layer): number {
  return layer.N * layer.M * (layer.C / layer.groups) * layer.E * layer.F * layer.R * layer.S;
}

export const filterWords = (l: Layer): number => l.M * (l.C / l.groups) * l.R * l.S;
export const ifmapWords = (l: Layer): number => l.N * l.C * l.H * l.W;
export const ofmapWords = (l: Layer): number => l.N * l.M * l.E * l.F;

/**
 * The layer as the accelerator maps it. An FC layer is a matrix-vector product, so it is mapped as a 1x1
 * convolution over C*H*W channels: the same MACs, weights and input words, without the RS constraint
 * that R filter rows fit the PE rows (an FC on a 32x32 input has R = 32).
 */
export function mappingView(layer: Layer): Layer {
  if (layer.kind !== 'fc' || (layer.R === 1 && layer.S === 1)) return layer;
  const perGroup = (layer.C / layer.groups) * layer.H * layer.W;
  return { ...layer, C: perGroup * layer.groups, H: 1, W: 1, R: 1, S: 1, E: 1, F: 1, stride: 1, padding: 0 };
}
