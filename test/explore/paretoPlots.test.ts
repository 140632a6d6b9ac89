// The data behind the Pareto plots: each pair's front is the brute-force front of that pair, the ringed
// points the brute-force front over all objectives, and the labels name only what changes along the front.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParetoObjective } from '../../src/explore/manifest.js';
import { differingAxes, objectivePairs, paretoPlots } from '../../src/explore/paretoPlots.js';
import { bruteFront, invalidRow, okRow, sweepManifest, valueOf as value } from './sweepFixture.js';

describe('paretoPlots', () => {
  it('makes one plot per pair of objectives, y the first of the pair', () => {
    expect(objectivePairs(['energy', 'latency', 'area'])).toEqual([
      ['energy', 'latency'],
      ['energy', 'area'],
      ['latency', 'area'],
    ]);
    const plots = paretoPlots(sweepManifest(), [
      okRow(0, { 'glb.capacityBytes': 32768, peArray: '12x14' }, { energy: 1, latencyMs: 1, areaMm2: 1 }),
    ]);
    expect(plots.map((p) => [p.file, p.y, p.x])).toEqual([
      ['pareto-energy-latency.svg', 'energy', 'latency'],
      ['pareto-energy-area.svg', 'energy', 'area'],
      ['pareto-latency-area.svg', 'latency', 'area'],
    ]);
  });

  it('agrees with brute force on random sweeps (ties, invalid points)', () => {
    const glb = [32768, 65536, 110592];
    const arrays = ['12x14', '16x16', '8x8'];
    const cell = fc.option(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })), {
      freq: 5,
    });
    fc.assert(
      fc.property(fc.array(cell, { minLength: 9, maxLength: 9 }), (cells) => {
        const rows = cells.map((c, i) => {
          const params = { 'glb.capacityBytes': glb[Math.floor(i / 3)], peArray: arrays[i % 3] };
          return c === null ? invalidRow(i, params, 'too small') : okRow(i, params, { energy: c[0], latencyMs: c[1], areaMm2: c[2] });
        });
        const valid = rows.filter((r) => r.status === 'ok');
        const objectives: ParetoObjective[] = ['energy', 'latency', 'area'];
        const full = new Set(bruteFront(valid.map((r) => objectives.map((o) => value(r, o)))).map((i) => valid[i].point));
        for (const plot of paretoPlots(sweepManifest(), rows)) {
          const pair = new Set(bruteFront(valid.map((r) => [value(r, plot.x), value(r, plot.y)])).map((i) => valid[i].point));
          expect(plot.points.map((p) => p.point)).toEqual(valid.map((r) => r.point));
          expect(plot.invalid).toBe(rows.length - valid.length);
          for (const p of plot.points) {
            const row = rows[p.point];
            expect([p.x, p.y]).toEqual([value(row, plot.x), value(row, plot.y)]);
            expect(p.onPairFront).toBe(pair.has(p.point));
            expect(p.onFullFront).toBe(full.has(p.point));
            expect(p.label !== undefined).toBe(pair.has(p.point));
          }
          const expected = [...pair]
            .map((i) => [value(rows[i], plot.x), value(rows[i], plot.y)])
            .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
          expect(plot.front.map(([x, y]) => [x, y])).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('labels the front with the parameters that differ along it and says once what it shares', () => {
    const rows = [
      okRow(0, { 'glb.capacityBytes': 32768, peArray: '12x14' }, { energy: 40, latencyMs: 500, areaMm2: 9 }),
      okRow(1, { 'glb.capacityBytes': 65536, peArray: '12x14' }, { energy: 35, latencyMs: 300, areaMm2: 14 }),
      okRow(2, { 'glb.capacityBytes': 110592, peArray: '12x14' }, { energy: 34, latencyMs: 320, areaMm2: 12 }),
      okRow(3, { 'glb.capacityBytes': 110592, peArray: '16x16' }, { energy: 34.5, latencyMs: 280, areaMm2: 16 }),
    ];
    const [energyLatency, energyArea] = paretoPlots(sweepManifest(), rows);
    // energy-latency: 2 (34, 320) and 3 (34.5, 280); both 108 KiB, so only the array tells them apart.
    expect(energyLatency.points.filter((p) => p.label).map((p) => [p.point, p.label])).toEqual([
      [2, '12x14'],
      [3, '16x16'],
    ]);
    expect(energyLatency.shared).toBe('GLB 108 KiB');
    // energy-area: 0 (40, 9) and 2 (34, 12), both 12x14.
    expect(energyArea.points.filter((p) => p.label).map((p) => [p.point, p.label])).toEqual([
      [0, 'GLB 32 KiB'],
      [2, 'GLB 108 KiB'],
    ]);
    expect(energyArea.shared).toBe('12x14');
    expect(energyArea.points[1].params).toBe('GLB 64 KiB, 12x14');
  });

  it('labels a lone front point with every parameter', () => {
    const rows = [
      okRow(0, { 'glb.capacityBytes': 32768, peArray: '12x14' }, { energy: 1, latencyMs: 1, areaMm2: 1 }),
      okRow(1, { 'glb.capacityBytes': 65536, peArray: '12x14' }, { energy: 2, latencyMs: 2, areaMm2: 2 }),
    ];
    expect(differingAxes([rows[0]], ['glb.capacityBytes', 'peArray'])).toEqual(['glb.capacityBytes', 'peArray']);
    const [plot] = paretoPlots(sweepManifest(), rows);
    expect(plot.points.map((p) => p.label)).toEqual(['GLB 32 KiB, 12x14', undefined]);
    expect(plot.shared).toBe('');
  });

  it('draws nothing when no point is valid', () => {
    expect(paretoPlots(sweepManifest(), [invalidRow(0, { 'glb.capacityBytes': 1024, peArray: '12x14' }, 'too small')])).toEqual([]);
  });
});
