// The retrain experiment's pareto.svg: every shared network (a method at a plan) and the uncompressed one as a point of simulated
// energy against test accuracy; the points no other point beats on both (the Pareto front, computed by the
// caller) are drawn solid, labelled and joined by the staircase of the front, the others hollow.
import * as d3 from 'd3';
import { TICK_FONT_PX } from './chartLayout.js';
import { si } from './numbers.js';
import {
  drawAxes,
  paddedExtent,
  seriesColor,
  seriesLegend,
  seriesSymbol,
  styleIndex,
  xyChart,
  type ChartText,
  type SeriesSet,
} from './xyChart.js';
import { xmlSafe } from './xml.js';

export interface AccuracyEnergyPoint {
  /** Series (method) name: its colour and legend entry. */
  readonly series: string;
  readonly label: string;
  readonly energy: number;
  readonly accuracyPercent: number;
  readonly onFront: boolean;
}

export interface AccuracyEnergyData extends ChartText {
  readonly xTitle: string;
  /** Points name their series the same way. */
  readonly series: SeriesSet;
  readonly points: readonly AccuracyEnergyPoint[];
}

const PLOT_WIDTH = 640;
const PLOT_HEIGHT = 380;

export function renderAccuracyEnergyChart(d: AccuracyEnergyData): string {
  const legend = [...seriesLegend(d.series), { name: 'Pareto front', color: '#222', dashed: true }];
  const chart = xyChart({ title: d.title, subtitle: d.subtitle, legend, plotWidth: PLOT_WIDTH, plotHeight: PLOT_HEIGHT });
  const [plot] = chart.plots;
  const x = d3
    .scaleLinear()
    .domain(
      paddedExtent(
        d.points.map((p) => p.energy),
        0.1,
      ),
    )
    .range([0, chart.plotWidth])
    .nice();
  const y = d3
    .scaleLinear()
    .domain(
      paddedExtent(
        d.points.map((p) => p.accuracyPercent),
        0.1,
      ),
    )
    .range([PLOT_HEIGHT, 0])
    .nice();
  drawAxes(plot, chart, { x, y, xTitle: d.xTitle, yTitle: 'test accuracy (%)', xFormat: (v) => si(v, 4) });

  // The front as a staircase: from each front point (by energy) across to the next one's energy, then up.
  const front = d.points.filter((p) => p.onFront).sort((a, b) => a.energy - b.energy);
  const steps: [number, number][] = front.flatMap(
    (p, i) =>
      (i === 0
        ? [[p.energy, p.accuracyPercent]]
        : [
            [p.energy, front[i - 1].accuracyPercent],
            [p.energy, p.accuracyPercent],
          ]) as [number, number][],
  );
  plot
    .append('path')
    .attr('class', 'front')
    .attr('d', d3.line()(steps.map(([e, a]) => [x(e), y(a)])) ?? '')
    .attr('fill', 'none')
    .attr('stroke', '#222')
    .attr('stroke-width', 1.5)
    .attr('stroke-dasharray', '5 3');

  const marks = plot.append('g').attr('class', 'points');
  for (const p of [...d.points].sort((a, b) => Number(a.onFront) - Number(b.onFront))) {
    const style = styleIndex(d.series, Math.max(0, d.series.names.indexOf(p.series)));
    const color = seriesColor(style);
    marks
      .append('path')
      .attr('class', p.onFront ? 'point on-front' : 'point')
      .attr('d', seriesSymbol(style, p.onFront ? 110 : 70))
      .attr('transform', `translate(${x(p.energy)},${y(p.accuracyPercent)})`)
      .attr('fill', p.onFront ? color : '#fff')
      .attr('stroke', color)
      .attr('stroke-width', 2)
      .attr('data-energy', p.energy)
      .attr('data-accuracy', p.accuracyPercent)
      .append('title')
      .text(xmlSafe(`${p.series}, ${p.label}: ${si(p.energy, 4)}, ${p.accuracyPercent.toFixed(2)} %`));
  }
  // Labels for the front only (the points a reader would pick); coinciding points share one label.
  const labels = plot
    .append('g')
    .attr('class', 'front-labels')
    .attr('font-size', TICK_FONT_PX + 1);
  const byPlace = new Map<string, AccuracyEnergyPoint[]>();
  for (const p of front) {
    const key = `${Math.round(x(p.energy))},${Math.round(y(p.accuracyPercent))}`;
    byPlace.set(key, [...(byPlace.get(key) ?? []), p]);
  }
  for (const group of byPlace.values()) {
    const p = group[0];
    labels
      .append('text')
      .attr('x', x(p.energy) + 9)
      .attr('y', y(p.accuracyPercent) - 9)
      .attr('fill', '#222')
      .text(xmlSafe(group.map((q) => q.label).join(' = ')));
  }
  return chart.frame.serialize();
}
