// The large-k paths: the k-d tree seeding and lloydTree.ts's steps must give exactly what plain Lloyd gives
// (naiveKmeans.ts shares the seeding, so the comparison checks the Lloyd steps bit for bit), and the seeding
// must keep its contract (distinct centres, k clamped at the distinct rows, first assignment = nearest seed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kmeans, kmeansWith } from '../../src/compress/kmeans.js';
import { seedPlusPlus } from '../../src/compress/kmeansPlusPlus.js';
import { indexRows } from '../../src/compress/seedTree.js';
import { createRng } from '../../src/random/rng.js';
import { naiveKmeans } from './naiveKmeans.js';

function normalRows(n: number, dim: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * dim }, () => rng.normal());
}

const bytes = (x: ArrayBufferView): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

/** Squared distance of row i to centre j, as the k-means code computes it. */
function sq(rows: Float32Array, i: number, cents: Float32Array, j: number, dim: number): number {
  let d = 0;
  for (let t = 0; t < dim; t++) d += (rows[i * dim + t] - cents[j * dim + t]) ** 2;
  return d;
}

describe('k-means for large k', () => {
  for (const [dim, pinned] of [
    [1, false],
    [3, false],
    [11, false],
    [5, true],
  ] as const) {
    it(`N = 3000, K = 1500, rows of length ${dim}${pinned ? ', pinned zero centre' : ''}: the same centroids, assignment and history as plain Lloyd`, () => {
      const rows = normalRows(3000, dim, 40 + dim);
      const fast = kmeans(rows, dim, 1500, { seed: 3, fixedZeroCluster: pinned });
      const slow = naiveKmeans(rows, dim, 1500, 3, 300, 1e-4, pinned);
      expect(fast.k).toBe(1500);
      expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
      expect([...fast.assignment]).toEqual([...slow.assignment]);
      expect(fast.distortionHistory).toEqual(slow.history);
      expect(fast.iterations).toBe(slow.iterations);
    });
  }

  it('the tree engine matches plain Lloyd on small inputs full of ties and duplicates (forced on for any k)', () => {
    const gridRows = fc
      .record({
        dim: fc.integer({ min: 1, max: 5 }),
        n: fc.integer({ min: 1, max: 150 }),
        k: fc.integer({ min: 1, max: 60 }),
        seed: fc.integer({ min: 0, max: 1e6 }),
        pinned: fc.boolean(),
      })
      .chain(({ dim, n, k, seed, pinned }) =>
        fc
          .array(fc.integer({ min: -3, max: 3 }), { minLength: n * dim, maxLength: n * dim })
          .map((values) => ({ dim, k: Math.max(k, pinned ? 2 : 1), seed, pinned, rows: Float32Array.from(values) })),
      );
    fc.assert(
      fc.property(gridRows, ({ rows, dim, k, seed, pinned }) => {
        if (k - (pinned ? 1 : 0) >= rows.length / dim) return; // identity
        const fast = kmeansWith(rows, dim, k, { seed, fixedZeroCluster: pinned, tolerance: 0 }, 'tree');
        const slow = naiveKmeans(rows, dim, k, seed, 300, 0, pinned);
        expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
        expect([...fast.assignment]).toEqual([...slow.assignment]);
        expect(fast.distortionHistory).toEqual(slow.history);
      }),
      { numRuns: 300 },
    );
    // Continuous rows, many clusters per row: steps where most centres move, then where few do.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 20, max: 600 }), fc.integer({ min: 0, max: 1e6 }), (dim, n, seed) => {
        const rows = normalRows(n, dim, seed);
        const k = 2 + (seed % Math.max(1, n - 2));
        const fast = kmeansWith(rows, dim, k, { seed, tolerance: 0 }, 'tree');
        const slow = naiveKmeans(rows, dim, k, seed, 300, 0);
        expect(bytes(fast.centroids).equals(bytes(slow.centroids))).toBe(true);
        expect([...fast.assignment]).toEqual([...slow.assignment]);
        expect(fast.distortionHistory).toEqual(slow.history);
      }),
      { numRuns: 100 },
    );
  });

  it('seeding picks distinct centres, leaves each row on its nearest one (lowest index on ties), clamps k', () => {
    for (const dim of [1, 3, 11]) {
      // 4000 rows drawn from 1200 distinct rows: k = 2000 must clamp to 1200, k = 600 must not.
      const distinct = normalRows(1200, dim, dim);
      const rows = new Float32Array(4000 * dim);
      const pick = createRng(dim + 100);
      for (let i = 0; i < 4000; i++) {
        const r = i < 1200 ? i : Math.floor(pick.uniform() * 1200);
        rows.set(distinct.subarray(r * dim, (r + 1) * dim), i * dim);
      }
      for (const k of [40, 600, 2000]) {
        // 40: the scan; 600 and 2000: the tree (useTrees)
        const nearest = new Uint32Array(4000);
        const minDist = new Float64Array(4000);
        const seeded = seedPlusPlus(rows, dim, k, false, createRng(k), nearest, minDist);
        expect(seeded.k).toBe(Math.min(k, 1200));
        expect(seeded.centroids.length).toBe(seeded.k * dim);
        const keys = new Set<string>();
        for (let j = 0; j < seeded.k; j++) keys.add(seeded.centroids.subarray(j * dim, (j + 1) * dim).join(','));
        expect(keys.size).toBe(seeded.k);
        for (let i = 0; i < 4000; i += 7) {
          let best = Infinity,
            bestJ = -1;
          for (let j = 0; j < seeded.k; j++) {
            const d = sq(rows, i, seeded.centroids, j, dim);
            if (d < best) {
              best = d;
              bestJ = j;
            }
          }
          expect(nearest[i]).toBe(bestJ);
          expect(minDist[i]).toBe(best);
        }
        if (k >= 1200) expect(minDist.every((d) => d === 0)).toBe(true);
        const r = kmeans(rows, dim, k, { seed: k });
        expect(r.k).toBe(Math.min(k, 1200));
        if (k >= 1200) expect(r.distortion).toBe(0);
      }
    }
  });

  it('tree seeding on rows full of ties and duplicates: distinct centres, nearest seed (lowest index), clamped k', () => {
    const grid = fc
      .record({
        dim: fc.integer({ min: 1, max: 4 }),
        n: fc.integer({ min: 1, max: 200 }),
        k: fc.integer({ min: 1, max: 80 }),
        seed: fc.nat(),
      })
      .chain(({ dim, n, k, seed }) =>
        fc
          .array(fc.integer({ min: -2, max: 2 }), { minLength: n * dim, maxLength: n * dim })
          .map((values) => ({ dim, n, k, seed, rows: Float32Array.from(values) })),
      );
    fc.assert(
      fc.property(grid, fc.boolean(), ({ dim, n, k, seed, rows }, pinned) => {
        const nearest = new Uint32Array(n);
        const minDist = new Float64Array(n);
        const kk = Math.max(k, pinned ? 2 : 1);
        const seeded = seedPlusPlus(rows, dim, kk, pinned, createRng(seed), nearest, minDist, indexRows(rows, dim));
        const keys = new Set<string>();
        for (let j = 0; j < seeded.k; j++) keys.add([...seeded.centroids.subarray(j * dim, (j + 1) * dim)].map((v) => v + 0).join());
        expect(keys.size).toBe(seeded.k);
        const distinctRows = new Set(
          Array.from({ length: n }, (_, i) => [...rows.subarray(i * dim, (i + 1) * dim)].map((v) => v + 0).join()),
        );
        if (pinned && !distinctRows.has(new Array(dim).fill(0).join())) distinctRows.add('origin');
        expect(seeded.k).toBe(Math.min(kk, distinctRows.size));
        for (let i = 0; i < n; i++) {
          let best = Infinity,
            bestJ = -1;
          for (let j = 0; j < seeded.k; j++) {
            const d = sq(rows, i, seeded.centroids, j, dim);
            if (d < best) {
              best = d;
              bestJ = j;
            }
          }
          expect(nearest[i]).toBe(bestJ);
          expect(minDist[i]).toBe(best);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('D^2 sampling on the tree: the second centre is drawn with probability proportional to squared distance', () => {
    // Rows 0..39 on a line (8 leaves of the row tree) with the first centre pinned at the origin: row i has
    // weight i^2 of 20540. 41,080 draws: each count within 5 standard deviations of its expectation.
    const rows = Float32Array.from({ length: 40 }, (_, i) => i);
    const tree = indexRows(rows, 1);
    const counts = new Array<number>(40).fill(0);
    const rng = createRng(7);
    const draws = 41080;
    for (let t = 0; t < draws; t++) {
      const seeded = seedPlusPlus(rows, 1, 2, true, rng, new Uint32Array(40), new Float64Array(40), tree);
      counts[seeded.centroids[1]]++;
    }
    expect(counts[0]).toBe(0);
    for (let i = 1; i < 40; i++) {
      const p = (i * i) / 20540;
      expect(Math.abs(counts[i] - p * draws)).toBeLessThan(5 * Math.sqrt(draws * p * (1 - p)));
    }
  });
});
