// --functional: real values through the simulated array for one layer, checked against the plain
// convolution; writes the output tensor (output.bin, int32 little-endian, n-m-e-f order) and functional.json.
// A shared layer keeps its real indices and computes with a synthetic fixed-point codebook, reusing shared
// 1-D convolutions; its reference is the plain convolution of the weights the indices expand to.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import { expandSharedWeights, FunctionalDatapath } from '../sim/datapath.js';
import { simulateLayer } from '../sim/engine.js';
import { randomFixedTensor, signedRange } from '../sim/fixedPoint.js';
import { referenceConv } from '../sim/referenceConv.js';
import type { Layer } from '../workload/layer.js';

export interface FunctionalReport {
  readonly layer: string;
  readonly shape: { readonly N: number; readonly M: number; readonly E: number; readonly F: number };
  readonly wordBits: number;
  readonly accumulatorBits: number;
  /** Synthetic inputs: seeded uniform integers in [-maxAbs, maxAbs] (real weights come with issue 4). */
  readonly inputs: { readonly seed: number; readonly maxAbs: number; readonly synthetic: true };
  readonly outputs: number;
  readonly mismatches: number;
  readonly outputFile: string;
  /** Shared layers: codebook size, and the 1-D convolutions run and reused inside the PEs. */
  readonly sharing?: { readonly k: number; readonly oneDConvs: number; readonly reusedConvs: number };
}

/** `suffix` names the files (output<suffix>.bin, functional<suffix>.json), so two layers can share a folder. */
export function runFunctional(layer: Layer, hw: HardwareSpec, mapping: RsMapping, seed: number, outDir: string, suffix = ''): FunctionalReport {
  // Half the word width keeps most sums inside the accumulator, so wrapping stays the exception.
  const maxAbs = Math.min(signedRange(hw.wordBits).max, 2 ** Math.floor(hw.wordBits / 2));
  const ifmap = randomFixedTensor(layer.N * layer.C * layer.H * layer.W, hw.wordBits, seed, maxAbs);
  const sharing = layer.sharing;
  const codebook = sharing ? randomFixedTensor(sharing.k * layer.S, hw.wordBits, seed + 1, maxAbs) : undefined;
  const weights = codebook
    ? expandSharedWeights(layer, codebook)
    : randomFixedTensor(layer.M * (layer.C / layer.groups) * layer.R * layer.S, hw.wordBits, seed + 1, maxAbs);
  const datapath = new FunctionalDatapath(layer, codebook ? { ifmap, codebook } : { ifmap, weights }, { accumulatorBits: hw.peArray.accumulatorBits, rowReuse: hw.weightSharing.rowReuse });
  simulateLayer(layer, hw, mapping, { datapath });
  const simulated = datapath.output();
  const reference = referenceConv(layer, { ifmap, weights }, hw.peArray.accumulatorBits);
  let mismatches = 0;
  for (let i = 0; i < reference.length; i++) if (simulated[i] !== reference[i]) mismatches++;
  const report: FunctionalReport = {
    layer: layer.name,
    shape: { N: layer.N, M: layer.M, E: layer.E, F: layer.F },
    wordBits: hw.wordBits,
    accumulatorBits: hw.peArray.accumulatorBits,
    inputs: { seed, maxAbs, synthetic: true },
    outputs: reference.length,
    mismatches,
    outputFile: `output${suffix}.bin`,
    ...(sharing && { sharing: { k: sharing.k, oneDConvs: datapath.oneDConvs, reusedConvs: datapath.reusedConvs } }),
  };
  mkdirSync(outDir, { recursive: true });
  const bytes = Buffer.alloc(simulated.length * 4);
  simulated.forEach((v, i) => bytes.writeInt32LE(v, i * 4));
  // Written beside, then renamed, so an interrupted run never leaves a truncated tensor under the final name.
  const [output, json] = [`output${suffix}.bin`, `functional${suffix}.json`];
  writeFileSync(path.join(outDir, `.${output}.tmp`), bytes);
  writeFileSync(path.join(outDir, `.${json}.tmp`), JSON.stringify(report, null, 2) + '\n');
  renameSync(path.join(outDir, `.${output}.tmp`), path.join(outDir, output));
  renameSync(path.join(outDir, `.${json}.tmp`), path.join(outDir, json));
  return report;
}
