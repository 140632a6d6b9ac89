// --functional: real values through the simulated array for one layer, checked against the plain convolution.
// A shared layer keeps its real indices and computes with a synthetic fixed-point codebook, reusing shared
// 1-D convolutions; its reference is the plain convolution of the weights the indices expand to. Plain data
// out: report/functionalFiles.ts writes it with the run's other files.
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { expandSharedWeights, FunctionalDatapath } from './datapath.js';
import { simulateLayer } from './engine.js';
import { randomFixedTensor, signedRange } from './fixedPoint.js';
import { referenceConv } from './referenceConv.js';

export interface FunctionalCheck {
  readonly layer: string;
  readonly shape: { readonly N: number; readonly M: number; readonly E: number; readonly F: number };
  readonly wordBits: number;
  readonly accumulatorBits: number;
  /** Synthetic inputs: seeded uniform integers in [-maxAbs, maxAbs]. */
  readonly inputs: { readonly seed: number; readonly maxAbs: number; readonly synthetic: true };
  readonly outputs: number;
  readonly mismatches: number;
  /** Shared layers: codebook size, and the 1-D convolutions run and reused inside the PEs. */
  readonly sharing?: { readonly k: number; readonly oneDConvs: number; readonly reusedConvs: number };
  /** The simulated output tensor in n, m, e, f order. */
  readonly output: Int32Array;
}

export function checkFunctional(layer: Layer, hw: HardwareSpec, mapping: RsMapping, seed: number): FunctionalCheck {
  // Half the word width keeps most sums inside the accumulator, so wrapping stays the exception.
  const maxAbs = Math.min(signedRange(hw.wordBits).max, 2 ** Math.floor(hw.wordBits / 2));
  const ifmap = randomFixedTensor(layer.N * layer.C * layer.H * layer.W, hw.wordBits, seed, maxAbs);
  const sharing = layer.sharing;
  const codebook = sharing ? randomFixedTensor(sharing.k * layer.S, hw.wordBits, seed + 1, maxAbs) : undefined;
  const weights = codebook
    ? expandSharedWeights(layer, codebook)
    : randomFixedTensor(layer.M * (layer.C / layer.groups) * layer.R * layer.S, hw.wordBits, seed + 1, maxAbs);
  const datapath = new FunctionalDatapath(layer, codebook ? { ifmap, codebook } : { ifmap, weights }, {
    accumulatorBits: hw.peArray.accumulatorBits,
    rowReuse: hw.weightSharing.rowReuse,
  });
  simulateLayer(layer, hw, mapping, { datapath });
  const simulated = datapath.output();
  const reference = referenceConv(layer, { ifmap, weights }, hw.peArray.accumulatorBits);
  let mismatches = 0;
  for (let i = 0; i < reference.length; i++) if (simulated[i] !== reference[i]) mismatches++;
  return {
    layer: layer.name,
    shape: { N: layer.N, M: layer.M, E: layer.E, F: layer.F },
    wordBits: hw.wordBits,
    accumulatorBits: hw.peArray.accumulatorBits,
    inputs: { seed, maxAbs, synthetic: true },
    outputs: reference.length,
    mismatches,
    ...(sharing && { sharing: { k: sharing.k, oneDConvs: datapath.oneDConvs, reusedConvs: datapath.reusedConvs } }),
    output: simulated,
  };
}
