// One pair of a sweep's objectives as a scatter plot (scatterChart.ts): every valid design point, the front
// of the pair strong, labelled and joined by its staircase (the edge of the region it dominates), the
// dominated points faint. With three or more objectives, a point dominated in this pair may still be on the
// front over all of them: it is drawn faint but ringed, so the plot does not hide a design worth keeping.
// The data (fronts, labels) comes computed from src/explore; this file only draws.
import type { ParetoObjective, SweepManifest } from '../explore/manifest.js';
import { objectiveName, objectiveScale, objectiveTitle, scaledText, spansDecade, type DisplayScale } from './objectiveScale.js';
import { renderScatterChart, type ScatterPoint } from './scatterChart.js';
import type { LegendEntry } from './scatterLegend.js';

export interface ParetoPlotPoint {
  readonly point: number;
  /** The point's values of the plot's x and y objectives, in the hardware file's units (energy) or ms, mm². */
  readonly x: number;
  readonly y: number;
  /** On the front of this pair of objectives. */
  readonly onPairFront: boolean;
  /** On the front over all the sweep's objectives. */
  readonly onFullFront: boolean;
  /** Front points: the parameters that differ along the pair's front, e.g. "GLB 64 KiB, 16x16". */
  readonly label?: string;
  /** Every parameter of the point. */
  readonly params: string;
}

export interface ParetoPlot {
  readonly file: string;
  readonly x: ParetoObjective;
  readonly y: ParetoObjective;
  /** The valid points, in point order. */
  readonly points: readonly ParetoPlotPoint[];
  /** The pair's front, by increasing x. */
  readonly front: readonly (readonly [number, number])[];
  /** The parameters every point of a front of two or more shares, e.g. "rate 0.05" (none: ""). */
  readonly shared: string;
  /** Points not drawn: no legal mapping. */
  readonly invalid: number;
}

const FRONT_COLOR = '#D55E00';

/** Through every front point, across then down: the boundary of what the front dominates (both minimized). */
export function staircase(front: readonly (readonly [number, number])[]): [number, number][] {
  return front.flatMap(
    ([x, y], i) =>
      (i + 1 < front.length
        ? [
            [x, y],
            [front[i + 1][0], y],
          ]
        : [[x, y]]) as [number, number][],
  );
}

const axisOf = (o: ParetoObjective, batch: number, s: DisplayScale, values: readonly number[]) => ({
  title: objectiveTitle(o, batch, s),
  scale: spansDecade(values) ? ('log' as const) : ('linear' as const),
});

export function renderParetoChart(m: SweepManifest, plot: ParetoPlot): string {
  const xs = objectiveScale(
    plot.x,
    m.energyUnit,
    plot.points.map((p) => p.x),
  );
  const ys = objectiveScale(
    plot.y,
    m.energyUnit,
    plot.points.map((p) => p.y),
  );
  const [xName, yName] = [objectiveName(plot.x, m.batch), objectiveName(plot.y, m.batch)];
  const ringed = plot.points.some((p) => p.onFullFront && !p.onPairFront);
  const all = m.objectives.join('/');

  const points: ScatterPoint[] = plot.points.map((p) => ({
    x: p.x / xs.factor,
    y: p.y / ys.factor,
    faint: !p.onPairFront,
    ring: p.onFullFront && !p.onPairFront,
    label: p.onPairFront ? p.label : undefined,
    tooltip: `point ${p.point}: ${p.params}; ${yName} ${scaledText(p.y, ys)} ${ys.unit}, ${xName} ${scaledText(p.x, xs)} ${xs.unit}`,
    data: { point: p.point, front: p.onPairFront ? 'pair' : p.onFullFront ? 'all' : 'none' },
  }));
  const legend: LegendEntry[] = [
    { text: `front of ${plot.y} and ${plot.x}${plot.shared ? `, all ${plot.shared}` : ''}`, marker: {}, line: { color: FRONT_COLOR } },
    ...(ringed ? [{ text: `dominated here, on the ${all} front`, marker: { faint: true, ring: true } }] : []),
    { text: 'dominated', marker: { faint: true } },
  ];
  const axes = m.axes.map((a) => `${a.path} (${a.values.length})`).join(' x ');
  return renderScatterChart({
    id: plot.file.replace(/\.svg$/, ''),
    title: `${m.model}${m.batch === 1 ? '' : ` (batch ${m.batch})`}: ${plot.y} vs ${plot.x} over ${plot.points.length} design points`,
    subtitle:
      `${m.hardware.file} varied over ${axes}${plot.invalid ? `; ${plot.invalid} invalid points not shown` : ''}; ` +
      `mappings searched for least ${m.objective}`,
    x: axisOf(
      plot.x,
      m.batch,
      xs,
      points.map((p) => p.x),
    ),
    y: axisOf(
      plot.y,
      m.batch,
      ys,
      points.map((p) => p.y),
    ),
    points,
    lines: [{ className: 'front', color: FRONT_COLOR, through: staircase(plot.front.map(([x, y]) => [x / xs.factor, y / ys.factor])) }],
    legend,
  });
}
