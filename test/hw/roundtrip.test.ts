import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { loadHardware } from '../../src/hw/load.js';
import { DATA_TYPES, type HardwareSpec, SHARED_EXECUTIONS } from '../../src/hw/spec.js';
import { writeHardware } from './files.js';

const count = fc.integer({ min: 1, max: 4096 });
const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true });
const energy = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });
const readWrite = fc.record({ read: energy, write: energy });
const mm2 = fc.double({ min: 0, max: 1e3, noNaN: true, noDefaultInfinity: true });
// Thirds of the free GLB space: any three of them add up to at most 1 once the rules between fields are applied.
const share = fc.integer({ min: 0, max: 3 }).map((x) => x / 3);

const spec: fc.Arbitrary<HardwareSpec> = fc
  .record(
    {
      name: fc.string({ minLength: 1, maxLength: 20 }),
      description: fc.string({ maxLength: 40 }),
      wordBits: fc.integer({ min: 1, max: 64 }),
      clockMHz: positive,
      peArray: fc.record({ rows: count, cols: count, macPipelineDepth: count, accumulatorBits: fc.integer({ min: 1, max: 32 }) }),
      rf: fc.record({ ifmapWords: count, filterWords: count, psumWords: count }),
      glb: fc.record({
        capacityBytes: positive,
        banks: count,
        wordsPerCyclePerBank: positive,
        bypass: fc.subarray([...DATA_TYPES]),
        doubleBuffer: fc.boolean(),
      }),
      noc: fc.record({ multicast: fc.boolean(), wordsPerCycle: fc.record({ ifmap: positive, filter: positive, psum: positive }) }),
      dram: fc.record({ wordsPerCycle: positive }),
      prefetch: fc.record({
        glb: fc.record({ ifmap: share, filter: share, psum: share }),
        filterSpad: fc.boolean(),
      }),
      weightSharing: fc.record({
        codebookLocation: fc.constantFrom('codebookRf' as const, 'filterSpad' as const),
        codebookRfWords: count,
        glbCodebookBytes: energy,
        maxIndexBits: fc.integer({ min: 1, max: 32 }),
        executions: fc.subarray([...SHARED_EXECUTIONS], { minLength: 1 }),
        rowReuse: fc.boolean(),
      }),
      energy: fc.record({
        unit: fc.constantFrom('pJ' as const, 'MAC' as const),
        mac: energy,
        rf: fc.record({ ifmap: readWrite, filter: readWrite, psum: readWrite }),
        nocTransfer: energy,
        glb: readWrite,
        dram: readWrite,
        codebookLookup: energy,
        psumAdd: energy,
      }),
      area: fc.record({
        peLogicMm2: mm2,
        spadMm2PerWord: fc.record({ ifmap: mm2, filter: mm2, psum: mm2 }),
        glbMm2PerKiB: mm2,
        glbMm2PerBank: mm2,
        nocMm2PerPe: mm2,
        fixedMm2: mm2,
      }),
    },
    // `area` is an optional section: a spec without it must load back without it.
    {
      requiredKeys: [
        'name',
        'description',
        'wordBits',
        'clockMHz',
        'peArray',
        'rf',
        'glb',
        'noc',
        'dram',
        'prefetch',
        'weightSharing',
        'energy',
      ],
    },
  )
  .map((hw) => consistent(hw));

/** The spec with prefetch shares the rules between fields allow: none for bypassed types or a double buffer, sum <= 1. */
function consistent(hw: HardwareSpec): HardwareSpec {
  const allowed = (t: (typeof DATA_TYPES)[number]) => !hw.glb.doubleBuffer && !hw.glb.bypass.includes(t);
  const glb = { ifmap: 0, filter: 0, psum: 0 };
  let left = 1;
  for (const t of DATA_TYPES) {
    glb[t] = allowed(t) ? Math.min(hw.prefetch.glb[t], left) : 0;
    left -= glb[t];
  }
  return { ...hw, prefetch: { ...hw.prefetch, glb } };
}

/** Writes some numbers as strings: a number-only expression must give back exactly the same double. */
function written(value: unknown, asString: boolean): unknown {
  if (typeof value === 'number') return asString ? String(value) : value;
  if (Array.isArray(value) || typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, written(v, asString)]));
}

describe('round trip', () => {
  it('a valid spec written out loads back with the same values', () => {
    fc.assert(
      fc.property(spec, fc.boolean(), (hw, asString) => {
        const file = writeHardware('roundtrip.json', written(hw, asString) as object);
        const loaded = loadHardware(file);
        expect(loaded).toEqual(hw);
        expect('area' in loaded).toBe('area' in hw);
      }),
      { numRuns: 100 },
    );
  });
});
