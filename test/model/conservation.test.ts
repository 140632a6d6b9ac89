// Conservation laws of the analytical access counts, over random small layers (dense, grouped, depthwise;
// padding, strides up to 3) and random LEGAL mappings on random hardware (array shape, spads, GLB capacity,
// bypass sets, multicast). Expected values come from the layer shape or from brute force, never from the
// code under test.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PATHS } from '../../src/hw/fields.js';
import { DATA_TYPES, type DataType, type EnergyTable } from '../../src/hw/spec.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { energyOf } from '../../src/model/energy.js';
import { evaluateMapping } from '../../src/model/evaluate.js';
import type { AccessCounts } from '../../src/model/result.js';
import { filterWords, layerMacs, ofmapWords } from '../../src/workload/layer.js';
import { describeScenario, scenarioArb, type Scenario } from './arbitraries.js';
import { sharedScenarioArb } from './sharedArbitraries.js';
import { distinctIfmapWordsRead, referenceCounts } from './referenceModel.js';

const RUNS = 500;
const sum = (v: { ifmap: number; filter: number; psum: number }) => v.ifmap + v.filter + v.psum;
const dramWords = (c: AccessCounts) => sum(c.dram.reads) + sum(c.dram.writes);

function check(s: Scenario, body: (c: AccessCounts) => void): void {
  expect(checkPass(s.layer, s.hw, s.m)).toBeNull();
  expect(checkGlb(s.layer, s.hw, tileLayer(s.layer, s.m))).toBeNull();
  body(countAccesses(s.layer, s.hw, s.m));
}

describe('countAccesses conservation (random legal mappings)', () => {
  it('counts every MAC once; every MAC reads one ifmap and one filter word from the spads', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          const macs = layerMacs(s.layer);
          expect(c.macs).toBe(macs);
          expect(c.rf.reads.ifmap).toBe(macs);
          expect(c.rf.reads.filter).toBe(macs);
          // every MAC read-modify-writes a psum, so psum spad traffic is at least one read and one write per MAC
          expect(c.rf.reads.psum).toBeGreaterThanOrEqual(macs);
          expect(c.rf.writes.psum).toBeGreaterThanOrEqual(macs);
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('every output word reaches DRAM exactly once net; psums leave the array once net per output', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          const out = ofmapWords(s.layer);
          expect(c.dram.writes.psum - c.dram.reads.psum).toBe(out);
          expect(c.dram.writes.psum).toBeGreaterThanOrEqual(out);
          // psum spad reads minus writes = words leaving minus words re-entering = the ofmap
          expect(c.rf.reads.psum - c.rf.writes.psum).toBe(out);
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('DRAM reads at least every filter word and every ifmap word the layer really reads (brute force)', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          expect(c.dram.reads.filter).toBeGreaterThanOrEqual(filterWords(s.layer));
          expect(c.dram.reads.ifmap).toBeGreaterThanOrEqual(distinctIfmapWordsRead(s.layer));
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('with one GLB tile for the whole layer, DRAM moves each word exactly once (ifmap: only words really read)', () => {
    fc.assert(
      fc.property(scenarioArb({ oneGlbTile: true }), (s) =>
        check(s, (c) => {
          if (!s.hw.glb.bypass.includes('ifmap')) expect(c.dram.reads.ifmap).toBe(distinctIfmapWordsRead(s.layer));
          if (!s.hw.glb.bypass.includes('filter')) expect(c.dram.reads.filter).toBe(filterWords(s.layer));
          if (!s.hw.glb.bypass.includes('psum')) {
            expect(c.dram.writes.psum).toBe(ofmapWords(s.layer));
            expect(c.dram.reads.psum).toBe(0);
          }
        }),
      ),
      { numRuns: 150 },
    );
  });

  it('level consistency: what the GLB stores came from DRAM, is read at least once, and bypassed types skip it', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          const bypass = (t: DataType) => s.hw.glb.bypass.includes(t);
          for (const t of ['ifmap', 'filter'] as const) {
            if (bypass(t)) {
              expect(c.glb.reads[t], t).toBe(0);
              expect(c.glb.writes[t], t).toBe(0);
            } else {
              expect(c.glb.writes[t], t).toBe(c.dram.reads[t]);
              expect(c.glb.reads[t], t).toBeGreaterThanOrEqual(c.glb.writes[t]);
              expect(c.dram.writes[t], t).toBe(0);
            }
          }
          if (bypass('psum')) {
            expect(c.glb.reads.psum).toBe(0);
            expect(c.glb.writes.psum).toBe(0);
          } else {
            expect(c.glb.reads.psum).toBeGreaterThanOrEqual(c.dram.writes.psum);
            // every psum word parked in the GLB (from the array or reloaded from DRAM) is read back exactly once
            expect(c.glb.reads.psum).toBe(c.glb.writes.psum);
          }
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('NoC and spads: each delivered word is one spad write; multicast never loses data', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          const bypass = (t: DataType) => s.hw.glb.bypass.includes(t);
          expect(c.rf.writes.ifmap).toBe(c.noc.ifmap);
          expect(c.rf.writes.filter).toBe(c.noc.filter);
          const ifmapSource = bypass('ifmap') ? c.dram.reads.ifmap : c.glb.reads.ifmap;
          const filterSource = bypass('filter') ? c.dram.reads.filter : c.glb.reads.filter;
          expect(c.noc.ifmap).toBeGreaterThanOrEqual(ifmapSource);
          expect(c.noc.filter).toBeGreaterThanOrEqual(filterSource);
          // every spad-resident operand was delivered: at least one delivery per distinct word really read
          expect(c.noc.ifmap).toBeGreaterThanOrEqual(distinctIfmapWordsRead(s.layer));
          expect(c.noc.filter).toBeGreaterThanOrEqual(filterWords(s.layer));
          // each output leaves the array at least once over the NoC
          expect(c.noc.psum).toBeGreaterThanOrEqual(ofmapWords(s.layer));
        }),
      ),
      { numRuns: RUNS },
    );
  });

  it('matches the event-by-event loop-nest reference model exactly', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) =>
        check(s, (c) => {
          expect(c, describeScenario(s)).toEqual(referenceCounts(s.layer, s.hw, s.m));
        }),
      ),
      { numRuns: RUNS },
    );
  });
});

type Entry = readonly [name: string, bump: (t: EnergyTable, d: number) => EnergyTable, count: (c: AccessCounts) => number];

/** Every number of the energy table, by its path in a hardware file, with the count it is paid for. */
const ENTRIES: Entry[] = [
  ['energy.mac', (t, d) => ({ ...t, mac: t.mac + d }), (c) => c.macs],
  ...DATA_TYPES.flatMap((type): Entry[] =>
    (['read', 'write'] as const).map((op): Entry => [
      `energy.rf.${type}.${op}`,
      (t, d) => ({ ...t, rf: { ...t.rf, [type]: { ...t.rf[type], [op]: t.rf[type][op] + d } } }),
      (c) => (op === 'read' ? c.rf.reads[type] : c.rf.writes[type]),
    ]),
  ),
  ['energy.nocTransfer', (t, d) => ({ ...t, nocTransfer: t.nocTransfer + d }), (c) => sum(c.noc)],
  ['energy.glb.read', (t, d) => ({ ...t, glb: { ...t.glb, read: t.glb.read + d } }), (c) => sum(c.glb.reads)],
  ['energy.glb.write', (t, d) => ({ ...t, glb: { ...t.glb, write: t.glb.write + d } }), (c) => sum(c.glb.writes)],
  ['energy.dram.read', (t, d) => ({ ...t, dram: { ...t.dram, read: t.dram.read + d } }), (c) => sum(c.dram.reads)],
  ['energy.dram.write', (t, d) => ({ ...t, dram: { ...t.dram, write: t.dram.write + d } }), (c) => sum(c.dram.writes)],
  ['energy.codebookLookup', (t, d) => ({ ...t, codebookLookup: t.codebookLookup + d }), (c) => c.sharing?.codebookLookups ?? 0],
  ['energy.psumAdd', (t, d) => ({ ...t, psumAdd: t.psumAdd + d }), (c) => c.sharing?.psumAdds ?? 0],
];

/** The numeric fields of the energy table as the hardware file's field table lists them (energy.unit is not a number). */
const TABLE_NUMBERS = NUMERIC_PATHS.filter((p) => p.startsWith('energy.'));

/** Energy is the sum of its parts and rises by exactly count x delta when one entry rises by delta. */
function checkLinear(s: Scenario, delta: number): void {
  const ev = evaluateMapping(s.layer, s.hw, s.m);
  const en = ev.energy;
  expect(en.total).toBeCloseTo(en.mac + en.rf + en.noc + en.glb + en.dram, 6);
  for (const [name, bump, count] of ENTRIES) {
    const raised = energyOf(ev.counts, bump(s.hw.energy, delta)).total;
    expect(raised, name).toBeGreaterThanOrEqual(en.total);
    const expectedRise = count(ev.counts) * delta;
    expect(Math.abs(raised - en.total - expectedRise), name).toBeLessThanOrEqual(1e-9 * Math.max(1, raised));
  }
}

describe('energy and cycles of random legal mappings', () => {
  it('has one test entry per energy-table number of the hardware file', () => {
    expect(TABLE_NUMBERS.length).toBeGreaterThanOrEqual(14);
    expect(ENTRIES.map(([n]) => n).sort()).toEqual([...TABLE_NUMBERS].sort());
  });

  it('energy is the sum of its parts and is monotone (linear) in every energy-table entry', () => {
    fc.assert(
      fc.property(
        scenarioArb(),
        fc.integer({ min: 1, max: 1000 }).map((x) => x / 8),
        (s, delta) => {
          checkLinear(s, delta);
          const ev = evaluateMapping(s.layer, s.hw, s.m);
          expect(ev.energy.mac).toBe(ev.counts.macs * s.hw.energy.mac);
          for (const part of [ev.energy.mac, ev.energy.rf, ev.energy.noc, ev.energy.dram]) expect(part).toBeGreaterThan(0);
          expect(ev.energy.glb).toBeGreaterThanOrEqual(0); // zero when every type bypasses the GLB
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is linear in the shared-layer entries too, where look-ups and psum additions are counted', () => {
    let paid = 0;
    fc.assert(
      fc.property(
        sharedScenarioArb(),
        fc.integer({ min: 1, max: 1000 }).map((x) => x / 8),
        (s, delta) => {
          checkLinear(s, delta);
          const { sharing } = evaluateMapping(s.layer, s.hw, s.m).counts;
          if (sharing && sharing.codebookLookups > 0 && sharing.psumAdds > 0) paid++;
        },
      ),
      { numRuns: 60 },
    );
    // The two shared-layer entries were really exercised, not only multiplied by zero.
    expect(paid).toBeGreaterThan(0);
  });

  it('cycles are an integer no smaller than MACs / active PEs nor DRAM words / DRAM bandwidth', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const ev = evaluateMapping(s.layer, s.hw, s.m);
        const { cycles } = ev.cycles;
        expect(Number.isInteger(cycles)).toBe(true);
        expect(ev.activePEs).toBe(s.layer.R * s.m.e * s.m.r * s.m.t * s.m.g);
        expect(ev.activePEs).toBeLessThanOrEqual(s.hw.peArray.rows * s.hw.peArray.cols);
        expect(cycles).toBeGreaterThanOrEqual(Math.ceil(layerMacs(s.layer) / ev.activePEs - 1e-9));
        expect(cycles).toBeGreaterThanOrEqual(Math.ceil(dramWords(ev.counts) / s.hw.dram.wordsPerCycle - 1e-9));
        // utilization can never exceed 1: every PE does at most one MAC per cycle
        expect(layerMacs(s.layer)).toBeLessThanOrEqual(cycles * s.hw.peArray.rows * s.hw.peArray.cols);
      }),
      { numRuns: RUNS },
    );
  });
});
