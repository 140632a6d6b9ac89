import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmeans } from '../../src/compress/kmeans.js';
import { createRng } from '../../src/random/rng.js';
import { naiveKmeans } from './naiveKmeans.js';

/** n rows of length dim, standard normal, from a seed. */
function normalRows(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.normal());
}

/** True when a and b put the same rows together (labels may be permuted). */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if ((ab.get(a[i]) ?? b[i]) !== b[i] || (ba.get(b[i]) ?? a[i]) !== a[i]) return false;
    ab.set(a[i], b[i]);
    ba.set(b[i], a[i]);
  }
  return true;
}

const bytes = (x: ArrayBufferView): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

/** Rows on a small integer grid: duplicates and exactly tied distances everywhere. */
const gridRows = fc
  .record({
    dim: fc.integer({ min: 1, max: 5 }),
    n: fc.integer({ min: 1, max: 120 }),
    k: fc.integer({ min: 1, max: 24 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
    pinned: fc.boolean(),
  })
  .chain(({ dim, n, k, seed, pinned }) =>
    fc
      .array(fc.integer({ min: -3, max: 3 }), { minLength: n * dim, maxLength: n * dim })
      .map((values) => ({ dim, k: Math.max(k, pinned ? 2 : 1), seed, pinned, rows: Float32Array.from(values) })),
  );

/** Continuous rows: mixtures of a few blobs, so Lloyd takes several steps. */
const blobRows = fc
  .record({
    dim: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 2, max: 400 }),
    k: fc.integer({ min: 2, max: 40 }),
    seed: fc.integer({ min: 0, max: 1e6 }),
  })
  .map(({ dim, n, k, seed }) => ({ dim, k, seed, rows: normalRows(n, dim, seed + 7) }));

describe('kmeans', () => {
  it('recovers well-separated clusters (up to label permutation)', () => {
    // 5 centres 100 apart on a line in 3-D, 400 rows each with noise of std 1: any sane k-means finds them.
    const rng = createRng(11);
    const truth: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const c = (i * 7) % 5; // interleaved, so the partition is not just contiguous blocks
      truth.push(c);
      values.push(100 * c + rng.normal(), -50 * c + rng.normal(), rng.normal());
    }
    const result = kmeans(Float32Array.from(values), 3, 5, { seed: 3 });
    expect(result.k).toBe(5);
    expect(samePartition(result.assignment, truth)).toBe(true);
    expect([...result.clusterSizes].sort()).toEqual([400, 400, 400, 400, 400]);
  });

  it('the distortion history never increases (random data)', () => {
    fc.assert(
      fc.property(blobRows, ({ rows, dim, k, seed }) => {
        const r = kmeans(rows, dim, k, { seed, tolerance: 0 });
        for (let t = 1; t < r.distortionHistory.length; t++) {
          expect(r.distortionHistory[t]).toBeLessThanOrEqual(r.distortionHistory[t - 1]);
        }
        expect(r.distortion).toBe(r.distortionHistory[r.distortionHistory.length - 1]);
        expect(r.distortionHistory.length).toBe(r.iterations + 1);
      }),
      { numRuns: 200 },
    );
  });

  it('reports the distortion of the centres and assignment it returns, and sizes that add up', () => {
    fc.assert(
      fc.property(blobRows, ({ rows, dim, k, seed }) => {
        const r = kmeans(rows, dim, k, { seed });
        let d = 0;
        const sizes = new Uint32Array(r.k);
        for (let i = 0; i < r.assignment.length; i++) {
          sizes[r.assignment[i]]++;
          let row = 0;
          for (let t = 0; t < dim; t++) row += (rows[i * dim + t] - r.centroids[r.assignment[i] * dim + t]) ** 2;
          d += row;
        }
        expect(d).toBe(r.distortion);
        expect([...sizes]).toEqual([...r.clusterSizes]);
        expect(r.centroids.length).toBe(r.k * dim);
      }),
      { numRuns: 100 },
    );
  });

  it('gives exactly what plain Lloyd gives: the bounds and neighbour lists only skip work (ties, duplicates)', () => {
    fc.assert(
      fc.property(gridRows, ({ rows, dim, k, seed, pinned }) => {
        const fast = kmeans(rows, dim, k, { seed, fixedZeroCluster: pinned });
        if (k - (pinned ? 1 : 0) >= rows.length / dim) return; // identity: no Lloyd at all (tested below)
        const slow = naiveKmeans(rows, dim, k, seed, 300, 1e-4, pinned);
        expect(fast.k).toBe(slow.k);
        expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
        expect([...fast.assignment]).toEqual([...slow.assignment]);
        expect(fast.distortionHistory).toEqual(slow.history);
        expect(fast.iterations).toBe(slow.iterations);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(blobRows, ({ rows, dim, k, seed }) => {
        if (k >= rows.length / dim) return; // identity
        const fast = kmeans(rows, dim, k, { seed, tolerance: 0 });
        const slow = naiveKmeans(rows, dim, k, seed, 300, 0);
        expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
        expect([...fast.assignment]).toEqual([...slow.assignment]);
        expect(fast.distortionHistory).toEqual(slow.history);
      }),
      { numRuns: 100 },
    );
  });

  it('matches plain Lloyd above the neighbour-list limit too (k > 1024: full scans)', () => {
    const rows = normalRows(3000, 3, 5);
    const fast = kmeans(rows, 3, 1100, { seed: 9, maxIterations: 8 });
    const slow = naiveKmeans(rows, 3, 1100, 9, 8);
    expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
    expect([...fast.assignment]).toEqual([...slow.assignment]);
    expect(fast.distortionHistory).toEqual(slow.history);
  });

  it('same seed -> byte-identical codebook and index; different seeds can differ', () => {
    const rows = normalRows(5000, 3, 1);
    const a = kmeans(rows, 3, 16, { seed: 42 });
    const b = kmeans(rows, 3, 16, { seed: 42 });
    expect(bytes(a.centroids).equals(bytes(b.centroids))).toBe(true);
    expect(bytes(a.assignment).equals(bytes(b.assignment))).toBe(true);
    expect(a.distortion).toBe(b.distortion);
    const others = [1, 2, 3].map((seed) => kmeans(rows, 3, 16, { seed }));
    expect(others.some((o) => !bytes(o.centroids).equals(bytes(a.centroids)))).toBe(true);
  });

  it('k >= the number of distinct rows gives distortion 0 and clamps k to the distinct rows', () => {
    // 300 rows drawn from 7 distinct values.
    const distinct = [
      [0, 0, 0],
      [1, 2, 3],
      [-1, 0.5, 2],
      [4, 4, 4],
      [0.25, -3, 1],
      [9, 0, -9],
      [2, 2, -2],
    ];
    const rows = Float32Array.from({ length: 300 * 3 }, (_, i) => distinct[Math.floor(i / 3) % 7][i % 3]);
    for (const k of [7, 8, 50, 299]) {
      const r = kmeans(rows, 3, k, { seed: k });
      expect(r.distortion).toBe(0);
      expect(r.k).toBe(7);
      expect(r.centroids.length).toBe(21);
    }
  });

  it('k >= N is the identity: every row its own centre', () => {
    const rows = normalRows(10, 3, 2);
    for (const k of [10, 11, 1000]) {
      const r = kmeans(rows, 3, k, { seed: 0 });
      expect(r.k).toBe(10);
      expect(r.distortion).toBe(0);
      expect(r.iterations).toBe(0);
      expect([...r.assignment]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(bytes(r.centroids).equals(bytes(rows))).toBe(true);
    }
  });

  it('k = 1 puts every row on the mean', () => {
    const rows = Float32Array.from([1, 2, 3, 6]);
    const r = kmeans(rows, 1, 1, { seed: 0 });
    expect(r.k).toBe(1);
    expect(r.centroids[0]).toBe(3);
    expect(r.distortion).toBe(4 + 1 + 0 + 9);
  });

  it('a pinned zero centre stays at the origin and collects the rows nearest it', () => {
    const rows = Float32Array.from([0.1, -0.1, 0.05, 0, 10, 10.5, 11, 9.5, -20, -21]);
    const r = kmeans(rows, 1, 3, { seed: 1, fixedZeroCluster: true });
    expect(r.centroids[0]).toBe(0);
    expect([...r.assignment.subarray(0, 4)]).toEqual([0, 0, 0, 0]);
    expect(new Set(r.assignment.subarray(4, 8)).size).toBe(1);
    expect(new Set(r.assignment.subarray(8)).size).toBe(1);
  });

  it('rejects malformed calls with a message that says what is wrong', () => {
    expect(() => kmeans(new Float32Array(5), 3, 2, { seed: 0 })).toThrow(/rows of length 3/);
    expect(() => kmeans(new Float32Array(6), 3, 0, { seed: 0 })).toThrow(/k must be an integer >= 1/);
    expect(() => kmeans(new Float32Array(6), 3, 1, { seed: 0, fixedZeroCluster: true })).toThrow(/pinned zero centre/);
    expect(() => kmeans(Float32Array.from([0, NaN, 0]), 3, 1, { seed: 0 })).toThrow(/value 1 \(row 0\) is NaN/);
    expect(() => kmeans(new Float32Array(6), 3, 1, { seed: 0.5 })).toThrow(/safe integer/);
  });
});
