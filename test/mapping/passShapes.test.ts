import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tileSizeChoices } from '../../src/mapping/passShapes.js';

describe('tileSizeChoices', () => {
  it('lists every distinct ceil(size / k) not above max, largest first (against brute force)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 6000 }), (size, max) => {
        const expected = new Set<number>();
        for (let k = 1; k <= size; k++) if (Math.ceil(size / k) <= max) expected.add(Math.ceil(size / k));
        expect(tileSizeChoices(size, max)).toEqual([...expected].sort((a, b) => b - a));
      }),
      { numRuns: 300 },
    );
  });

  it('hand cases', () => {
    expect(tileSizeChoices(13, 14)).toEqual([13, 7, 5, 4, 3, 2, 1]);
    expect(tileSizeChoices(55, 14)).toEqual([14, 11, 10, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(tileSizeChoices(7, 0)).toEqual([]);
  });
});
