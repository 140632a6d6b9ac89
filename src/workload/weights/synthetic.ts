// Synthetic weights for zoo models, where no trained weights exist (every output that uses them says so).
import { createRng } from '../../random/rng.js';
import { filterWords, type Layer } from '../layer.js';

/** Inputs one filter sees: its channel slice times its window. FC layers (R = H, S = W) give C*H*W. */
export const fanIn = (layer: Layer): number => (layer.C / layer.groups) * layer.R * layer.S;

/**
 * Synthetic weights for a layer, He-normal (std sqrt(2 / fan_in), as the untrained WRN is initialised), in the
 * simulator's filter layout M x (C/groups) x R x S, row-major (src/sim/referenceConv.ts indexes it the same way).
 * They stand in for trained weights where only shapes are known; k-means and CR work the same on either.
 */
export function heNormalWeights(layer: Layer, seed: number): Float32Array {
  const rng = createRng(seed);
  const std = Math.sqrt(2 / fanIn(layer));
  const out = new Float32Array(filterWords(layer));
  for (let i = 0; i < out.length; i++) out[i] = std * rng.normal();
  return out;
}

/**
 * Synthetic biases: one per filter, all zero (the common initialisation). Weight sharing never touches biases;
 * compressionRatio.ts counts them at 32 bits whatever their value.
 */
export const zeroBiases = (layer: Layer): Float32Array => new Float32Array(layer.M);
