import { describe, expect, it } from 'vitest';
import { duplicateFilterFraction } from '../../src/validate/duplicateFilters.js';

const layer = (M: number, C: number, R: number, groups = 1) => ({ name: 'L', M, C, R, groups });

describe('duplicateFilterFraction', () => {
  it('counts filters whose every row index repeats an earlier filter', () => {
    // M 4, C 2, R 2: 4 rows per filter, in (c, r) order.
    const index = Uint32Array.from([
      0,
      1,
      2,
      3, // filter 0
      0,
      1,
      2,
      3, // filter 1: copy of filter 0
      3,
      2,
      1,
      0, // filter 2: same centroids, other rows -> different dot products
      0,
      1,
      2,
      3, // filter 3: copy of filter 0 again
    ]);
    expect(duplicateFilterFraction(layer(4, 2, 2), index)).toBe(2 / 4);
  });

  it('needs every row equal: one differing row makes a filter new', () => {
    const index = Uint32Array.from([5, 5, 5, 5, 5, 5, 5, 4]);
    expect(duplicateFilterFraction(layer(2, 2, 2), index)).toBe(0);
  });

  it('only compares filters of the same group (other groups see other channels)', () => {
    // groups 2, M 4, C 4 -> C/groups 2, R 1: 2 rows per filter; filters 0,1 in group 0 and 2,3 in group 1.
    const index = Uint32Array.from([1, 2, 1, 2, 1, 2, 0, 0]);
    expect(duplicateFilterFraction(layer(4, 4, 1, 2), index)).toBe(1 / 4);
  });

  it('reads an index array that is a view into a larger buffer', () => {
    const backing = Uint32Array.from([9, 9, 7, 7, 7, 7]);
    expect(duplicateFilterFraction(layer(2, 1, 2), backing.subarray(2))).toBe(1 / 2);
  });

  it('is 0 for unshared weights and refuses indices of another shape', () => {
    expect(duplicateFilterFraction(layer(4, 2, 2), undefined)).toBe(0);
    expect(() => duplicateFilterFraction(layer(4, 2, 2), new Uint32Array(15))).toThrow(/15 indices, expected M x C\/groups x R = 16/);
  });
});
