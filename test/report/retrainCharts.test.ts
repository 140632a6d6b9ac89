// The retrain charts from hand-made data: every point drawn where its numbers say, the Pareto front marked as
// given, coinciding front points sharing one label, the same bytes for the same data.
import { describe, expect, it } from 'vitest';
import { renderAccuracyCrChart, type AccuracyCrData } from '../../src/report/accuracyCrChart.js';
import { renderDistortionChart, type DistortionData } from '../../src/report/distortionChart.js';
import { renderAccuracyEnergyChart, type AccuracyEnergyData } from '../../src/report/accuracyEnergyChart.js';
import { SERIES_COLORS } from '../../src/report/xyChart.js';
import { parseSvg } from './svgDom.js';

/** The translate(x,y) of a mark. */
function position(el: Element): [number, number] {
  const m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute('transform') ?? '');
  if (!m) throw new Error(`no translate on ${el.outerHTML.slice(0, 80)}`);
  return [Number(m[1]), Number(m[2])];
}

const accuracy: AccuracyCrData = {
  title: 't',
  subtitle: 's',
  xTitle: 'CR',
  reference: { name: 'pretrained', accuracyPercent: 99 },
  series: [
    {
      name: 'k-means',
      points: [
        { cr: 20, accuracyPercent: 97, label: 'b' },
        { cr: 10, accuracyPercent: 98.5, label: 'a' },
      ],
    },
    {
      name: 'dkm',
      points: [
        { cr: 10, accuracyPercent: 98.9, label: 'a' },
        { cr: 20, accuracyPercent: 98.8, label: 'b' },
      ],
    },
  ],
};

describe('accuracy-cr chart', () => {
  const doc = parseSvg(renderAccuracyCrChart(accuracy));

  it('places every point by its CR and accuracy: more compression to the right, more accuracy higher', () => {
    const points = [...doc.querySelectorAll('.series-0 .point')];
    expect(points).toHaveLength(2);
    const [a, b] = points.map(position); // sorted by CR: 10 then 20
    expect(points.map((p) => p.getAttribute('data-cr'))).toEqual(['10', '20']);
    expect(b[0]).toBeGreaterThan(a[0]);
    expect(b[1]).toBeGreaterThan(a[1]); // 97 % is lower on the page than 98.5 %
    const dkm = [...doc.querySelectorAll('.series-1 .point')].map(position);
    expect(dkm[1][1]).toBeLessThan(b[1]); // at CR 20, 98.8 % sits above 97 %
  });

  it('draws the pretrained accuracy as a reference line above every shared point here', () => {
    const line = doc.querySelector('line.reference')!;
    const y = Number(line.getAttribute('y1'));
    for (const p of doc.querySelectorAll('.point')) expect(position(p)[1]).toBeGreaterThan(y);
    expect([...doc.querySelectorAll('.legend-item text')].map((t) => t.textContent)).toEqual(['k-means', 'dkm', 'pretrained']);
  });

  it('is the same bytes for the same data', () => {
    expect(renderAccuracyCrChart(accuracy)).toBe(renderAccuracyCrChart(accuracy));
  });

  it("keeps a series' colour when it is given a style, whatever its position", () => {
    const styled = parseSvg(renderAccuracyCrChart({ ...accuracy, series: [{ ...accuracy.series[1], style: 3 }] }));
    expect(styled.querySelector('.series-0 .point')!.getAttribute('fill')).toBe(SERIES_COLORS[3]);
    expect(doc.querySelector('.series-0 .point')!.getAttribute('fill')).toBe(SERIES_COLORS[0]);
  });
});

describe('distortion chart', () => {
  const data: DistortionData = {
    title: 't',
    subtitle: 's',
    series: { names: ['k-means', 'tq', 'dkm'] },
    panels: [
      {
        title: 'K 8,44',
        series: [
          { name: 'k-means', values: [0.3] },
          { name: 'tq', values: [0, 0, 0] },
          { name: 'dkm', values: [0.3, 0.2, 0.1] },
        ],
      },
      { title: 'K 8,16', series: [{ name: 'dkm', values: [0.4, 0.3, 0.2] }] },
    ],
  };
  const doc = parseSvg(renderDistortionChart(data));

  it('has one plot per plan and one mark per epoch and method, falling values lower on the page', () => {
    expect([...doc.querySelectorAll('.panel-title')].map((t) => t.textContent)).toEqual(['K 8,44', 'K 8,16']);
    const dkm = [...doc.querySelectorAll('.plot-0 .series-2 .point')];
    expect(dkm.map((p) => p.getAttribute('data-epoch'))).toEqual(['0', '1', '2']);
    const ys = dkm.map((p) => position(p)[1]);
    expect(ys[1]).toBeGreaterThan(ys[0]);
    expect(ys[2]).toBeGreaterThan(ys[1]);
    expect(doc.querySelectorAll('.plot-0 .series-0 .point')).toHaveLength(1);
    expect(doc.querySelectorAll('.plot-1 .point')).toHaveLength(3);
    // Both plots share one y scale: 0.3 at epoch 0 of plot 0 is at the height of 0.3 at epoch 1 of plot 1.
    const y03 = position(dkm[0])[1];
    expect(position(doc.querySelectorAll('.plot-1 .series-2 .point')[1])[1]).toBeCloseTo(y03, 6);
  });
});

describe('pareto chart', () => {
  const data: AccuracyEnergyData = {
    title: 't',
    subtitle: 's',
    xTitle: 'energy',
    series: { names: ['k-means', 'dkm', 'pretrained'] },
    points: [
      { series: 'pretrained', label: 'pretrained', energy: 100, accuracyPercent: 99, onFront: true },
      { series: 'k-means', label: 'kmeans a', energy: 90, accuracyPercent: 97, onFront: false },
      { series: 'dkm', label: 'dkm a', energy: 90, accuracyPercent: 98.5, onFront: true },
      { series: 'k-means', label: 'kmeans b', energy: 80, accuracyPercent: 96, onFront: true },
      { series: 'dkm', label: 'dkm b', energy: 80, accuracyPercent: 96, onFront: true },
    ],
  };
  const doc = parseSvg(renderAccuracyEnergyChart(data));

  it('marks exactly the given front points and labels only them, coinciding ones with one label', () => {
    const front = [...doc.querySelectorAll('.point.on-front')];
    expect(front.map((p) => p.getAttribute('data-accuracy')).sort()).toEqual(['96', '96', '98.5', '99']);
    expect(doc.querySelectorAll('.point')).toHaveLength(5);
    expect([...doc.querySelectorAll('.front-labels text')].map((t) => t.textContent).sort()).toEqual([
      'dkm a',
      'kmeans b = dkm b',
      'pretrained',
    ]);
  });

  it('joins the front by a staircase through its points in order of energy', () => {
    const d = doc.querySelector('path.front')!.getAttribute('d')!;
    const vertices = [...d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    // 4 front points: the first, then a corner and the point for each of the other 3.
    expect(vertices).toHaveLength(7);
    for (let i = 1; i < vertices.length; i += 2) {
      expect(vertices[i][1]).toBe(vertices[i - 1][1]); // across at the previous accuracy
      expect(vertices[i + 1][0]).toBe(vertices[i][0]); // then up or down at the point's energy
    }
    expect(vertices.map((v) => v[0])).toEqual([...vertices.map((v) => v[0])].sort((a, b) => a - b));
  });
});
