import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dominates, paretoFront } from '../../src/explore/pareto.js';

/** By the definition: i is on the front when no j is <= everywhere and < somewhere. */
function bruteForce(points: number[][]): number[] {
  const finite = (p: number[]) => p.every(Number.isFinite);
  return points.flatMap((p, i) => {
    if (!finite(p)) return [];
    const beaten = points.some((q, j) => j !== i && finite(q) && q.every((v, k) => v <= p[k]) && q.some((v, k) => v < p[k]));
    return beaten ? [] : [i];
  });
}

describe('paretoFront', () => {
  it('keeps the hand-checked front of a small 2-D set', () => {
    // (1,5) (2,2) (3,1) are the front; (2,3) is beaten by (2,2), (4,4) by all three; (2,2) repeated stays twice.
    const points = [
      [1, 5],
      [2, 3],
      [2, 2],
      [4, 4],
      [3, 1],
      [2, 2],
    ];
    expect(paretoFront(points)).toEqual([0, 2, 4, 5]);
  });

  it('leaves out points with a non-finite objective', () => {
    expect(
      paretoFront([
        [1, Infinity],
        [2, 2],
        [NaN, 0],
      ]),
    ).toEqual([1]);
  });

  it('agrees with brute force on random point sets (2 to 4 objectives, many ties)', () => {
    const sets = fc.integer({ min: 1, max: 4 }).chain((dims) =>
      fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constant(Infinity)), { minLength: dims, maxLength: dims }), {
        maxLength: 60,
      }),
    );
    fc.assert(
      fc.property(sets, (points) => {
        expect(paretoFront(points)).toEqual(bruteForce(points));
      }),
      { numRuns: 500 },
    );
  });

  it('dominates is irreflexive and needs a strict improvement', () => {
    expect(dominates([1, 2], [1, 2])).toBe(false);
    expect(dominates([1, 2], [1, 3])).toBe(true);
    expect(dominates([0, 3], [1, 2])).toBe(false);
  });

  it('refuses points of different dimensions', () => {
    expect(() => paretoFront([[1, 2], [1]])).toThrow(/same number of objectives/);
  });
});
