import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/random/rng.js';
import { fanIn, heNormalWeights, zeroBiases } from '../../src/workload/weights/synthetic.js';
import { filterWords } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

describe('seeded randomness', () => {
  it('the same seed gives the same stream; neighbouring seeds do not', () => {
    const draw = (seed: number): number[] => {
      const rng = createRng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(1000)).toEqual(draw(1000));
    expect(draw(1000)).not.toEqual(draw(1001));
    expect(draw(2 ** 32 + 5)).not.toEqual(draw(5)); // the high word matters
  });

  it('uniform() is in [0, 1) with mean 1/2; normal() has mean 0 and variance 1', () => {
    const rng = createRng(7);
    const n = 200_000;
    let su = 0;
    let sn = 0;
    let sn2 = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      su += u;
      const z = rng.normal();
      sn += z;
      sn2 += z * z;
    }
    expect(outside).toBe(0);
    // Standard errors: 0.29/sqrt(n) = 6e-4 for the uniform mean, 2.2e-3 for the normal mean, 3.2e-3 for the variance.
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(sn / n)).toBeLessThan(0.012);
    expect(Math.abs(sn2 / n - 1)).toBeLessThan(0.016);
  });

  it('He-normal weights: one per filter word, std sqrt(2 / fan_in), deterministic per seed', () => {
    const wrn = resolveModel('wrn-16-4', 1);
    const layer = wrn.layers.find((l) => l.name === 'block3.layer.0.conv2')!; // 256 x 256 x 3 x 3
    expect(fanIn(layer)).toBe(256 * 9);
    const w = heNormalWeights(layer, 3);
    expect(w.length).toBe(filterWords(layer));
    let s2 = 0;
    for (const v of w) s2 += v * v;
    const std = Math.sqrt(s2 / w.length);
    expect(Math.abs(std / Math.sqrt(2 / (256 * 9)) - 1)).toBeLessThan(0.01); // 590k samples: relative s.e. ~1e-3
    expect(Buffer.from(heNormalWeights(layer, 3).buffer).equals(Buffer.from(w.buffer))).toBe(true);
    const fc = wrn.layers.find((l) => l.kind === 'fc')!;
    expect(fanIn(fc)).toBe(256); // FC after global pooling: R = S = 1
    expect(zeroBiases(fc)).toEqual(new Float32Array(10));
  });
});
