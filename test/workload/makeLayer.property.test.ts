// makeLayer's E/F are the largest output counts whose last window still fits the padded input:
// (E-1)*stride + R <= H + 2*padding < E*stride + R.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeLayer } from '../../src/workload/layer.js';

describe('makeLayer output size', () => {
  it('E and F are exactly the windows that fit the padded input', () => {
    const dims = fc.record({
      H: fc.integer({ min: 1, max: 300 }),
      W: fc.integer({ min: 1, max: 300 }),
      padding: fc.integer({ min: 0, max: 5 }),
      stride: fc.integer({ min: 1, max: 8 }),
      r: fc.double({ min: 0, max: 1, noNaN: true }),
      s: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(dims, ({ H, W, padding, stride, r, s }) => {
        // Filters from 1 up to the padded input, so every generated shape is legal.
        const R = 1 + Math.floor(r * (H + 2 * padding - 1));
        const S = 1 + Math.floor(s * (W + 2 * padding - 1));
        const l = makeLayer({ name: 'p', kind: 'conv', C: 2, M: 2, H, W, R, S, stride, padding, groups: 1 }, 1);
        for (const [E, k, size] of [
          [l.E, R, H],
          [l.F, S, W],
        ] as const) {
          expect(E).toBeGreaterThanOrEqual(1);
          expect((E - 1) * stride + k).toBeLessThanOrEqual(size + 2 * padding);
          expect(size + 2 * padding).toBeLessThan(E * stride + k);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a filter larger than the padded input is rejected, naming the layer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 5 }), (H, padding, extra) => {
        const R = H + 2 * padding + extra;
        expect(() => makeLayer({ name: 'big', kind: 'conv', C: 1, M: 1, H, W: H, R, S: R, stride: 1, padding, groups: 1 }, 1)).toThrow(
          /"big"/,
        );
      }),
    );
  });
});
