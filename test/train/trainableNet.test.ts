// The zoo's LeNet-5 as a trainable network (pools from the shapes, the ReLU from the recipe), the layout
// conversions to tfjs kernels, and the initial parameters.
import { describe, expect, it } from 'vitest';
import { trainableModel } from '../../src/train/models.js';
import { xavierParams } from '../../src/train/params.js';
import { oihwToDense, oihwToHwio } from '../../src/train/tfLayout.js';
import { trainableNet } from '../../src/train/trainableNet.js';
import { makeLayer } from '../../src/workload/layer.js';
import { denseToOihw, hwioToOihw } from '../../src/workload/weights/layout.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { tinyNet } from './tinyNet.js';

describe('trainableModel("lenet5")', () => {
  const net = trainableModel('lenet5')!;

  it('trains the zoo layers themselves, with a 2x2 pool after each conv and a ReLU after fc1', () => {
    expect(net.stages.map((s) => s.layer)).toEqual(resolveModel('lenet5', 1).layers);
    expect(net.stages.map((s) => [s.layer.name, s.pool, s.relu])).toEqual([
      ['conv1', 2, false],
      ['conv2', 2, false],
      ['fc1', 1, true],
      ['fc2', 1, false],
    ]);
    expect(net.input).toEqual([28, 28, 1]);
    expect(net.classes).toBe(10);
  });

  it('has no recipe for other zoo models', () => {
    expect(trainableModel('alexnet')).toBeUndefined();
  });
});

describe('trainableNet', () => {
  const conv = (name: string, C: number, M: number, H: number) =>
    makeLayer({ name, kind: 'conv', C, M, H, W: H, R: 3, S: 3, stride: 1, padding: 0, groups: 1 }, 1);
  const fc = (name: string, C: number, M: number, H: number) =>
    makeLayer({ name, kind: 'fc', C, M, H, W: H, R: H, S: H, stride: 1, padding: 0, groups: 1 }, 1);

  it('refuses shapes that no pool connects, a channel mismatch, and a conv at the end', () => {
    // conv a: 9x9 -> 7x7; 7 / 3 is not an integer
    expect(() => trainableNet({ name: 'n', layers: [conv('a', 1, 2, 9), fc('b', 2, 3, 3)] }, [])).toThrow(
      /7x7 output does not become a 3x3 input/,
    );
    expect(() => trainableNet({ name: 'n', layers: [conv('a', 1, 2, 9), fc('b', 4, 3, 7)] }, [])).toThrow(/reads 4 channels, "a" makes 2/);
    expect(() => trainableNet({ name: 'n', layers: [conv('a', 1, 2, 9)] }, [])).toThrow(/must be fc/);
    expect(() => trainableNet({ name: 'n', layers: [conv('a', 1, 2, 9), fc('b', 2, 3, 7)] }, ['c'])).toThrow(/unknown layer "c"/);
  });
});

describe('tfjs layouts', () => {
  const seq = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

  it("are the inverses of the loaders' conversions", () => {
    expect([...hwioToOihw(oihwToHwio(seq(4 * 3 * 2 * 5), [4, 3, 2, 5]), [2, 5, 3, 4])]).toEqual([...seq(120)]);
    expect([...denseToOihw(oihwToDense(seq(6 * 3 * 2 * 2), [6, 3, 2, 2]), [6, 3, 2, 2], 'hwc')]).toEqual([...seq(72)]);
  });

  it('put OIHW element (m, c, r, s) at HWIO ((r*S + s)*C + c)*M + m', () => {
    // M=2, C=1, R=1, S=2: OIHW [m0s0, m0s1, m1s0, m1s1] = [0, 1, 2, 3] -> HWIO [s0m0, s0m1, s1m0, s1m1] = [0, 2, 1, 3]
    expect([...oihwToHwio(seq(4), [2, 1, 1, 2])]).toEqual([0, 2, 1, 3]);
  });
});

describe('xavierParams', () => {
  it('draws the same weights for the same seed and others for another', () => {
    const net = tinyNet();
    const a = xavierParams(net, 5);
    expect(xavierParams(net, 5)).toEqual(a);
    expect(xavierParams(net, 6).get('conv1')!.weights).not.toEqual(a.get('conv1')!.weights);
  });

  it("draws LeNet-5's weights within +-sqrt(3 / fan_in) per layer, reaching near it, and zero biases", () => {
    const net = trainableModel('lenet5')!;
    const a = xavierParams(net, 5);
    for (const { layer } of net.stages) {
      const p = a.get(layer.name)!;
      const limit = Math.sqrt(3 / (layer.C * layer.R * layer.S)); // conv2: sqrt(3 / 500), fc1: sqrt(3 / 800)
      const largest = p.weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
      expect(largest).toBeLessThanOrEqual(limit);
      expect(largest).toBeGreaterThan(0.9 * limit);
      expect([...p.bias].every((b) => b === 0)).toBe(true);
    }
  });
});
