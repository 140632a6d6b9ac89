// Shared-layer (Deep k-Means) test inputs: indices drawn so that PEs really reuse 1-D convolutions (small k),
// or never can (k = rows, every row its own centroid), hardware with a weightSharing section (row-level reuse
// on or off, every execution), and LEGAL
// mappings built from scenarioArb's (spads and GLB grown until legality accepts the shared layer).
import fc from 'fast-check';
import { SHARED_EXECUTIONS, type HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import { tileLayer } from '../../src/model/accessCounts.js';
import { createRng } from '../../src/random/rng.js';
import { randomFixedTensor } from '../../src/sim/fixedPoint.js';
import type { Layer } from '../../src/workload/layer.js';
import { checkSharing, fixedIndexBits, type SharedExecution } from '../../src/workload/sharedRows.js';
import { scenarioArb, type Scenario, type ScenarioOptions } from './arbitraries.js';

export type CodebookLocation = HardwareSpec['weightSharing']['codebookLocation'];

/**
 * `hw` with weightSharing fields overridden by `ws` (by default: codebook RF as large as the filter spad,
 * no GLB-resident codebook) and the two shared-layer energies (an RF read, a ninth of a MAC).
 */
export function withWeightSharing(hw: HardwareSpec, ws: Partial<HardwareSpec['weightSharing']> = {}): HardwareSpec {
  return {
    ...hw,
    weightSharing: {
      codebookLocation: 'codebookRf',
      codebookRfWords: hw.rf.filterWords,
      glbCodebookBytes: hw.glb.capacityBytes,
      maxIndexBits: 32,
      executions: [...SHARED_EXECUTIONS],
      rowReuse: true,
      ...ws,
    },
    energy: { ...hw.energy, codebookLookup: hw.energy.rf.filter.read, psumAdd: hw.energy.mac / 9 },
  };
}

export const filterRows = (l: Layer): number => l.M * (l.C / l.groups) * l.R;

/** `rows` indices uniform over 0..k-1, from a seeded generator (reproducible from the seed alone). */
export function randomIndices(rows: number, k: number, seed: number): Uint32Array {
  const rng = createRng(seed);
  return Uint32Array.from({ length: rows }, () => Math.floor(rng.uniform() * k));
}

/**
 * The layer with shared rows: k centroids, the given indices, indexBits = what k needs + `extraBits`,
 * and a codebook of small integers (so the functional data path computes with it exactly).
 */
export function shareLayer(layer: Layer, k: number, index: Uint32Array, seed: number, extraBits = 0, execution?: SharedExecution): Layer {
  const codebook = Float32Array.from(randomFixedTensor(k * layer.S, 4, seed, 7));
  const sharing = { k, indexBits: fixedIndexBits(k) + extraBits, index, codebook, ...(execution && { execution }) };
  checkSharing(layer, sharing);
  return { ...layer, sharing };
}

/** Index draws: small k (1..4) so rows of a PE name the same centroid; k = rows (identity); any k. */
const indexKindArb = fc.constantFrom('small', 'small', 'identity', 'any');

export function sharedScenarioArb(opts: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  return fc
    .record({
      s: scenarioArb(opts),
      kind: indexKindArb,
      kDraw: fc.nat({ max: 1 << 20 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      extraBits: fc.integer({ min: 0, max: 3 }),
      location: fc.constantFrom<CodebookLocation>('codebookRf', 'filterSpad'),
      // Spads start small so that growing them to the layer's need makes tight spads common.
      cbWords: fc.integer({ min: 0, max: 8 }),
      bitsSlack: fc.integer({ min: 0, max: 2 }),
      // Reuse needs several filters in a PE: often give it as many as its psum spad holds.
      widenP: fc.boolean(),
      // Every way a chip runs a shared layer: decoded in the PEs (codebook streamed or resident), or at the GLB.
      execution: fc.constantFrom<SharedExecution>(
        { decodeAt: 'pe', codebook: 'streamed' },
        { decodeAt: 'pe', codebook: 'resident' },
        { decodeAt: 'glb', codebook: 'resident' },
      ),
      // Row-level computation reuse in the PEs, or every row its own 1-D convolution.
      rowReuse: fc.boolean(),
    })
    .map(({ s, kind, kDraw, seed, extraBits, location, cbWords, bitsSlack, widenP, execution, rowReuse }): Scenario => {
      const Mg = s.layer.M / s.layer.groups;
      const m = widenP ? { ...s.m, p: Math.max(s.m.p, Math.min(Mg, s.hw.rf.psumWords)) } : s.m;
      const rows = filterRows(s.layer);
      const k = kind === 'small' ? 1 + (kDraw % 4) : kind === 'identity' ? rows : 1 + (kDraw % rows);
      const index = kind === 'identity' ? Uint32Array.from({ length: rows }, (_, i) => i) : randomIndices(rows, k, seed);
      const layer = shareLayer(s.layer, k, index, seed + 1, extraBits, execution);
      const bits = layer.sharing!.indexBits;
      let hw = withWeightSharing(s.hw, {
        codebookLocation: location,
        codebookRfWords: cbWords * s.layer.S,
        maxIndexBits: bits + bitsSlack,
        rowReuse,
      });
      for (let tries = 0; checkPass(layer, hw, m) !== null; tries++) {
        if (tries > 64) throw new Error(`generator bug: ${checkPass(layer, hw, m)}`);
        const grow = (x: number) => Math.max(1, 2 * x);
        hw = {
          ...hw,
          rf: { ...hw.rf, filterWords: grow(hw.rf.filterWords) },
          weightSharing: { ...hw.weightSharing, codebookRfWords: grow(hw.weightSharing.codebookRfWords) },
        };
      }
      const tl = tileLayer(layer, m);
      while (checkGlb(layer, hw, tl) !== null) hw = { ...hw, glb: { ...hw.glb, capacityBytes: hw.glb.capacityBytes * 2 } };
      return { layer, hw, m };
    });
}

/** A scenario's shared layer in words, for failure messages (the indices themselves are too long). */
export const describeShared = (s: Scenario): string => {
  const { sharing, ...layer } = s.layer;
  return JSON.stringify({
    layer,
    sharing: sharing && { k: sharing.k, indexBits: sharing.indexBits, index: Array.from(sharing.index.slice(0, 64)) },
    m: s.m,
    hw: { array: s.hw.peArray, rf: s.hw.rf, ws: s.hw.weightSharing, glb: s.hw.glb, wordBits: s.hw.wordBits },
  });
};
