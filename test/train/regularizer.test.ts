// The Deep k-Means penalty in both variants: values by hand and by the trace formula, gradients against
// central differences, and the degenerate case of the paper's F (K >= rank W).
import { describe, expect, it } from 'vitest';
import { kmeans } from '../../src/compress/kmeans.js';
import { createRng } from '../../src/random/rng.js';
import { clusterMeans, indicatorRefresh } from '../../src/train/regularizer/indicator.js';
import { penaltyAndGradient, type RowProjection } from '../../src/train/regularizer/penalty.js';
import { spectralRefresh } from '../../src/train/regularizer/spectral.js';

const randomRows = (n: number, s: number, seed: number): Float32Array => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * s }, () => rng.normal());
};

/** Central differences of the penalty (F held fixed) along every coordinate. */
function numericGradient(rows: Float32Array, s: number, project: RowProjection, lambda: number): number[] {
  const h = 1e-3;
  return [...rows].map((_, i) => {
    const at = (delta: number) => {
      const moved = Float32Array.from(rows);
      moved[i] += delta;
      return penaltyAndGradient(moved, s, project, lambda).value;
    };
    // The float32 step actually taken, not h.
    const up = Math.fround(rows[i] + h) - rows[i];
    const down = rows[i] - Math.fround(rows[i] - h);
    return (at(h) - at(-h)) / (up + down);
  });
}

const sumSquares = (a: ArrayLike<number>): number => Array.from(a).reduce((t, v) => t + v * v, 0);

describe('indicator variant', () => {
  it('is lambda/2 times the distortion of the assignment, by hand', () => {
    // rows of length 1: 0, 2 | 10, 12 -> means 1 and 11, residuals -1, 1, -1, 1
    const r = penaltyAndGradient(Float32Array.from([0, 2, 10, 12]), 1, clusterMeans(Uint32Array.from([0, 0, 1, 1]), 2), 0.5);
    expect(r.value).toBe((0.5 / 2) * 4);
    expect([...r.gradient]).toEqual([-0.5, 0.5, -0.5, 0.5]);
  });

  it('after a refresh equals lambda/2 times the k-means distortion of the rows', () => {
    const rows = randomRows(40, 3, 1);
    const refresh = indicatorRefresh(rows, 3, 5, 1000);
    const reference = kmeans(rows, 3, 5, { seed: 1000 });
    expect(refresh.assignment).toEqual(reference.assignment);
    // k-means measures with float32 centres, the penalty with float64 means: equal to rounding.
    expect(penaltyAndGradient(rows, 3, refresh.project, 2e-4).value).toBeCloseTo(1e-4 * reference.distortion, 9);
  });

  it('has the gradient of its value (central differences)', () => {
    const rows = randomRows(12, 3, 2);
    const { project } = indicatorRefresh(rows, 3, 4, 1000);
    const lambda = 0.3;
    const analytic = penaltyAndGradient(rows, 3, project, lambda).gradient;
    numericGradient(rows, 3, project, lambda).forEach((g, i) =>
      expect(Math.abs(g - analytic[i]), `coordinate ${i}`).toBeLessThan(1e-3 * lambda),
    );
  });
});

describe('spectral (paper) variant', () => {
  it('is lambda/2 times the singular values beyond the K-th, squared (Ky Fan), by hand', () => {
    // W^T rows (3, 0) and (0, 4): W = diag(3, 4), singular values 4 and 3.
    const rows = Float32Array.from([3, 0, 0, 4]);
    const one = spectralRefresh(rows, 2, 1);
    expect(one.singularValues).toEqual([4, 3]);
    expect([one.rank, one.columns, one.degenerate]).toEqual([2, 1, false]);
    expect(penaltyAndGradient(rows, 2, one.project, 1).value).toBeCloseTo(9 / 2, 12);
    const two = spectralRefresh(rows, 2, 2);
    expect(two.degenerate).toBe(true);
    expect(penaltyAndGradient(rows, 2, two.project, 1).value).toBeCloseTo(0, 12);
  });

  it('equals (lambda/2)[Tr(W^T W) - sum of the top-K squared singular values] on random rows', () => {
    const rows = randomRows(30, 5, 3);
    const r = spectralRefresh(rows, 5, 2);
    const expected = (0.1 / 2) * (sumSquares(rows) - sumSquares(r.singularValues.slice(0, 2)));
    expect(penaltyAndGradient(rows, 5, r.project, 0.1).value).toBeCloseTo(expected, 9);
  });

  it('has the gradient of its value (central differences), F held fixed', () => {
    const rows = randomRows(12, 3, 4);
    const { project } = spectralRefresh(rows, 3, 2);
    const moved = rows.map((v, i) => v + 0.1 * Math.sin(i)); // away from the refresh point, where it is not zero
    const lambda = 0.7;
    const analytic = penaltyAndGradient(moved, 3, project, lambda).gradient;
    numericGradient(moved, 3, project, lambda).forEach((g, i) =>
      expect(Math.abs(g - analytic[i]), `coordinate ${i}`).toBeLessThan(1e-3 * lambda),
    );
  });

  it('is degenerate when K >= rank(W): zero right after every refresh, even for K < s', () => {
    const rows = randomRows(50, 3, 5); // rank 3 = s
    for (const k of [3, 4, 20]) {
      const r = spectralRefresh(rows, 3, k);
      expect([r.rank, r.degenerate], `K = ${k}`).toEqual([3, true]);
      expect(penaltyAndGradient(rows, 3, r.project, 1).value / sumSquares(rows), `K = ${k}`).toBeLessThan(1e-12);
    }
    expect(spectralRefresh(rows, 3, 2).degenerate).toBe(false);
    expect(penaltyAndGradient(rows, 3, spectralRefresh(rows, 3, 2).project, 1).value).toBeGreaterThan(0.01 * sumSquares(rows));
    // Every filter row a multiple of (1, 2, 3): rank 1, so already K = 2 < s = 3 makes it vanish.
    const parallel = Float32Array.from({ length: 30 }, (_, i) => (1 + (i % 3)) * (1 + Math.floor(i / 3)));
    const p = spectralRefresh(parallel, 3, 2);
    expect([p.rank, p.degenerate]).toEqual([1, true]);
  });
});
