// Choosing by simulated cycles (--refine): the chosen mapping never simulates slower (latency) or at a higher
// energy x simulated cycles (edp) than the analytical choice, which it reports; it applies only where the cycle
// engine and a time objective ask for it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DataType, HardwareSpec } from '../../src/hw/spec.js';
import { NoLegalMappingError } from '../../src/mapping/legality.js';
import { runLayerJob, type LayerJobOptions, type LayerOutcome } from '../../src/run/layerJob.js';
import { layerArb, makeHw } from '../model/arbitraries.js';

// Small arrays and buffers with slow DRAM, so that the analytical ranking and the simulation disagree often.
const hwArb: fc.Arbitrary<HardwareSpec> = fc
  .record({
    rows: fc.constantFrom(4, 6),
    cols: fc.constantFrom(5, 8),
    capacityBytes: fc.constantFrom(512, 2048, 8192),
    dramWordsPerCycle: fc.constantFrom(0.5, 1, 4),
    bypass: fc.constantFrom<DataType[]>([], ['filter'], ['ifmap', 'psum']),
    glbShare: fc.constantFrom(0, 0.5, 1),
    prefetchFilterSpad: fc.boolean(),
  })
  .map(({ glbShare, bypass, ...o }) =>
    makeHw({
      ...o,
      bypass,
      ifmapWords: 16,
      filterWords: 64,
      psumWords: 16,
      prefetchGlb: { ifmap: bypass.includes('ifmap') ? 0 : glbShare },
    }),
  );

function outcome(run: () => LayerOutcome): LayerOutcome | null {
  try {
    return run();
  } catch (err) {
    if (err instanceof NoLegalMappingError) return null;
    throw err;
  }
}

describe('refinement', () => {
  it('never chooses a mapping that simulates worse than the analytical choice, and reports that choice', () => {
    let changed = 0;
    fc.assert(
      fc.property(
        layerArb,
        hwArb,
        fc.constantFrom('latency' as const, 'edp' as const),
        fc.integer({ min: 2, max: 6 }),
        (layer, hw, objective, refine) => {
          const o: LayerJobOptions = { hw, objective, engine: 'cycle', searchLimit: 16 };
          const plain = outcome(() => runLayerJob(layer, { ...o, refine: 1 }));
          const best = outcome(() => runLayerJob(layer, { ...o, refine }));
          if (!plain || !best) return;
          expect(plain.refinement).toBeUndefined();
          const r = best.refinement!;
          expect(r.unrefinedCycles).toBe(plain.sim!.stats.cycles);
          expect(r.chosenRank).toBeLessThan(r.candidates);
          expect(r.candidates).toBeLessThanOrEqual(refine);
          const key = (x: LayerOutcome) => (objective === 'latency' ? 1 : x.best.energy.total) * x.sim!.stats.cycles;
          expect(key(best)).toBeLessThanOrEqual(key(plain) * (1 + 1e-12));
          if (r.chosenRank === 0) expect(best.best.mapping).toEqual(plain.best.mapping);
          else changed++;
        },
      ),
      { numRuns: 60 },
    );
    // The refinement does choose otherwise on some of these chips.
    expect(changed).toBeGreaterThan(0);
  });

  it('applies only to the cycle engine with the latency or edp objective', () => {
    const layer = fc.sample(
      layerArb.filter((l) => l.R <= 4),
      { numRuns: 1, seed: 3 },
    )[0];
    const hw = makeHw({ rows: 6, cols: 8 });
    const base = { hw, searchLimit: 16, refine: 4 } as const;
    expect(runLayerJob(layer, { ...base, objective: 'energy', engine: 'cycle' }).refinement).toBeUndefined();
    expect(runLayerJob(layer, { ...base, objective: 'latency', engine: 'analytical' }).refinement).toBeUndefined();
    expect(runLayerJob(layer, { ...base, objective: 'latency', engine: 'cycle' }).refinement).toBeDefined();
  });
});
