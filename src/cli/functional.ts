// --functional: real values through the simulated array for one layer, checked against the plain
// convolution; writes the output tensor (output.bin, int32 little-endian, n-m-e-f order) and functional.json.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import { FunctionalDatapath } from '../sim/datapath.js';
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
  readonly outputFile: 'output.bin';
}

export function runFunctional(layer: Layer, hw: HardwareSpec, mapping: RsMapping, seed: number, outDir: string): FunctionalReport {
  // Half the word width keeps most sums inside the accumulator, so wrapping stays the exception.
  const maxAbs = Math.min(signedRange(hw.wordBits).max, 2 ** Math.floor(hw.wordBits / 2));
  const values = {
    ifmap: randomFixedTensor(layer.N * layer.C * layer.H * layer.W, hw.wordBits, seed, maxAbs),
    weights: randomFixedTensor(layer.M * (layer.C / layer.groups) * layer.R * layer.S, hw.wordBits, seed + 1, maxAbs),
  };
  const datapath = new FunctionalDatapath(layer, values, { accumulatorBits: hw.peArray.accumulatorBits });
  simulateLayer(layer, hw, mapping, { datapath });
  const simulated = datapath.output();
  const reference = referenceConv(layer, values, hw.peArray.accumulatorBits);
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
    outputFile: 'output.bin',
  };
  mkdirSync(outDir, { recursive: true });
  const bytes = Buffer.alloc(simulated.length * 4);
  simulated.forEach((v, i) => bytes.writeInt32LE(v, i * 4));
  // Written beside, then renamed, so an interrupted run never leaves a truncated tensor under the final name.
  writeFileSync(path.join(outDir, '.output.bin.tmp'), bytes);
  writeFileSync(path.join(outDir, '.functional.json.tmp'), JSON.stringify(report, null, 2) + '\n');
  renameSync(path.join(outDir, '.output.bin.tmp'), path.join(outDir, 'output.bin'));
  renameSync(path.join(outDir, '.functional.json.tmp'), path.join(outDir, 'functional.json'));
  return report;
}
