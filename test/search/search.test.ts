// The mapping search on the shipped Eyeriss hardware and on hardware that leaves no legal mapping.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import type { HardwareSpec } from '../../src/hw/spec.js';
import { checkGlb, checkPass, NoLegalMappingError } from '../../src/mapping/legality.js';
import type { Objective } from '../../src/search/objective.js';
import { TILED_DIMS, type RsMapping } from '../../src/mapping/rsMapping.js';
import { searchMapping, type SearchResult } from '../../src/search/search.js';
import { tileLayer } from '../../src/model/accessCounts.js';
import type { Evaluation } from '../../src/model/evaluate.js';
import { layerMacs, makeLayer, type Layer } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { convLayer, makeHw, mapping } from '../model/arbitraries.js';

const eyeriss = loadHardware(fileURLToPath(new URL('../../hardware/eyeriss.json', import.meta.url)));
const alexnet4 = resolveModel('alexnet', 4);
const CONVS = ['CONV1', 'CONV2', 'CONV3', 'CONV4', 'CONV5'];
const alexConv = (name: string): Layer => alexnet4.layers.find((l) => l.name === name)!;

// Searches are deterministic and take up to a few hundred ms; share them between tests.
const memo = new Map<string, SearchResult>();
function search(layer: Layer, objective: Objective, limit?: number, hw: HardwareSpec = eyeriss): SearchResult {
  const key = `${layer.name}|${layer.N}|${objective}|${limit ?? 'default'}|${hw === eyeriss ? 'eyeriss' : hw.name}`;
  let r = memo.get(key);
  if (!r) {
    r = searchMapping(layer, hw, objective, limit);
    memo.set(key, r);
  }
  return r;
}

const sum = (v: { ifmap: number; filter: number; psum: number }) => v.ifmap + v.filter + v.psum;
const dramWords = (ev: Evaluation) => sum(ev.counts.dram.reads) + sum(ev.counts.dram.writes);

function expectLegal(layer: Layer, m: RsMapping, hw: HardwareSpec = eyeriss): void {
  for (const k of ['e', 'r', 't', 'g', 'p', 'q', 'n'] as const) {
    expect(Number.isInteger(m[k]) && m[k] >= 1, `${layer.name}: ${k}=${m[k]}`).toBe(true);
  }
  for (const [d, f] of Object.entries(m.glbFactor)) {
    expect(Number.isInteger(f) && f >= 1, `${layer.name}: glbFactor.${d}=${f}`).toBe(true);
  }
  expect([...m.dramOrder].sort()).toEqual([...TILED_DIMS].sort());
  expect([...m.glbOrder].sort()).toEqual([...TILED_DIMS].sort());
  expect(checkPass(layer, hw, m), layer.name).toBeNull();
  expect(checkGlb(layer, hw, tileLayer(layer, m)), layer.name).toBeNull();
}

describe('AlexNet CONV1..5 at batch 4 on hardware/eyeriss.json', () => {
  it('every layer maps to a legal mapping that computes all of its MACs', () => {
    for (const name of CONVS) {
      const layer = alexConv(name);
      const { best } = search(layer, 'energy');
      expectLegal(layer, best.mapping);
      expect(best.counts.macs, name).toBe(layerMacs(layer));
      expect(best.activePEs, name).toBeLessThanOrEqual(12 * 14);
    }
  });

  it('DRAM accesses per MAC over CONV1..5 are between 0.001 and 0.01', () => {
    // Eyeriss (ISCA'16 / JSSC'17) reports 0.0029 DRAM accesses per MAC for AlexNet CONV1-5 at N = 4, measured
    // WITH run-length compression of zeros on DRAM traffic; this model does not compress, so it may be somewhat
    // higher, but must stay in the same order of magnitude.
    let dram = 0;
    let macs = 0;
    for (const name of CONVS) {
      const { best } = search(alexConv(name), 'energy');
      dram += dramWords(best);
      macs += best.counts.macs;
    }
    expect(macs).toBe(4 * (105_415_200 + 223_948_800 + 149_520_384 + 112_140_288 + 74_760_192));
    const perMac = dram / macs;
    expect(perMac).toBeGreaterThan(0.001);
    expect(perMac).toBeLessThan(0.01);
  });

  it('the latency objective is never slower, and the energy objective never costlier, than the other', () => {
    // With the default limit (256 pass tiles) neither search is exhaustive, so this also checks that the bound
    // ordering finds each objective's optimum before the limit on these layers.
    for (const name of ['CONV1', 'CONV2', 'CONV5']) {
      const layer = alexConv(name);
      const byEnergy = search(layer, 'energy').best;
      const byLatency = search(layer, 'latency').best;
      expectLegal(layer, byLatency.mapping);
      expect(byLatency.cycles.cycles, name).toBeLessThanOrEqual(byEnergy.cycles.cycles);
      expect(byEnergy.energy.total, name).toBeLessThanOrEqual(byLatency.energy.total);
    }
  });

  it('the EDP objective has the smallest energy x cycles of the three objectives', () => {
    for (const name of ['CONV1', 'CONV5']) {
      const layer = alexConv(name);
      const edp = (ev: Evaluation) => ev.energy.total * ev.cycles.cycles;
      const byEdp = search(layer, 'edp').best;
      expectLegal(layer, byEdp.mapping);
      expect(edp(byEdp), name).toBeLessThanOrEqual(edp(search(layer, 'energy').best));
      expect(edp(byEdp), name).toBeLessThanOrEqual(edp(search(layer, 'latency').best));
    }
  });

  it('an exhaustive search (limit 0) is never worse than the default limit', () => {
    for (const name of ['CONV1', 'CONV5']) {
      const layer = alexConv(name);
      const exhaustive = search(layer, 'energy', 0);
      const bounded = search(layer, 'energy');
      expectLegal(layer, exhaustive.best.mapping);
      expect(exhaustive.best.energy.total, name).toBeLessThanOrEqual(bounded.best.energy.total);
      expect(exhaustive.explored, name).toBeGreaterThanOrEqual(bounded.explored);
    }
  });

  it('is deterministic: two runs give deep-equal results', () => {
    const layer = alexConv('CONV2');
    expect(searchMapping(layer, eyeriss, 'energy')).toEqual(searchMapping(layer, eyeriss, 'energy'));
    expect(searchMapping(layer, eyeriss, 'latency', 8)).toEqual(searchMapping(layer, eyeriss, 'latency', 8));
  });
});

describe('layer kinds', () => {
  it('maps every depthwise layer of MobileNet-v1 (groups = C = M)', () => {
    const dw = resolveModel('mobilenet-v1', 1).layers.filter((l) => l.groups > 1);
    expect(dw).toHaveLength(13);
    for (const layer of dw) {
      expect([layer.C, layer.M]).toEqual([layer.groups, layer.groups]);
      const { best } = search(layer, 'energy');
      expectLegal(layer, best.mapping);
      expect(best.counts.macs, layer.name).toBe(layer.N * layer.C * layer.E * layer.F * 9);
      // a depthwise filter has one channel: it is read from DRAM at least once, R*S words per channel
      expect(best.counts.dram.reads.filter, layer.name).toBeGreaterThanOrEqual(layer.C * 9);
    }
  });

  it('maps fully connected layers (kind "fc", E = F = 1)', () => {
    const fcs = [
      ...resolveModel('alexnet', 4).layers.filter((l) => l.kind === 'fc'),
      ...resolveModel('lenet5', 1).layers.filter((l) => l.kind === 'fc'),
    ];
    expect(fcs.map((l) => l.name)).toEqual(['FC6', 'FC7', 'FC8', 'fc1', 'fc2']);
    for (const layer of fcs) {
      expect([layer.E, layer.F], layer.name).toEqual([1, 1]);
      const { best } = search(layer, 'energy');
      expectLegal(layer, best.mapping);
      expect(best.mapping.e, layer.name).toBe(1);
      expect(best.counts.macs, layer.name).toBe(layer.N * layer.M * layer.C * layer.R * layer.S);
    }
  });
});

describe('no legal mapping', () => {
  function caught(f: () => unknown): unknown {
    try {
      f();
    } catch (error) {
      return error;
    }
    return undefined;
  }

  it('a 13-row filter on the 12-row array names the layer and the PE rows', () => {
    const tall = makeLayer({ name: 'tall13', kind: 'conv', C: 4, M: 4, H: 20, W: 20, R: 13, S: 3, stride: 1, padding: 0, groups: 1 }, 1);
    const error = caught(() => searchMapping(tall, eyeriss, 'energy'));
    expect(error).toBeInstanceOf(NoLegalMappingError);
    expect((error as Error).message).toContain('tall13');
    expect((error as Error).message).toContain('PE rows');
    expect((error as NoLegalMappingError).layer).toBe('tall13');
  });

  it('a GLB too small for any tile names glb.capacityBytes', () => {
    const tiny: HardwareSpec = { ...eyeriss, name: 'tiny-glb', glb: { ...eyeriss.glb, capacityBytes: 16 } };
    const layer = alexConv('CONV3');
    const error = caught(() => searchMapping(layer, tiny, 'energy'));
    expect(error).toBeInstanceOf(NoLegalMappingError);
    expect((error as Error).message).toContain('CONV3');
    expect((error as Error).message).toContain('glb.capacityBytes');
  });

  // A larger t also makes the smallest GLB tile larger (p*t filters). Here a legal mapping exists - t = 1 needs a
  // GLB tile of 1 ifmap + 1 filter + 1 psum = 3 words, and 4 are usable - while t = 2 (both PEs) needs
  // 1 + 2 + 2 = 5 words; a search offering only the largest t would throw NoLegalMappingError.
  const small = convLayer({ C: 1, M: 2, H: 1, W: 1, R: 1, S: 1 });
  const tightHw = makeHw({ rows: 2, cols: 1, ifmapWords: 1, filterWords: 1, psumWords: 1, capacityBytes: 8 });

  it('(precondition of the next case) t = 1 is legal on the 2x1 array with a 4-word GLB', () => {
    expectLegal(small, mapping({ t: 1 }), tightHw);
  });

  it('finds a mapping whenever checkPass and checkGlb accept one (t below its maximum)', () => {
    const { best } = searchMapping(small, tightHw, 'energy', 0);
    expectLegal(small, best.mapping, tightHw);
  });
});
