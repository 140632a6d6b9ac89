// The simulator's event-counted accesses against the analytical model (two independent derivations),
// and bounds every cycle count must respect.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import { usableGlbWords, type HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, glbTileSizes, glbTileWords } from '../../src/mapping/legality.js';
import { searchMapping } from '../../src/search/search.js';
import { computeCycles } from '../../src/model/cycles.js';
import { countAccesses, tileLayer } from '../../src/model/accessCounts.js';
import { activePEs } from '../../src/model/evaluate.js';
import { layerShapeKey } from '../../src/run/analyzeNetwork.js';
import { simulateLayer } from '../../src/sim/engine.js';
import { layerMacs, mappingView, type Layer } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { convLayer, describeScenario, makeHw, mapping, scenarioArb } from '../model/arbitraries.js';

const eyeriss = loadHardware('hardware/eyeriss.json');

function agreeOn(layers: readonly Layer[], hw: HardwareSpec = eyeriss) {
  for (const layer of layers.map(mappingView)) {
    const { mapping, counts } = searchMapping(layer, hw, 'energy').best;
    expect(simulateLayer(layer, hw, mapping).counts, layer.name).toEqual(counts);
  }
}

const distinct = (layers: readonly Layer[]) => [...new Map(layers.map((l) => [layerShapeKey(l), l])).values()];

describe('simulated accesses equal the analytical counts', () => {
  it('on every AlexNet layer, batch 1 and 4', () => {
    agreeOn(resolveModel('alexnet', 1).layers);
    agreeOn(resolveModel('alexnet', 4).layers);
  });

  it("on VGG-16's first block", () => {
    agreeOn(resolveModel('vgg16', 1).layers.filter((l) => l.name.startsWith('conv1_')));
  });

  it("on ResNet-50's distinct layer shapes", () => {
    agreeOn(distinct(resolveModel('resnet50', 1).layers));
  });

  it('on MobileNet-v1 depthwise and pointwise layers at batch 2 on the 45 nm table', () => {
    agreeOn(distinct(resolveModel('mobilenet-v1', 2).layers).slice(0, 8), loadHardware('hardware/eyeriss-45nm.json'));
  });

  it('on random small layers and legal mappings (every bypass set, tight GLBs, any loop order)', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const sim = simulateLayer(s.layer, s.hw, s.m);
        expect(sim.counts, describeScenario(s)).toEqual(countAccesses(s.layer, s.hw, s.m));
      }),
      { numRuns: 400 },
    );
  });
});

describe('simulated cycles', () => {
  it('are at least MACs / active PEs and DRAM words / DRAM bandwidth', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const { counts, stats } = simulateLayer(s.layer, s.hw, s.m);
        const dramWords =
          Object.values(counts.dram.reads).reduce((a, b) => a + b, 0) + Object.values(counts.dram.writes).reduce((a, b) => a + b, 0);
        expect(stats.cycles).toBeGreaterThanOrEqual(Math.ceil(layerMacs(s.layer) / activePEs(s.layer, s.m)));
        expect(stats.cycles).toBeGreaterThanOrEqual(Math.ceil(dramWords / s.hw.dram.wordsPerCycle - 1e-9));
        expect(stats.utilization).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });

  it('equal the compute bound when every bandwidth is very high', () => {
    fc.assert(
      fc.property(scenarioArb(), (s) => {
        const fast: HardwareSpec = {
          ...s.hw,
          dram: { wordsPerCycle: 1e12 },
          glb: { ...s.hw.glb, wordsPerCyclePerBank: 1e12 },
          noc: { ...s.hw.noc, wordsPerCycle: { ifmap: 1e12, filter: 1e12, psum: 1e12 } },
        };
        const { stats } = simulateLayer(s.layer, fast, s.m);
        expect(stats.cycles, describeScenario(s)).toBe(computeCycles(s.layer, s.hw, s.m, tileLayer(s.layer, s.m)));
        expect(Object.values(stats.stallCycles).every((c) => c < 1e-3)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('grow by the pipeline fill of every pass with a deeper MAC pipeline', () => {
    const layer = mappingView(resolveModel('alexnet', 1).layers[2]);
    const { mapping } = searchMapping(layer, eyeriss, 'energy').best;
    const shallow = simulateLayer(layer, eyeriss, mapping).stats;
    const deep = simulateLayer(layer, { ...eyeriss, peArray: { ...eyeriss.peArray, macPipelineDepth: 4 } }, mapping).stats;
    expect(deep.cycles).toBeGreaterThanOrEqual(shallow.cycles + 3 * shallow.passes - 1);
  });

  it('count DRAM stalls on Eyeriss (GLB not double-buffered) and fewer with a double-buffered GLB', () => {
    // Twice the capacity, half of it filling: the same tiles fit and the same words move, and a GLB tile loads
    // while the passes of the one before run. Eyeriss' filters bypass the GLB, so the passes' waits for their
    // filter streams stay; only the waits for later GLB tiles can go (the first tile has nothing to hide behind).
    const doubled: HardwareSpec = { ...eyeriss, glb: { ...eyeriss.glb, capacityBytes: 2 * eyeriss.glb.capacityBytes, doubleBuffer: true } };
    const fewer: string[] = [];
    for (const layer of resolveModel('alexnet', 1)
      .layers.filter((l) => l.kind === 'conv')
      .map(mappingView)) {
      const { mapping } = searchMapping(layer, eyeriss, 'energy').best;
      const single = simulateLayer(layer, eyeriss, mapping);
      const overlapped = simulateLayer(layer, doubled, mapping);
      expect(single.stats.stallCycles.dram, layer.name).toBeGreaterThan(0);
      expect(single.stats.cycles).toBeGreaterThan(computeCycles(layer, eyeriss, mapping, tileLayer(layer, mapping)));
      expect(overlapped.counts, layer.name).toEqual(single.counts);
      expect(overlapped.stats.stallCycles.dram, layer.name).toBeLessThanOrEqual(single.stats.stallCycles.dram);
      expect(overlapped.stats.cycles, layer.name).toBeLessThanOrEqual(single.stats.cycles);
      if (overlapped.stats.stallCycles.dram < single.stats.stallCycles.dram) fewer.push(layer.name);
    }
    // CONV4's energy-optimal mapping loads several GLB tiles; its later ones stop waiting.
    expect(fewer).toContain('CONV4');
  });

  it('overlap GLB tile loads with the passes when the GLB is double-buffered', () => {
    // Filters kept in the GLB, so passes do not use the DRAM channel and a prefetch can overlap them.
    const layer = mappingView(resolveModel('alexnet', 1).layers[2]);
    const kept: HardwareSpec = { ...eyeriss, glb: { ...eyeriss.glb, bypass: [] } };
    const { mapping } = searchMapping(layer, kept, 'energy').best;
    const single = simulateLayer(layer, kept, mapping);
    // Twice the capacity, half of it prefetching: the same tiles fit.
    const doubled: HardwareSpec = { ...kept, glb: { ...kept.glb, capacityBytes: 2 * kept.glb.capacityBytes, doubleBuffer: true } };
    const overlapped = simulateLayer(layer, doubled, mapping);
    expect(overlapped.counts).toEqual(single.counts);
    expect(single.stats.stallCycles.dram).toBeGreaterThan(0);
    expect(overlapped.stats.stallCycles.dram).toBeLessThan(single.stats.stallCycles.dram);
    expect(overlapped.stats.cycles).toBeLessThan(single.stats.cycles);
  });

  it('carry a word per receiving PE over the buses without multicast (counted by hand)', () => {
    // Two 1x1 filters on one 3x3 channel: sets of 1 x 3 PEs (e = 3), t = 2 of them side by side share each
    // ifmap row, and each filter weight goes to the 3 PEs of its set. Buses carry 1 word per cycle; DRAM and
    // the GLB are so fast that their 9 + 2 fill words and 18 write-back words take 0.029 cycles.
    const layer = convLayer({ C: 1, M: 2, H: 3, W: 3, R: 1, S: 1 });
    const m = mapping({ e: 3, t: 2 });
    const hw = (multicast: boolean) =>
      makeHw({ rows: 1, cols: 6, nocWordsPerCycle: 1, multicast, banks: 1, wordsPerCyclePerBank: 1000, dramWordsPerCycle: 1000 });
    // Both streams are read from the GLB, which serves one transfer at a time and is held while the slower
    // bus carries it. With multicast: the 2 filter words take 2 cycles, then the 9 ifmap words 9 (the 3 MACs
    // are done by then), then the 2 x 3 x 3 = 18 outputs drain over the psum bus: 2 + 9 + 18 = 29.
    expect(simulateLayer(layer, hw(true), m).stats.cycles).toBe(Math.ceil(29 + 0.029 - 1e-3));
    // Without: each weight goes to 3 PEs and each ifmap row to both sets: 6 + 18 + 18 = 42.
    expect(simulateLayer(layer, hw(false), m).stats.cycles).toBe(Math.ceil(42 + 0.029 - 1e-3));
  });

  it('take the GLB words legality takes: half of an odd capacity, rounded down, with a double-buffered GLB', () => {
    const layer = mappingView(resolveModel('alexnet', 1).layers[2]);
    const { mapping } = searchMapping(layer, eyeriss, 'energy').best;
    const words = glbTileWords(layer, eyeriss, glbTileSizes(tileLayer(layer, mapping)));
    const tile = words.ifmap + words.filter + words.psum;
    // 2 x tile + 1 words (16-bit words: 2 bytes each): the idle half aside, tile words usable, as the tile needs.
    const hw = (capacityWords: number): HardwareSpec => ({
      ...eyeriss,
      glb: { ...eyeriss.glb, capacityBytes: 2 * capacityWords, doubleBuffer: true },
    });
    expect(usableGlbWords(hw(2 * tile + 1))).toBe(tile);
    expect(checkGlb(layer, hw(2 * tile + 1), tileLayer(layer, mapping))).toBeNull();
    expect(() => simulateLayer(layer, hw(2 * tile + 1), mapping)).not.toThrow();
    // 2 x tile - 1 words: tile - 1 usable (not tile - 0.5), refused alike by legality and the simulator.
    expect(checkGlb(layer, hw(2 * tile - 1), tileLayer(layer, mapping))).toContain(`but ${tile - 1} are usable`);
    expect(() => simulateLayer(layer, hw(2 * tile - 1), mapping)).toThrow(`${tile} words held, ${tile - 1} usable`);
  });

  it('never hold more in the GLB than it has', () => {
    const layer = mappingView(resolveModel('alexnet', 1).layers[2]);
    const { mapping } = searchMapping(layer, eyeriss, 'energy').best;
    const small: HardwareSpec = { ...eyeriss, glb: { ...eyeriss.glb, capacityBytes: 2048 } };
    expect(() => simulateLayer(layer, small, mapping)).toThrow(/GLB overflow in layer "CONV3"/);
  });
});
