// The functional data path driven pass by pass through the controller's loop nest, against an independent
// reference: TensorFlow.js conv2d on the cpu backend (exact here, since every sum of the small integer
// inputs is an integer far below 2^24; functional ops only, the chained tensor methods are not registered), and for wrapping accumulators a direct convolution in exact doubles.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HardwareSpec } from '../../src/hw/spec.js';
import { loadHardware } from '../../src/hw/load.js';
import type { RsMapping } from '../../src/mapping/rsMapping.js';
import { checkGlb, checkPass } from '../../src/mapping/legality.js';
import { searchMapping } from '../../src/search/search.js';
import { tileLayer } from '../../src/model/accessCounts.js';
import { FunctionalDatapath } from '../../src/sim/datapath.js';
import { simulateLayer } from '../../src/sim/engine.js';
import { randomFixedTensor, wrapToBits } from '../../src/sim/fixedPoint.js';
import { walkNest } from '../../src/sim/loopNest.js';
import { planPass } from '../../src/sim/passPlan.js';
import type { PassPlan, PassRanges } from '../../src/sim/types.js';
import { filterWords, ifmapWords, layerMacs, makeLayer, type Layer } from '../../src/workload/layer.js';
import { describeScenario, mapping, scenarioArb } from '../model/arbitraries.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Reference conv: NCHW ifmap, M x C/groups x R x S weights -> N x M x E x F, via tf (NHWC, explicit zero padding, 'valid'). */
function tfReference(layer: Layer, ifmap: Int32Array, weights: Int32Array): number[] {
  const { N, M, C, H, W, R, S, stride, padding, groups } = layer;
  const Cg = C / groups;
  const Mg = M / groups;
  return tf.tidy(() => {
    const x = tf.transpose(tf.tensor4d(Float32Array.from(ifmap), [N, C, H, W]), [0, 2, 3, 1]);
    const padded = tf.pad(x, [
      [0, 0],
      [padding, padding],
      [padding, padding],
      [0, 0],
    ]);
    const w = tf.transpose(tf.tensor4d(Float32Array.from(weights), [M, Cg, R, S]), [2, 3, 1, 0]);
    const perGroup: tf.Tensor4D[] = [];
    for (let g = 0; g < groups; g++) {
      const xg = tf.slice(padded, [0, 0, 0, g * Cg], [-1, -1, -1, Cg]);
      const wg = tf.slice(w, [0, 0, 0, g * Mg], [-1, -1, -1, Mg]);
      perGroup.push(tf.conv2d(xg, wg, stride, 'valid'));
    }
    const y = groups === 1 ? perGroup[0] : tf.concat(perGroup, 3);
    // `+ 0` turns float -0 (a negative product cancelled exactly) into the integer 0 the data path produces.
    return Array.from(tf.transpose(y, [0, 3, 1, 2]).dataSync(), (v) => v + 0);
  });
}

/** Direct convolution in doubles (exact below 2^53), every output wrapped to `bits` at the end. */
function wrappedReference(layer: Layer, ifmap: Int32Array, weights: Int32Array, bits: number): number[] {
  const { N, M, C, H, W, R, S, E, F, stride, padding, groups } = layer;
  const Cg = C / groups;
  const Mg = M / groups;
  const out: number[] = [];
  for (let n = 0; n < N; n++) {
    for (let m = 0; m < M; m++) {
      const g = Math.floor(m / Mg);
      for (let e = 0; e < E; e++) {
        for (let f = 0; f < F; f++) {
          let sum = 0;
          for (let c = 0; c < Cg; c++) {
            for (let i = 0; i < R; i++) {
              for (let j = 0; j < S; j++) {
                const h = e * stride + i - padding;
                const x = f * stride + j - padding;
                if (h < 0 || h >= H || x < 0 || x >= W) continue;
                sum += weights[((m * Cg + c) * R + i) * S + j] * ifmap[((n * C + g * Cg + c) * H + h) * W + x];
              }
            }
          }
          out.push(wrapToBits(sum, bits));
        }
      }
    }
  }
  return out;
}

/** Walks the loop nest and runs every pass on the data path; a pass accumulates iff its output tile was produced before. */
function runNest(layer: Layer, hw: HardwareSpec, m: RsMapping, dp: FunctionalDatapath): number {
  const produced = new Set<string>();
  let index = 0;
  walkNest(layer, m, {
    enter: () => {},
    leave: () => {},
    pass: (r: PassRanges) => {
      const key = `${r.G.start},${r.N.start},${r.M.start},${r.E.start}`;
      dp.runPass(planPass(layer, hw, m, r, index++, produced.has(key)));
      produced.add(key);
    },
  });
  return index;
}

/** Small scenarios: a few tens of thousands of MACs at most, so that a run takes a few ms. */
const smallScenarios = scenarioArb().filter((s) => layerMacs(s.layer) <= 40_000);

describe('functional data path vs tf.conv2d', () => {
  it('random small layers (stride, padding, groups, depthwise, batch) under random legal mappings', () => {
    fc.assert(
      fc.property(smallScenarios, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (s, seed) => {
        const { layer, hw, m } = s;
        const ifmap = randomFixedTensor(ifmapWords(layer), 4, seed, 7);
        const weights = randomFixedTensor(filterWords(layer), 4, seed + 1, 7);
        const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: 32 });
        runNest(layer, hw, m, dp);
        expect(Array.from(dp.output()), describeScenario(s)).toEqual(tfReference(layer, ifmap, weights));
      }),
      { numRuns: 150 },
    );
  });

  it('narrow accumulators wrap to the exact sum modulo 2^bits whatever the pass and chain order', () => {
    fc.assert(
      fc.property(smallScenarios, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 4, max: 32 }), (s, seed, bits) => {
        const { layer, hw, m } = s;
        const ifmap = randomFixedTensor(ifmapWords(layer), 16, seed);
        const weights = randomFixedTensor(filterWords(layer), 16, seed + 1);
        const dp = new FunctionalDatapath(layer, { ifmap, weights }, { accumulatorBits: bits });
        runNest(layer, hw, m, dp);
        expect(Array.from(dp.output()), describeScenario(s)).toEqual(wrappedReference(layer, ifmap, weights, bits));
      }),
      { numRuns: 60 },
    );
  });

  const eyeriss = loadHardware(fileURLToPath(new URL('../../hardware/eyeriss.json', import.meta.url)));
  const conv2Small = makeLayer(
    { name: 'conv2-small', kind: 'conv', C: 8, M: 8, H: 13, W: 13, R: 5, S: 5, stride: 1, padding: 2, groups: 2 },
    2,
  );
  const conv2Values = {
    ifmap: randomFixedTensor(ifmapWords(conv2Small), 4, 2024, 7),
    weights: randomFixedTensor(filterWords(conv2Small), 4, 2025, 7),
  };

  it('AlexNet CONV2-like grouped layer (C = M = 8, 2 groups, 13x13, 5x5, pad 2, batch 2) under the searched Eyeriss mapping', () => {
    const { mapping: best } = searchMapping(conv2Small, eyeriss, 'energy').best;
    const dp = new FunctionalDatapath(conv2Small, conv2Values, { accumulatorBits: 32 });
    const passes = runNest(conv2Small, eyeriss, best, dp);
    expect(passes).toBeGreaterThan(0);
    expect(Array.from(dp.output())).toEqual(tfReference(conv2Small, conv2Values.ifmap, conv2Values.weights));
  });

  it('through simulateLayer (src/sim/engine.ts): the searched mapping and one that splits channels over accumulating passes', () => {
    const want = tfReference(conv2Small, conv2Values.ifmap, conv2Values.weights);
    // One channel and two filters per pass, 13-row sets: 4 accumulating passes per (group, image, filter tile).
    const split = mapping({ e: 13, p: 2 }, { C: 2 });
    expect(checkPass(conv2Small, eyeriss, split)).toBeNull();
    expect(checkGlb(conv2Small, eyeriss, tileLayer(conv2Small, split))).toBeNull();
    for (const m of [searchMapping(conv2Small, eyeriss, 'energy').best.mapping, split]) {
      const plans: boolean[] = [];
      const dp = new FunctionalDatapath(conv2Small, conv2Values, { accumulatorBits: 32 });
      const sink = {
        runPass: (plan: PassPlan) => {
          plans.push(plan.accumulates);
          dp.runPass(plan);
        },
      };
      const result = simulateLayer(conv2Small, eyeriss, m, { datapath: sink });
      expect(result.stats.passes).toBe(plans.length);
      expect(Array.from(dp.output())).toEqual(want);
      if (m === split) expect(plans.filter((a) => a)).toHaveLength((plans.length * 3) / 4);
    }
  });
});
