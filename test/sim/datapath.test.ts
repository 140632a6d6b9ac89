// The functional data path on tiny layers worked out by hand, accumulator wrapping, and the fixed-point helpers.
import { describe, expect, it } from 'vitest';
import type { RsMapping } from '../../src/mapping/rsMapping.js';
import { FunctionalDatapath } from '../../src/sim/datapath.js';
import { quantize, randomFixedTensor, signedRange, wrapToBits } from '../../src/sim/fixedPoint.js';
import { planPass } from '../../src/sim/passPlan.js';
import type { PassRanges } from '../../src/sim/types.js';
import type { Layer } from '../../src/workload/layer.js';
import { convLayer, makeHw } from '../model/arbitraries.js';

const rs = (pass: Partial<Pick<RsMapping, 'e' | 'r' | 't' | 'g' | 'p' | 'q' | 'n'>>): RsMapping => ({
  e: 1,
  r: 1,
  t: 1,
  g: 1,
  p: 1,
  q: 1,
  n: 1,
  ...pass,
  glbFactor: { G: 1, N: 1, M: 1, C: 1, E: 1 },
  dramOrder: ['N', 'M', 'C', 'E'],
  glbOrder: ['N', 'M', 'C', 'E'],
});

/** The ranges of a pass covering the whole layer (one group). */
const everything = (l: Layer): PassRanges => ({
  G: { start: 0, count: l.groups },
  N: { start: 0, count: l.N },
  M: { start: 0, count: l.M / l.groups },
  C: { start: 0, count: l.C / l.groups },
  E: { start: 0, count: l.E },
});

const i32 = (v: readonly number[]) => Int32Array.from(v);

describe('FunctionalDatapath on hand-computed layers', () => {
  it('1x4x4 ramp input, one asymmetric 3x3 filter, stride 1, no padding, one pass', () => {
    const layer = convLayer({ C: 1, M: 1, H: 4, W: 4, R: 3, S: 3 });
    expect([layer.E, layer.F]).toEqual([2, 2]);
    // x[h][w] = 4h + w
    const ifmap = i32(Array.from({ length: 16 }, (_, k) => k));
    // w = [[1, 2, 0], [0, 1, 0], [-1, 0, 3]]
    const weights = i32([1, 2, 0, 0, 1, 0, -1, 0, 3]);
    const m = rs({ e: 2 });
    const plan = planPass(layer, makeHw({ rows: 3, cols: 2 }), m, everything(layer), 0, false);
    expect(plan.pes).toHaveLength(6); // R x e
    const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 32 });
    dp.runPass(plan);
    // out[e][f] = sum_ij w[i][j] * (4(e+i) + f + j) = 6(4e + f) + 4*(0*3 + 1*1 + 2*2) + (2 + 1 + 6) = 24e + 6f + 29
    // e.g. out[0][0] = (0 + 2 + 0) + (5) + (-8 + 30) = 29
    expect(Array.from(dp.output())).toEqual([29, 35, 53, 59]);
  });

  it('padding 1 and stride 2: whole padding rows and columns contribute zeros', () => {
    const layer = convLayer({ C: 1, M: 1, H: 3, W: 3, R: 3, S: 3, padding: 1, stride: 2 });
    expect([layer.E, layer.F]).toEqual([2, 2]);
    const ifmap = i32([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const weights = i32([1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const plan = planPass(layer, makeHw({ rows: 3, cols: 2 }), rs({ e: 2 }), everything(layer), 0, false);
    // ifmap rows 2e + i - 1: -1 (padding), 0, 1 for e = 0 and 1, 2, 3 (padding) for e = 1
    expect(plan.pes.map((pe) => pe.ifmapRow).sort()).toEqual([-1, 0, 1, 1, 2, 3]);
    const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 32 });
    dp.runPass(plan);
    // windows: 1+2+4+5, 2+3+5+6, 4+5+7+8, 5+6+8+9
    expect(Array.from(dp.output())).toEqual([12, 16, 24, 28]);
  });

  it('two channels in two passes: the second pass starts from the stored psums only when it accumulates', () => {
    const layer = convLayer({ C: 2, M: 1, H: 2, W: 2, R: 1, S: 1 });
    const ifmap = i32([1, 2, 3, 4, 10, 20, 30, 40]);
    const weights = i32([3, -1]);
    const hw = makeHw({ rows: 1, cols: 2 });
    const m = rs({ e: 2 });
    const channel = (c: number): PassRanges => ({ ...everything(layer), C: { start: c, count: 1 } });
    const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 32 });
    dp.runPass(planPass(layer, hw, m, channel(0), 0, false));
    expect(Array.from(dp.output())).toEqual([3, 6, 9, 12]);
    dp.runPass(planPass(layer, hw, m, channel(1), 1, true));
    expect(Array.from(dp.output())).toEqual([3 - 10, 6 - 20, 9 - 30, 12 - 40]);
    // Without accumulation a pass overwrites what is stored.
    dp.runPass(planPass(layer, hw, m, channel(1), 2, false));
    expect(Array.from(dp.output())).toEqual([-10, -20, -30, -40]);
  });

  it('batch, two filters and a chain of two channel replicas (r = 2) in one pass', () => {
    const layer = convLayer({ C: 2, M: 2, H: 1, W: 3, R: 1, S: 2 }, 2);
    expect([layer.E, layer.F]).toEqual([1, 2]);
    // x[n][c][0][w]
    const ifmap = i32([1, 2, 3, /* c1 */ 4, 5, 6, /* n1 c0 */ -1, 0, 1, /* c1 */ 2, 2, 2]);
    // w[m][c][0][s]
    const weights = i32([1, 1, /* m0 c1 */ 1, -1, /* m1 c0 */ 2, 0, /* m1 c1 */ 0, 3]);
    const m = rs({ e: 1, r: 2, p: 2, n: 2 });
    const plan = planPass(layer, makeHw({ rows: 2, cols: 1 }), m, everything(layer), 0, false);
    expect(plan.pes.map((pe) => [pe.chainIndex, pe.channels.start])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 32 });
    dp.runPass(plan);
    // n0 m0: f0 (1+2) + (4-5) = 2, f1 (2+3) + (5-6) = 4;  n0 m1: f0 2*1 + 3*5 = 17, f1 2*2 + 3*6 = 22
    // n1 m0: f0 (-1+0) + (2-2) = -1, f1 (0+1) + 0 = 1;    n1 m1: f0 -2 + 6 = 4, f1 0 + 6 = 6
    expect(Array.from(dp.output())).toEqual([2, 4, 17, 22, -1, 1, 4, 6]);
  });
});

describe('accumulator wrapping', () => {
  const layer = convLayer({ C: 1, M: 1, H: 2, W: 2, R: 2, S: 2 });
  const hw = makeHw({ rows: 2, cols: 1 });
  const plan = planPass(layer, hw, rs({ e: 1 }), everything(layer), 0, false);

  it('an 8-bit accumulator keeps the sum modulo 256, across the chain of R = 2 PEs', () => {
    expect(plan.pes).toHaveLength(2);
    const ifmap = i32([100, 100, 100, 100]);
    const weights = i32([1, 1, 1, 1]);
    const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 8 });
    dp.runPass(plan);
    // Bottom PE: 100 + 100 = 200 -> 200 - 256 = -56 passed up; top PE: -56 + 200 = 144 -> 144 - 256 = -112.
    // Exact sum 400 = 256 + 144 -> -112 as well.
    expect(Array.from(dp.output())).toEqual([-112]);
  });

  it('products wrap too: 20 * 10 = 200 -> -56 in 8 bits; 64 * 4 = 256 -> 0', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: i32([20, 0, 0, 0]), weights: i32([10, 0, 0, 0]) }, { accumulatorBits: 8 });
    dp.runPass(plan);
    expect(Array.from(dp.output())).toEqual([-56]);
    const dp2 = new FunctionalDatapath(layer, { ifmap: i32([64, 0, 0, 1]), weights: i32([4, 0, 0, -1]) }, { accumulatorBits: 8 });
    dp2.runPass(plan);
    expect(Array.from(dp2.output())).toEqual([-1]);
  });

  it('a 32-bit accumulator wraps like int32', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: i32([2 ** 30, 2 ** 30, 0, 0]), weights: i32([1, 1, 0, 0]) }, { accumulatorBits: 32 });
    dp.runPass(plan);
    expect(Array.from(dp.output())).toEqual([-(2 ** 31)]);
  });
});

describe('FunctionalDatapath validation', () => {
  const layer = convLayer({ C: 4, M: 6, H: 5, W: 5, R: 3, S: 3, groups: 2 }, 2);

  it('names the tensor and the expected length', () => {
    const weights = new Int32Array(6 * 2 * 9);
    expect(() => new FunctionalDatapath(layer, { ifmap: new Int32Array(10), weights }, { accumulatorBits: 16 })).toThrow(
      /ifmap.*expected N\*C\*H\*W = 200/,
    );
    expect(
      () => new FunctionalDatapath(layer, { ifmap: new Int32Array(200), weights: new Int32Array(6 * 4 * 9) }, { accumulatorBits: 16 }),
    ).toThrow(/weights.*expected M\*\(C\/groups\)\*R\*S = 108/);
    expect(() => new FunctionalDatapath(layer, { ifmap: new Int32Array(200), weights }, { accumulatorBits: 33 })).toThrow(
      /accumulatorBits/,
    );
  });

  it('rejects a plan whose PEs fall outside the layer or whose chains are broken', () => {
    const dp = new FunctionalDatapath(layer, { ifmap: new Int32Array(200), weights: new Int32Array(108) }, { accumulatorBits: 16 });
    const hw = makeHw({ rows: 3, cols: 3 });
    const plan = planPass(layer, hw, rs({ e: 3, p: 3, q: 2 }), everything({ ...layer, groups: 1, M: 3, C: 2 }), 0, false);
    expect(() => dp.runPass(plan)).not.toThrow();
    const outside = { ...plan, pes: plan.pes.map((pe) => ({ ...pe, filters: { start: 1, count: 3 } })) };
    expect(() => dp.runPass(outside)).toThrow(/filters/);
    const broken = { ...plan, pes: plan.pes.filter((pe) => pe.chainIndex !== 1) };
    expect(() => dp.runPass(broken)).toThrow(/chain/);
  });
});

describe('fixed point helpers', () => {
  it("wrapToBits is two's complement wrapping", () => {
    expect(wrapToBits(127, 8)).toBe(127);
    expect(wrapToBits(128, 8)).toBe(-128);
    expect(wrapToBits(255, 8)).toBe(-1);
    expect(wrapToBits(256, 8)).toBe(0);
    expect(wrapToBits(-129, 8)).toBe(127);
    expect(wrapToBits(-128, 8)).toBe(-128);
    expect(wrapToBits(400, 8)).toBe(-112);
    expect(Object.is(wrapToBits(-256, 8), 0)).toBe(true); // never -0
    expect(wrapToBits(3, 1)).toBe(-1);
    expect(wrapToBits(2 ** 31, 32)).toBe(-(2 ** 31));
    expect(wrapToBits(2 ** 32 + 5, 32)).toBe(5);
    expect(wrapToBits(-(2 ** 40) - 1, 32)).toBe(-1);
    for (const x of [0, 1, -1, 12345678901, -98765432109, 2 ** 53 - 1])
      expect(wrapToBits(x, 32)).toBe(Number(BigInt.asIntN(32, BigInt(x))));
    for (const x of [0, 1, -1, 12345678901, -98765432109, 2 ** 53 - 1])
      expect(wrapToBits(x, 12)).toBe(Number(BigInt.asIntN(12, BigInt(x))));
    expect(() => wrapToBits(1.5, 8)).toThrow();
    expect(() => wrapToBits(1, 0)).toThrow();
    expect(() => wrapToBits(1, 33)).toThrow();
  });

  it('quantize rounds to nearest (halves away from zero) and saturates', () => {
    // 2 fraction bits: steps of 0.25; 8 bits: -128..127
    expect(Array.from(quantize([0.5, -0.5, 1.26, 1.12, 0.125, -0.125, 0, 31.75, 100, -32, -100], 8, 2))).toEqual([
      2, -2, 5, 4, 1, -1, 0, 127, 127, -128, -128,
    ]);
    expect(Array.from(quantize(Float32Array.from([0.7, -0.7, 1e9, -1e9]), 16, 0))).toEqual([1, -1, 32767, -32768]);
    expect(Array.from(quantize([Infinity, -Infinity], 32, 8))).toEqual([2 ** 31 - 1, -(2 ** 31)]);
    expect(() => quantize([NaN], 8, 0)).toThrow(/NaN/);
  });

  it('randomFixedTensor is deterministic per seed and stays in range', () => {
    const a = randomFixedTensor(1000, 8, 42);
    expect(Array.from(randomFixedTensor(1000, 8, 42))).toEqual(Array.from(a));
    expect(Array.from(randomFixedTensor(1000, 8, 43))).not.toEqual(Array.from(a));
    expect(Math.min(...a)).toBeGreaterThanOrEqual(-128);
    expect(Math.max(...a)).toBeLessThanOrEqual(127);
    // the whole range of 4 bits shows up
    expect(new Set(randomFixedTensor(2000, 4, 7)).size).toBe(16);
    const small = randomFixedTensor(2000, 16, 1, 3);
    expect([...new Set(small)].sort((x, y) => x - y)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
    const wide = randomFixedTensor(1000, 32, 5);
    expect(wide.some((v) => v > 2 ** 30) && wide.some((v) => v < -(2 ** 30))).toBe(true);
    expect(signedRange(32)).toEqual({ min: -(2 ** 31), max: 2 ** 31 - 1 });
    expect(() => randomFixedTensor(10, 8, 1, 128)).toThrow(/maxAbs/);
    expect(() => randomFixedTensor(10, 8, 0.5)).toThrow(/seed/);
  });
});
