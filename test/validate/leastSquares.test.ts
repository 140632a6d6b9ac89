import { describe, expect, it } from 'vitest';
import { fitLine } from '../../src/validate/leastSquares.js';

describe('fitLine', () => {
  it('matches a fit worked by hand', () => {
    // x̄ = 2.5, ȳ = 3.75; Sxy = 3.5, Sxx = 5 -> slope 0.7, intercept 3.75 - 0.7 * 2.5 = 2.
    // Fitted 2.7, 3.4, 4.1, 4.8 -> residuals -0.7, 0.6, 0.9, -0.8; SSres = 2.3, SStot = 4.75 -> R^2 = 49/95.
    const f = fitLine([1, 2, 3, 4], [2, 4, 5, 4]);
    expect(f.slope).toBeCloseTo(0.7, 14);
    expect(f.intercept).toBeCloseTo(2, 14);
    expect(f.r2).toBeCloseTo(49 / 95, 14);
    [-0.7, 0.6, 0.9, -0.8].forEach((r, i) => expect(f.residuals[i]).toBeCloseTo(r, 14));
  });

  it('gives R^2 = 1 and exact coefficients on points of a line', () => {
    const f = fitLine([0, 1, 2, 3], [-1, 2, 5, 8]);
    expect(f).toEqual({ slope: 3, intercept: -1, r2: 1, residuals: [0, 0, 0, 0] });
  });

  it('gives R^2 = 0 when x explains nothing', () => {
    // Symmetric y around the middle x: Sxy = 0, slope 0, every residual is y - ȳ.
    const f = fitLine([1, 2, 3], [1, 0, 1]);
    expect(f.slope).toBe(0);
    expect(f.intercept).toBeCloseTo(2 / 3, 14);
    expect(f.r2).toBeCloseTo(0, 14);
  });

  it('keeps its digits on energies of ~1e9 that differ by a few percent', () => {
    const x = [5e9, 5.1e9, 5.3e9, 5.6e9];
    const f = fitLine(
      x,
      x.map((v) => 0.25 * v + 3e9),
    );
    expect(f.slope).toBeCloseTo(0.25, 12);
    expect(f.intercept / 3e9).toBeCloseTo(1, 12);
    expect(f.r2).toBeCloseTo(1, 12);
  });

  it('refuses what has no line', () => {
    expect(() => fitLine([1, 2], [1])).toThrow(/2 x values for 1 y values/);
    expect(() => fitLine([1], [1])).toThrow(/at least 2 points/);
    expect(() => fitLine([2, 2, 2], [1, 2, 3])).toThrow(/every x is the same/);
    expect(() => fitLine([1, Number.NaN], [1, 2])).toThrow(/finite/);
  });
});
