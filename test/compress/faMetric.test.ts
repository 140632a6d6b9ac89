// The paper's FA metric on values worked out by hand from
//   dot product:  D*Bw*Bx + (D-1)*(Bx + Bw + ceil(log2 D) - 1) FA
//   one MAC unit: the 16 x 16-bit MAC = 16*16 + 16 + 16 = 288 FA
//   one loaded bit: 6 (GLB per MAC) * 288 / 16 = 108 FA
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultLoads,
  dotProductFa,
  FA_METRIC_CONSTANTS,
  FA_PER_LOADED_BIT,
  FA_PER_MAC_UNIT,
  layerMetric,
  macFa,
  modelMetric,
} from '../../src/compress/faMetric.js';
import { makeLayer, type Layer, type LayerShape } from '../../src/workload/layer.js';

const shape = (over: Partial<LayerShape>): LayerShape => ({
  name: 'l',
  kind: 'conv',
  C: 1,
  M: 1,
  H: 3,
  W: 3,
  R: 1,
  S: 1,
  stride: 1,
  padding: 0,
  groups: 1,
  ...over,
});

// 1 image, 1 channel, 3x3 input, two 2x2 filters, stride 1, no padding: E = F = 2.
// D = 1*2*2 = 4; dot products = N*M*E*F = 1*2*2*2 = 8; |W| = 2*1*2*2 = 8; |X| = 1*1*3*3 = 9; MACs = 8*4 = 32.
const tiny = makeLayer(shape({ name: 'tiny', M: 2, R: 2, S: 2 }), 1);

describe('dotProductFa', () => {
  it('matches the formula worked out by hand', () => {
    // D=9, 8x8: 9*64 + 8*(8+8+4-1) = 576 + 152 = 728 (ceil(log2 9) = 4)
    expect(dotProductFa(9, 8, 8)).toBe(728);
    // D=8, 8x8: 8*64 + 7*(8+8+3-1) = 512 + 126 = 638 (ceil(log2 8) = 3: the power of two is not rounded up)
    expect(dotProductFa(8, 8, 8)).toBe(638);
    // D=5, 8x8: 5*64 + 4*(8+8+3-1) = 320 + 72 = 392
    expect(dotProductFa(5, 8, 8)).toBe(392);
    // D=1: one multiplier, no adder: 1*8*8 + 0 = 64
    expect(dotProductFa(1, 8, 8)).toBe(64);
    // D=2, 4x4: 2*16 + 1*(4+4+1-1) = 32 + 8 = 40
    expect(dotProductFa(2, 4, 4)).toBe(40);
    // D=4, Bw=2, Bx=4: 4*8 + 3*(4+2+2-1) = 32 + 21 = 53
    expect(dotProductFa(4, 2, 4)).toBe(53);
    // D=3, Bw=1, Bx=1: 3*1 + 2*(1+1+2-1) = 3 + 6 = 9
    expect(dotProductFa(3, 1, 1)).toBe(9);
  });

  it('takes ceil(log2 D) exactly for large D', () => {
    // D = 2^20: 2^20*1 + (2^20-1)*(1+1+20-1) = 1048576 + 1048575*21 = 1048576 + 22020075 = 23068651
    expect(dotProductFa(2 ** 20, 1, 1)).toBe(23_068_651);
    // D = 2^20+1: ceil(log2 D) = 21: 1048577 + 1048576*22 = 1048577 + 23068672 = 24117249
    expect(dotProductFa(2 ** 20 + 1, 1, 1)).toBe(24_117_249);
  });

  it('rejects non-positive or fractional arguments', () => {
    expect(() => dotProductFa(0, 8, 8)).toThrow(/D/);
    expect(() => dotProductFa(2.5, 8, 8)).toThrow(/D/);
    expect(() => dotProductFa(4, 0, 8)).toThrow(/weight bits/);
    expect(() => dotProductFa(4, 8, -1)).toThrow(/activation bits/);
  });
});

describe('conversion constants', () => {
  it('one MAC is the step from a length-1 to a length-2 dot product', () => {
    // 8x8: 64 + 8 + 8 = 80 (= dotProductFa(2,8,8) - dotProductFa(1,8,8) = (128 + 16) - 64)
    expect(macFa(8, 8)).toBe(80);
    // 16x16: 256 + 16 + 16 = 288, the MAC unit
    expect(macFa(16, 16)).toBe(288);
    expect(FA_PER_MAC_UNIT).toBe(288);
  });

  it('a loaded bit is 6 * 288 / 16 = 108 FA, so a 16-bit load is the Eyeriss GLB cost of 6 MACs', () => {
    expect(FA_METRIC_CONSTANTS.glbAccessPerMac).toBe(6);
    expect(FA_PER_LOADED_BIT).toBe(108);
    expect((16 * FA_PER_LOADED_BIT) / FA_PER_MAC_UNIT).toBe(6);
    // 8-bit load: 8 * 108 = 864 FA = 3 MAC units
    expect((8 * FA_PER_LOADED_BIT) / FA_PER_MAC_UNIT).toBe(3);
  });
});

describe('layerMetric on a tiny layer (Bw = 2, Bx = 4)', () => {
  const opts = { weightBits: 2, activationBits: 4 };

  it('default loads: every MAC loads both operands', () => {
    const m = layerMetric(tiny, opts);
    expect(m.dotProductLength).toBe(4);
    expect(m.dotProducts).toBe(8);
    // computational: 8 dot products * dotProductFa(4, 2, 4) = 8 * 53 = 424
    expect(m.computationalFa).toBe(424);
    // Nw = N*E*F = 4 per weight; 4 * 8 weights = 32 loads (= MACs) * 2 bits = 64 bits * 108 = 6912
    expect(m.weightLoads).toBe(4);
    expect(m.weightRepresentationalFa).toBe(6912);
    // Nx = 32 MACs / 9 inputs; 32 loads * 4 bits = 128 bits * 108 = 13824
    expect(m.activationLoads).toBeCloseTo(32 / 9, 12);
    expect(m.activationRepresentationalFa).toBe(13824);
    // total 424 + 6912 + 13824 = 21160 FA = 21160 / 288 = 73.4722... MAC units
    expect(m.totalFa).toBe(21160);
    expect(m.totalMacUnits).toBeCloseTo(21160 / 288, 12);
    expect(defaultLoads(tiny)).toEqual({ weightLoads: 4, activationLoads: 32 / 9 });
  });

  it('caller-supplied loads (each datum loaded once, as in Sakr et al.)', () => {
    const m = layerMetric(tiny, { ...opts, weightLoads: 1, activationLoads: 1 });
    expect(m.computationalFa).toBe(424);
    // 1 * 8 weights * 2 bits = 16 bits * 108 = 1728 (= 6 MAC units)
    expect(m.weightRepresentationalFa).toBe(1728);
    // 1 * 9 inputs * 4 bits = 36 bits * 108 = 3888
    expect(m.activationRepresentationalFa).toBe(3888);
    // 424 + 1728 + 3888 = 6040
    expect(m.totalFa).toBe(6040);
    expect(m.weightLoads).toBe(1);
    expect(m.activationLoads).toBe(1);
  });

  it('sharing with CR = 4 divides the weight cost by 4 and leaves activations and computation alone', () => {
    const m = layerMetric(tiny, { ...opts, sharing: { compressionRatio: 4 } });
    // 6912 / 4 = 1728
    expect(m.weightRepresentationalFa).toBe(1728);
    expect(m.activationRepresentationalFa).toBe(13824);
    expect(m.computationalFa).toBe(424);
    // 424 + 1728 + 13824 = 15976
    expect(m.totalFa).toBe(15976);
  });

  it('only the shared fraction of dot products leaves the computation', () => {
    const m = layerMetric(tiny, { ...opts, sharing: { compressionRatio: 4, sharedDotProductFraction: 0.5 } });
    // 424 * (1 - 0.5) = 212
    expect(m.computationalFa).toBe(212);
    expect(m.activationRepresentationalFa).toBe(13824);
    expect(layerMetric(tiny, { ...opts, sharing: { compressionRatio: 1, sharedDotProductFraction: 1 } }).computationalFa).toBe(0);
  });

  it('rejects bad options, naming the layer', () => {
    expect(() => layerMetric(tiny, { weightBits: 0, activationBits: 4 })).toThrow(/"tiny".*weightBits/);
    expect(() => layerMetric(tiny, { ...opts, activationBits: 3.5 })).toThrow(/"tiny".*activationBits/);
    expect(() => layerMetric(tiny, { ...opts, weightLoads: -1 })).toThrow(/"tiny".*weightLoads/);
    expect(() => layerMetric(tiny, { ...opts, activationLoads: Number.NaN })).toThrow(/"tiny".*activationLoads/);
    expect(() => layerMetric(tiny, { ...opts, sharing: { compressionRatio: 0 } })).toThrow(/"tiny".*compressionRatio/);
    expect(() => layerMetric(tiny, { ...opts, sharing: { compressionRatio: 2, sharedDotProductFraction: 1.5 } })).toThrow(
      /"tiny".*sharedDotProductFraction/,
    );
  });
});

describe('layerMetric on grouped, padded and FC layers', () => {
  it('a grouped padded conv uses D = (C/groups)*R*S', () => {
    // C = 4, M = 4, groups = 2, 3x3 input, 3x3 filters, padding 1: E = F = 3.
    // D = 2*3*3 = 18; dot products = 1*4*3*3 = 36; |W| = 4*2*9 = 72; MACs = 36*18 = 648; Nw = 648/72 = 9 = N*E*F.
    const g = makeLayer(shape({ name: 'g', C: 4, M: 4, R: 3, S: 3, padding: 1, groups: 2 }), 1);
    const m = layerMetric(g, { weightBits: 8, activationBits: 8 });
    expect(m.dotProductLength).toBe(18);
    // dotProductFa(18, 8, 8) = 18*64 + 17*(8+8+5-1) = 1152 + 340 = 1492; * 36 = 53712
    expect(m.computationalFa).toBe(53712);
    expect(m.weightLoads).toBe(9);
    // 648 loads * 8 bits * 108 = 559872, for weights and for activations alike
    expect(m.weightRepresentationalFa).toBe(559872);
    expect(m.activationRepresentationalFa).toBe(559872);
  });

  it('an FC layer is one dot product per output over C*H*W inputs', () => {
    // C = 3, 2x2 input, R = S = 2, M = 5, batch 2: E = F = 1; D = 12; dot products = 2*5 = 10.
    const f = makeLayer(shape({ name: 'fc', kind: 'fc', C: 3, M: 5, H: 2, W: 2, R: 2, S: 2 }), 2);
    const m = layerMetric(f, { weightBits: 4, activationBits: 4, weightLoads: 1, activationLoads: 1 });
    // dotProductFa(12, 4, 4) = 12*16 + 11*(4+4+4-1) = 192 + 121 = 313; * 10 = 3130
    expect(m.computationalFa).toBe(3130);
    // |W| = 5*3*2*2 = 60 words * 4 bits * 108 = 25920; |X| = 2*3*2*2 = 24 words * 4 bits * 108 = 10368
    expect(m.weightRepresentationalFa).toBe(25920);
    expect(m.activationRepresentationalFa).toBe(10368);
    // defaults: Nw = N*E*F = 2; Nx = MACs / |X| = 120 / 24 = 5 = M
    expect(defaultLoads(f)).toEqual({ weightLoads: 2, activationLoads: 5 });
  });
});

describe('modelMetric', () => {
  it('sums the layers, with per-layer options', () => {
    const g = makeLayer(shape({ name: 'g', C: 4, M: 4, R: 3, S: 3, padding: 1, groups: 2 }), 1);
    const m = modelMetric([tiny, g], (layer) =>
      layer.name === 'tiny' ? { weightBits: 2, activationBits: 4 } : { weightBits: 8, activationBits: 8 },
    );
    expect(m.layers.map((l) => l.name)).toEqual(['tiny', 'g']);
    // computation 424 + 53712 = 54136; weights 6912 + 559872 = 566784; activations 13824 + 559872 = 573696
    expect(m.computationalFa).toBe(54136);
    expect(m.weightRepresentationalFa).toBe(566784);
    expect(m.activationRepresentationalFa).toBe(573696);
    // total 54136 + 566784 + 573696 = 1194616 FA = 1194616 / 288 MAC units
    expect(m.totalFa).toBe(1194616);
    expect(m.totalMacUnits).toBeCloseTo(1194616 / 288, 9);
  });

  it('one options object applies to every layer; no layers give zero', () => {
    const one = modelMetric([tiny, tiny], { weightBits: 2, activationBits: 4 });
    expect(one.totalFa).toBe(2 * 21160);
    expect(modelMetric([], { weightBits: 8, activationBits: 8 }).totalFa).toBe(0);
  });
});

// Small legal layers: filters no larger than the padded input, C and M multiples of groups.
const layerArb: fc.Arbitrary<Layer> = fc
  .record({
    N: fc.integer({ min: 1, max: 3 }),
    groups: fc.integer({ min: 1, max: 3 }),
    cPer: fc.integer({ min: 1, max: 4 }),
    mPer: fc.integer({ min: 1, max: 4 }),
    H: fc.integer({ min: 1, max: 12 }),
    W: fc.integer({ min: 1, max: 12 }),
    padding: fc.integer({ min: 0, max: 2 }),
    stride: fc.integer({ min: 1, max: 3 }),
    r: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
    s: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  })
  .map(({ N, groups, cPer, mPer, H, W, padding, stride, r, s }) =>
    makeLayer(
      shape({
        name: 'p',
        C: cPer * groups,
        M: mPer * groups,
        H,
        W,
        padding,
        stride,
        groups,
        R: 1 + Math.floor(r * (H + 2 * padding)),
        S: 1 + Math.floor(s * (W + 2 * padding)),
      }),
      N,
    ),
  );

const bitsArb = fc.integer({ min: 1, max: 32 });

/** a equals b to 1e-12 relative (float rounding only). */
function expectNear(a: number, b: number): void {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b), 1));
}

describe('properties', () => {
  it('every cost grows with the bits it depends on and ignores the others', () => {
    fc.assert(
      fc.property(layerArb, bitsArb, bitsArb, fc.integer({ min: 1, max: 8 }), (layer, bw, bx, extra) => {
        const base = layerMetric(layer, { weightBits: bw, activationBits: bx });
        const moreW = layerMetric(layer, { weightBits: bw + extra, activationBits: bx });
        const moreX = layerMetric(layer, { weightBits: bw, activationBits: bx + extra });
        expect(moreW.computationalFa).toBeGreaterThan(base.computationalFa);
        expect(moreW.weightRepresentationalFa).toBeGreaterThan(base.weightRepresentationalFa);
        expect(moreW.activationRepresentationalFa).toBe(base.activationRepresentationalFa);
        expect(moreX.computationalFa).toBeGreaterThan(base.computationalFa);
        expect(moreX.activationRepresentationalFa).toBeGreaterThan(base.activationRepresentationalFa);
        expect(moreX.weightRepresentationalFa).toBe(base.weightRepresentationalFa);
        expect(moreW.totalFa).toBeGreaterThan(base.totalFa);
        expect(moreX.totalFa).toBeGreaterThan(base.totalFa);
      }),
      { numRuns: 300 },
    );
  });

  it('dotProductFa grows with D and with each bit width', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), bitsArb, bitsArb, (D, bw, bx) => {
        const f = dotProductFa(D, bw, bx);
        expect(dotProductFa(D + 1, bw, bx)).toBeGreaterThan(f);
        expect(dotProductFa(D, bw + 1, bx)).toBeGreaterThan(f);
        expect(dotProductFa(D, bw, bx + 1)).toBeGreaterThan(f);
      }),
      { numRuns: 500 },
    );
  });

  it('totalFa is the sum of the parts and totalMacUnits = totalFa / FA per MAC unit', () => {
    fc.assert(
      fc.property(layerArb, bitsArb, bitsArb, (layer, bw, bx) => {
        const m = layerMetric(layer, { weightBits: bw, activationBits: bx });
        expectNear(m.totalFa, m.computationalFa + m.weightRepresentationalFa + m.activationRepresentationalFa);
        expectNear(m.totalMacUnits, m.totalFa / FA_PER_MAC_UNIT);
        // the default loads put exactly one weight and one activation load on every MAC
        const macs = layer.N * layer.M * (layer.C / layer.groups) * layer.R * layer.S * layer.E * layer.F;
        expectNear(m.weightLoads * layer.M * (layer.C / layer.groups) * layer.R * layer.S, macs);
        expectNear(m.activationLoads * layer.N * layer.C * layer.H * layer.W, macs);
      }),
      { numRuns: 300 },
    );
  });

  it('sharing divides only the weight cost by CR; the shared fraction scales only computation', () => {
    fc.assert(
      fc.property(
        layerArb,
        bitsArb,
        bitsArb,
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (layer, bw, bx, cr, frac) => {
          const plain = layerMetric(layer, { weightBits: bw, activationBits: bx });
          const shared = layerMetric(layer, {
            weightBits: bw,
            activationBits: bx,
            sharing: { compressionRatio: cr, sharedDotProductFraction: frac },
          });
          expectNear(shared.weightRepresentationalFa, plain.weightRepresentationalFa / cr);
          expect(shared.activationRepresentationalFa).toBe(plain.activationRepresentationalFa);
          expectNear(shared.computationalFa, plain.computationalFa * (1 - frac));
        },
      ),
      { numRuns: 300 },
    );
  });
});
