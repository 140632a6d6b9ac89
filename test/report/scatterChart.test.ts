// The scatter plot every report draws (validation fit, a sweep's Pareto fronts): read back from its SVG.
import { describe, expect, it } from 'vitest';
import { TICK_FONT_PX, textWidthPx } from '../../src/report/chartLayout.js';
import { renderScatterChart, type ScatterPoint, type ScatterSpec } from '../../src/report/scatterChart.js';
import { parseSvg } from './svgDom.js';

const num = (e: Element, name: string) => Number(e.getAttribute(name));

// A Pareto-like plot: a front of four points (strong, labelled) in a cloud of dominated ones (faint, bare).
const front: [number, number][] = [
  [1e3, 9e4],
  [3e3, 2e4],
  [2e4, 6e3],
  [1.5e5, 2e3],
];
const cloud: [number, number][] = [
  [2e3, 8e4],
  [5e3, 5e4],
  [4e4, 3e4],
  [2e5, 9e3],
  [6e3, 2.5e4],
  [3e4, 1.2e4],
  [1.2e5, 7e3],
];
const points: ScatterPoint[] = [
  ...cloud.map(([x, y], i) => ({ x, y, faint: true, data: { index: `c${i}` } })),
  ...front.map(([x, y], i) => ({ x, y, label: `glb ${2 ** i * 32} KiB, 12x14`, tooltip: `point ${i}`, data: { index: `f${i}` } })),
];
const spec: ScatterSpec = {
  id: 'energy-latency',
  title: 'resnet50: energy vs latency over 11 design points',
  subtitle: 'eyeriss.json, glb.capacityBytes x peArray',
  x: { title: 'latency (cycles)', scale: 'log' },
  y: { title: 'energy per inference (pJ)', scale: 'log' },
  points,
  lines: [{ className: 'front', color: '#D55E00', through: front }],
};

describe('renderScatterChart', () => {
  const text = renderScatterChart(spec);
  const svg = parseSvg(text).documentElement;
  const groups = [...svg.querySelectorAll('g.point')];
  const marker = (index: string) => svg.querySelector(`g.point[data-index="${index}"] circle`)!;

  it('draws faint points light and under the strong ones', () => {
    expect(groups.map((g) => g.getAttribute('data-index'))).toEqual([...cloud.map((_, i) => `c${i}`), ...front.map((_, i) => `f${i}`)]);
    for (const g of groups) {
      const faint = g.getAttribute('data-index')!.startsWith('c');
      expect(g.getAttribute('class')).toBe(faint ? 'point faint' : 'point');
      expect(g.querySelector('circle')!.getAttribute('fill-opacity')).toBe(faint ? '0.3' : null);
    }
  });

  it('draws the polyline through its points, in their order', () => {
    const pairs = svg
      .querySelector('polyline.front')!
      .getAttribute('points')!
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(pairs).toEqual(front.map((_, i) => [num(marker(`f${i}`), 'cx'), num(marker(`f${i}`), 'cy')]));
  });

  it('spaces log axes by ratios and labels their ticks in SI numbers', () => {
    // 1e3 -> 1e4 -> 1e5 are equal steps on a log axis: f0 (1e3) to f2 (2e4) spans log10(20), f2 to f3 log10(7.5).
    const dx = (a: string, b: string) => num(marker(b), 'cx') - num(marker(a), 'cx');
    expect(dx('f0', 'f2') / dx('f2', 'f3')).toBeCloseTo(Math.log10(20) / Math.log10(7.5), 6);
    const ticks = [...svg.querySelectorAll('.x-axis .tick text')].map((t) => t.textContent);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks).toContain('10k');
  });

  it('labels exactly the labelled points, each label clear of every marker and of the other labels', () => {
    const labels = [...svg.querySelectorAll('text.point-label')];
    expect(labels.map((l) => l.textContent)).toEqual(front.map((_, i) => `glb ${2 ** i * 32} KiB, 12x14`));
    // Boxes as placeLabels estimates them: the baseline is 0.35 font below the text's middle.
    const boxes = labels.map((l) => {
      const w = textWidthPx(l.textContent, TICK_FONT_PX);
      const x = num(l, 'x');
      const left = l.getAttribute('text-anchor') === 'start' ? x : l.getAttribute('text-anchor') === 'end' ? x - w : x - w / 2;
      const mid = num(l, 'y') - 0.35 * TICK_FONT_PX;
      return { x0: left, x1: left + w, y0: mid - TICK_FONT_PX / 2, y1: mid + TICK_FONT_PX / 2 };
    });
    const overlap = (a: (typeof boxes)[0], b: (typeof boxes)[0]) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    boxes.forEach((b, i) => {
      boxes.forEach((o, j) => expect(i !== j && overlap(b, o)).toBe(false));
      for (const g of groups) {
        const c = g.querySelector('circle')!;
        const r = num(c, 'r');
        expect(overlap(b, { x0: num(c, 'cx') - r, x1: num(c, 'cx') + r, y0: num(c, 'cy') - r, y1: num(c, 'cy') + r })).toBe(false);
      }
    });
  });

  it('titles the axes with their units and gives the same bytes every time', () => {
    expect(svg.querySelector('.x-title')!.textContent).toBe('latency (cycles)');
    expect(svg.querySelector('.y-title')!.textContent).toBe('energy per inference (pJ)');
    expect(renderScatterChart(spec)).toBe(text);
  });

  it('refuses values a log axis cannot show, and a straight line on log axes', () => {
    expect(() => renderScatterChart({ ...spec, points: [...points, { x: 0, y: 1 }] })).toThrow(
      /log axis "latency \(cycles\)" needs positive values/,
    );
    expect(() => renderScatterChart({ ...spec, lines: [{ className: 'fit', color: '#000', slope: 1, intercept: 0 }] })).toThrow(
      /needs linear axes/,
    );
  });

  it('prints ticks with the digits that tell them apart, and rates as decimals', () => {
    // 16.65G .. 16.9G: at three significant digits 16.65G and 16.7G would both print "16.7G".
    const close = renderScatterChart({
      ...spec,
      id: 'close',
      x: { title: 'rate', format: 'decimal' },
      y: { title: 'energy' },
      lines: [],
      points: [
        { x: 0.05, y: 16.66e9 },
        { x: 0.1, y: 16.8e9 },
        { x: 0.5, y: 16.9e9 },
      ],
    });
    const doc = parseSvg(close).documentElement;
    const yTicks = [...doc.querySelectorAll('.y-axis .tick text')].map((t) => t.textContent);
    expect(new Set(yTicks).size).toBe(yTicks.length);
    expect(yTicks).toContain('16.65G');
    const xTicks = [...doc.querySelectorAll('.x-axis .tick text')].map((t) => t.textContent);
    expect(xTicks).toContain('0.1');
    expect(xTicks.some((t) => t.endsWith('m'))).toBe(false);
  });

  it('draws a legend whose markers look like the points they explain, and rings ringed points', () => {
    const ringed = renderScatterChart({
      ...spec,
      id: 'ringed',
      points: [...points, { x: 5e4, y: 5e4, faint: true, ring: true, data: { index: 'r' } }],
      legend: [
        { text: 'front', marker: {}, line: { color: '#D55E00' } },
        { text: 'on the full front', marker: { faint: true, ring: true } },
        { text: 'dominated', marker: { faint: true } },
      ],
    });
    const doc = parseSvg(ringed).documentElement;
    const items = [...doc.querySelectorAll('.legend .legend-item')];
    expect(items.map((i) => i.querySelector('text')!.textContent)).toEqual(['front', 'on the full front', 'dominated']);
    const ring = doc.querySelector('g.point[data-index="r"] circle')!;
    const key = (c: Element) => ['fill', 'fill-opacity', 'stroke', 'stroke-width'].map((a) => c.getAttribute(a)).join();
    expect(key(ring)).toBe(key(items[1].querySelector('circle')!));
    expect(key(doc.querySelector('g.point[data-index="c0"] circle')!)).toBe(key(items[2].querySelector('circle')!));
    expect(ring.getAttribute('stroke')).not.toBeNull();
    // The plot moves down by the legend's row, so the legend never covers it.
    const top = (d: Element) => Number(/translate\([^,]+,([^)]+)\)/.exec(d.querySelector('g.plot')!.getAttribute('transform')!)![1]);
    expect(top(doc)).toBeGreaterThan(top(svg));
  });

  it('leaves out a label that fits nowhere and says so under the plot', () => {
    const long = 'x'.repeat(200);
    const doc = parseSvg(renderScatterChart({ ...spec, id: 'long', points: [...points, { x: 5e4, y: 5e4, label: long }] })).documentElement;
    expect([...doc.querySelectorAll('text.point-label')].map((t) => t.textContent)).not.toContain(long);
    expect(doc.querySelector('.omitted-labels')!.textContent).toBe('1 label left out for room: hover a point for its parameters');
    expect(svg.querySelector('.omitted-labels')).toBeNull();
  });
});
