import { describe, expect, it } from 'vitest';
import { convLayers, ratePlan, shareNetwork } from '../../src/compress/plan.js';
import { heNormalWeights } from '../../src/workload/weights/synthetic.js';
import { kFromClusterRate, shareLayerWeights } from '../../src/compress/sharing.js';
import { makeLayer, type Layer } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

// 8 filters x 4 channels x 3 rows: N = 96 rows of length 3.
const layer: Layer = makeLayer({ name: 'c', kind: 'conv', C: 4, M: 8, H: 6, W: 6, R: 3, S: 3, stride: 1, padding: 1, groups: 1 }, 1);
const weights = heNormalWeights(layer, 5);
const N = 96;

const row = (w: Float32Array, i: number): number[] => [...w.subarray(i * 3, i * 3 + 3)];
const norm2 = (w: Float32Array, i: number): number => row(w, i).reduce((s, v) => s + v * v, 0);

describe('shareLayerWeights', () => {
  it('replaces every row by its centre, in the input layout, and reports that distortion', () => {
    const s = shareLayerWeights(weights, layer, { k: 10 }, { seed: 1 });
    expect(s).toMatchObject({ layer: 'c', rows: N, rowLength: 3, k: 10, zeroRows: 0 });
    expect(s.sharedWeights.length).toBe(weights.length);
    let d = 0;
    for (let i = 0; i < N; i++) {
      const centre = [...s.codebook.subarray(s.index[i] * 3, s.index[i] * 3 + 3)];
      expect(row(s.sharedWeights, i)).toEqual(centre);
      d += row(weights, i).reduce((acc, v, t) => acc + (v - centre[t]) ** 2, 0);
    }
    expect(s.distortion).toBeCloseTo(d, 12);
    expect([...s.clusterSizes].reduce((a, b) => a + b, 0)).toBe(N);
  });

  it('sparsity p (the paper): exactly floor(pN) smallest-norm rows in cluster 0, whose centre is zero', () => {
    for (const p of [0.3, 0.62, 0.87]) {
      const s = shareLayerWeights(weights, layer, { k: 7 }, { seed: 2, sparsity: p });
      const z = Math.floor(p * N);
      expect(s.zeroRows).toBe(z);
      expect(s.clusterSizes[0]).toBe(z);
      expect(s.k).toBe(7);
      expect([...s.codebook.subarray(0, 3)]).toEqual([0, 0, 0]);
      const inZero = [...s.index.keys()].filter((i) => s.index[i] === 0);
      const smallest = [...Array(N).keys()].sort((a, b) => norm2(weights, a) - norm2(weights, b) || a - b).slice(0, z);
      expect(inZero).toEqual(smallest.sort((a, b) => a - b));
      for (const i of inZero) expect(row(s.sharedWeights, i)).toEqual([0, 0, 0]);
    }
  });

  it('sparsity ties (equal norms) go to the lower row index', () => {
    // Every row is a unit vector along one axis: all norms are 1, so the first floor(0.5 * 96) = 48 rows go.
    const units = Float32Array.from({ length: N * 3 }, (_, i) => (i % 3 === Math.floor(i / 3) % 3 ? 1 : 0));
    const s = shareLayerWeights(units, layer, { k: 4 }, { seed: 0, sparsity: 0.5 });
    expect([...s.index.subarray(0, 48)].every((j) => j === 0)).toBe(true);
    expect([...s.index.subarray(48)].every((j) => j !== 0)).toBe(true);
    expect(s.distortion).toBe(48); // 48 unit rows on the zero centre; the other 48 sit exactly on 3 centres
  });

  it("sparsity by the authors' code: the rows nearest the mean row, centred on their own mean", () => {
    const shifted = weights.map((v, i) => v + (i % 3 === 0 ? 0.5 : 0)); // a mean row far from zero
    const s = shareLayerWeights(shifted, layer, { k: 5 }, { seed: 2, sparsity: 0.5, sparsityRule: 'nearest-mean' });
    const mean = [0, 1, 2].map((t) => Math.fround([...Array(N).keys()].reduce((acc, i) => acc + shifted[i * 3 + t], 0) / N));
    const dist = (i: number): number => row(shifted, i).reduce((acc, v, t) => acc + (v - mean[t]) ** 2, 0);
    const nearest = [...Array(N).keys()].sort((a, b) => dist(a) - dist(b) || a - b).slice(0, 48);
    const inCluster = [...s.index.keys()].filter((i) => s.index[i] === 0);
    expect(inCluster).toEqual(nearest.sort((a, b) => a - b));
    const centre = [0, 1, 2].map((t) => Math.fround(nearest.reduce((acc, i) => acc + shifted[i * 3 + t], 0) / 48));
    expect([...s.codebook.subarray(0, 3)]).toEqual(centre);
  });

  it('K >= N leaves the layer as it is (the uncompressed first layer)', () => {
    const s = shareLayerWeights(weights, layer, { k: N }, { seed: 0 });
    expect(s.k).toBe(N);
    expect(s.distortion).toBe(0);
    expect(Buffer.from(s.sharedWeights.buffer).equals(Buffer.from(weights.buffer))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = shareLayerWeights(weights, layer, { k: 9 }, { seed: 4, sparsity: 0.4 });
    const b = shareLayerWeights(weights, layer, { k: 9 }, { seed: 4, sparsity: 0.4 });
    expect(Buffer.from(a.codebook.buffer).equals(Buffer.from(b.codebook.buffer))).toBe(true);
    expect([...a.index]).toEqual([...b.index]);
  });

  it('rejects impossible specs, naming the layer', () => {
    expect(() => shareLayerWeights(weights, layer, { k: 1 }, { seed: 0, sparsity: 0.5 })).toThrow(/layer "c".*K >= 2/);
    expect(() => shareLayerWeights(weights, layer, { k: 4 }, { seed: 0, sparsity: 1 })).toThrow(/\[0, 1\)/);
    expect(() => shareLayerWeights(weights, layer, { k: 0 }, { seed: 0 })).toThrow(/positive integer/);
    expect(() => shareLayerWeights(new Float32Array(3), layer, { k: 2 }, { seed: 0 })).toThrow(/expected 288 weights/);
  });
});

describe('cluster rates and plans', () => {
  it('K = max(1, round(rate * N)), halves rounded up', () => {
    expect(kFromClusterRate(10, 0.25)).toBe(3); // 2.5 -> 3
    expect(kFromClusterRate(1000, 0.05)).toBe(50);
    expect(kFromClusterRate(10, 0.01)).toBe(1); // 0.1 -> 0 -> at least 1
    expect(kFromClusterRate(144, 1)).toBe(144);
    expect(() => kFromClusterRate(10, 0)).toThrow(/\(0, 1\]/);
    expect(() => kFromClusterRate(10, 1.5)).toThrow(/\(0, 1\]/);
  });

  it('a rate plan leaves the first conv layer uncompressed (K = N) unless given its own rate', () => {
    const alex = resolveModel('alexnet', 1);
    const convs = convLayers(alex.layers);
    const plan = ratePlan(alex.layers, 0.1);
    expect(plan.k.length).toBe(convs.length);
    expect(plan.k[0]).toBe(96 * 3 * 11); // conv1: M 96 x C 3 x R 11 rows
    expect(plan.k[1]).toBe(Math.round(0.1 * 256 * 48 * 5)); // conv2, 2 groups: C/groups = 48
    expect(ratePlan(alex.layers, 0.1, 0.5).k[0]).toBe(Math.round(0.5 * 3168));
  });

  it('shareNetwork seeds conv layer i with 1000 + i and checks the plan length', () => {
    const lenet = resolveModel('lenet5', 1);
    const convs = convLayers(lenet.layers);
    const plan = { k: convs.map(() => 4), sparsity: convs.map(() => 0.25) };
    const shared = shareNetwork(lenet.layers, (l, i) => heNormalWeights(l, i), plan);
    expect(shared.map((s) => s.layer)).toEqual(convs.map((l) => l.name));
    const again = shareLayerWeights(heNormalWeights(convs[1], 1), convs[1], { k: 4 }, { seed: 1001, sparsity: 0.25 });
    expect([...shared[1].index]).toEqual([...again.index]);
    expect(() => shareNetwork(lenet.layers, (l) => heNormalWeights(l, 0), { k: [4] })).toThrow(/1 K values for 2 conv layers/);
  });
});
