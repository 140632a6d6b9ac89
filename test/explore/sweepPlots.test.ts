// The plots a sweep writes (pareto-<a>-<b>.svg for each pair of objectives, energy-vs-rate.svg with a rate
// axis), read back from their SVG. Rows are made by hand (sweepFixture.ts), so every front is known.
import { describe, expect, it } from 'vitest';
import type { ParetoObjective } from '../../src/explore/manifest.js';
import { parseSvg } from '../report/svgDom.js';
import { EXAMPLE_ROWS as rows, bruteFront, okRow, sweepManifest, valueOf as value, writtenFiles as written } from './sweepFixture.js';

const valid = rows.filter((r) => r.status === 'ok');
const num = (e: Element, name: string) => Number(e.getAttribute(name));

describe('the Pareto plots of a sweep', () => {
  const m = sweepManifest();
  const { files } = written(m, rows);

  it('come one per pair of objectives', () => {
    expect([...files.keys()].filter((f) => f.endsWith('.svg'))).toEqual([
      'pareto-energy-latency.svg',
      'pareto-energy-area.svg',
      'pareto-latency-area.svg',
    ]);
  });

  for (const [a, b] of [
    ['energy', 'latency'],
    ['energy', 'area'],
    ['latency', 'area'],
  ] as [ParetoObjective, ParetoObjective][]) {
    it(`pareto-${a}-${b}.svg: a marker per valid point, the brute-force front labelled and joined by its staircase`, () => {
      const svg = parseSvg(files.get(`pareto-${a}-${b}.svg`)!).documentElement;
      const groups = [...svg.querySelectorAll('g.point')];
      expect(groups.map((g) => Number(g.getAttribute('data-point'))).sort()).toEqual(valid.map((r) => r.point));
      const front = new Set(bruteFront(valid.map((r) => [value(r, b), value(r, a)])).map((i) => valid[i].point));
      const full = new Set(
        bruteFront(valid.map((r) => [value(r, 'energy'), value(r, 'latency'), value(r, 'area')])).map((i) => valid[i].point),
      );
      const marker = new Map(groups.map((g) => [Number(g.getAttribute('data-point')), g.querySelector('circle')!]));
      for (const g of groups) {
        const point = Number(g.getAttribute('data-point'));
        expect(g.getAttribute('class')).toBe(front.has(point) ? 'point' : 'point faint');
        expect(g.getAttribute('data-front')).toBe(front.has(point) ? 'pair' : full.has(point) ? 'all' : 'none');
        expect(g.querySelector('text.point-label') !== null).toBe(front.has(point));
        // Ringed: dominated in this pair, on the front of all three.
        expect(g.querySelector('circle')!.getAttribute('stroke') !== null).toBe(!front.has(point) && full.has(point));
      }
      // The staircase: the front's points by increasing x, each joined to the next across then down.
      const steps = svg
        .querySelector('polyline.front')!
        .getAttribute('points')!
        .split(' ')
        .map((p) => p.split(',').map(Number));
      const corners = steps.filter((_, i) => i % 2 === 0);
      const byX = [...front].sort((p, q) => value(rows[p], b) - value(rows[q], b));
      expect(corners).toEqual(byX.map((p) => [num(marker.get(p)!, 'cx'), num(marker.get(p)!, 'cy')]));
      steps.filter((_, i) => i % 2 === 1).forEach(([x, y], i) => expect([x, y]).toEqual([corners[i + 1][0], corners[i][1]]));
    });
  }

  it('label the front with what differs along it, and title the axes with units', () => {
    const svg = parseSvg(files.get('pareto-energy-latency.svg')!).documentElement;
    expect([...svg.querySelectorAll('text.point-label')].map((t) => t.textContent)).toEqual(['12x14', '16x16']);
    expect(svg.querySelector('.legend')!.textContent).toContain('front of energy and latency, all GLB 108 KiB');
    expect(svg.querySelector('.x-title')!.textContent).toBe('latency (ms)');
    expect(svg.querySelector('.y-title')!.textContent).toBe('energy per inference (MAC-normalized units)');
    const area = parseSvg(files.get('pareto-latency-area.svg')!).documentElement;
    expect(area.querySelector('.x-title')!.textContent).toBe('area (mm\u00B2)');
  });

  it('show pJ in a prefixed joule, and a batch as a batch', () => {
    const pj = rows.map((r) => (r.totals ? { ...r, totals: { ...r.totals, energyUnit: 'pJ' as const } } : r));
    const { files: f } = written(sweepManifest({ energyUnit: 'pJ', batch: 4 }), pj);
    const svg = parseSvg(f.get('pareto-energy-latency.svg')!).documentElement;
    // 34e9 pJ = 34 mJ.
    expect(svg.querySelector('.y-title')!.textContent).toBe('energy per batch of 4 (mJ)');
    expect(svg.querySelector('.x-title')!.textContent).toBe('latency per batch of 4 (ms)');
  });
});

describe('energy-vs-rate.svg', () => {
  const rates = [0.5, 0.1, 0.05];
  const rateManifest = (glb: number[]) =>
    sweepManifest({
      axes: [
        { path: 'compress.clusterRate', values: rates.map(String) },
        { path: 'glb.capacityBytes', values: glb.map(String) },
      ],
      points: rates.length * glb.length,
      batch: 2,
    });
  const rateRows = (glb: number[]) =>
    rates.flatMap((rate, i) =>
      glb.map((g, j) =>
        okRow(
          i * glb.length + j,
          { 'compress.clusterRate': rate, 'glb.capacityBytes': g },
          { energy: 1e9 * (10 + rate * 10 + ((j * 7) % 5)), latencyMs: 100, areaMm2: 10 + j, ratio: 1 / rate },
        ),
      ),
    );

  it('draws a line per hardware variant, named at its largest rate, with the compression ratios', () => {
    const glb = [65536, 110592];
    const { files } = written(rateManifest(glb), rateRows(glb));
    const svg = parseSvg(files.get('energy-vs-rate.svg')!).documentElement;
    expect(svg.querySelectorAll('g.point')).toHaveLength(6);
    expect(svg.querySelectorAll('polyline.series')).toHaveLength(2);
    expect([...svg.querySelectorAll('text.point-label')].map((t) => t.textContent)).toEqual(['GLB 64 KiB', 'GLB 108 KiB']);
    expect(svg.querySelector('.x-title')!.textContent).toBe('cluster rate (K / N filter rows kept)');
    expect([...svg.querySelectorAll('.x-axis .tick text')].map((t) => t.textContent)).toContain('0.1');
    expect(svg.querySelector('.ratios')!.textContent).toBe('compression ratio (fixed-length indices) at rate 0.05: 20x, 0.1: 10x, 0.5: 2x');
    // Energy per inference: the batch of 2 halves the total. Point 0 (rate 0.5, 64 KiB): 15e9 / 2.
    expect(svg.querySelector('g.point[data-point="0"] title')!.textContent).toContain('7.5G MAC-normalized units per inference');
  });

  it('with more variants than colours, joins the least energy at each rate', () => {
    const glb = [16, 32, 64, 128, 256, 512, 1024].map((k) => k * 1024);
    const r = rateRows(glb);
    const { files } = written(rateManifest(glb), r);
    const svg = parseSvg(files.get('energy-vs-rate.svg')!).documentElement;
    expect(svg.querySelectorAll('g.point')).toHaveLength(r.length);
    const best = rates
      .map(
        (rate) =>
          r
            .filter((x) => x.params['compress.clusterRate'] === rate)
            .reduce((p, q) => (q.totals!.energy.total < p.totals!.energy.total ? q : p)).point,
      )
      .sort((p, q) => p - q);
    expect([...svg.querySelectorAll('g.point:not(.faint)')].map((g) => Number(g.getAttribute('data-point'))).sort((p, q) => p - q)).toEqual(
      best,
    );
    expect(svg.querySelectorAll('polyline.best')).toHaveLength(1);
  });

  it('is not written without a rate axis', () => {
    expect(written(sweepManifest(), rows).files.has('energy-vs-rate.svg')).toBe(false);
  });
});
