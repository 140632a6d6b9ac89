// distortion.svg: the relative k-means distortion of the shared conv rows after every epoch of re-training,
// one plot per sharing plan, one line per method: falling lines are rows settling onto K centres.
import * as d3 from 'd3';
import { drawAxes, seriesColor, seriesLegend, seriesSymbol, styleIndex, xyChart, type ChartText, type SeriesSet } from './xyChart.js';
import { xmlSafe } from './xml.js';

export interface DistortionPanel {
  readonly title: string;
  /** values[e]: the distortion after epoch e (e = 0: before re-training). One point for a method that does not re-train. */
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
}

export interface DistortionData extends ChartText {
  /** The methods; panels name their series the same way. */
  readonly series: SeriesSet;
  readonly panels: readonly DistortionPanel[];
}

const PLOT_HEIGHT = 300;

export function renderDistortionChart(d: DistortionData): string {
  const plotWidth = d.panels.length > 2 ? 300 : 420;
  const chart = xyChart({
    title: d.title,
    subtitle: d.subtitle,
    legend: seriesLegend(d.series),
    panelTitles: d.panels.map((p) => p.title),
    plotWidth,
    plotHeight: PLOT_HEIGHT,
  });
  const epochs = Math.max(1, ...d.panels.flatMap((p) => p.series.map((s) => s.values.length - 1)));
  const top = Math.max(1e-9, ...d.panels.flatMap((p) => p.series.flatMap((s) => s.values)));
  // One y scale for all plots, so that plans compare by eye.
  const y = d3
    .scaleLinear()
    .domain([0, top * 1.05])
    .range([PLOT_HEIGHT, 0])
    .nice();
  const x = d3.scaleLinear().domain([0, epochs]).range([0, chart.plotWidth]);
  d.panels.forEach((panel, pi) => {
    const plot = chart.plots[pi];
    drawAxes(plot, chart, {
      x,
      y,
      xTitle: 'epoch of re-training',
      yTitle: pi === 0 ? 'k-means distortion / sum of squared rows' : undefined,
      xTicks: Math.min(epochs, 8),
      xFormat: (v) => (Number.isInteger(v) ? String(v) : ''),
    });
    for (const s of panel.series) {
      const i = d.series.names.indexOf(s.name);
      const style = styleIndex(d.series, i);
      const g = plot.append('g').attr('class', `series series-${i}`);
      const line = d3
        .line<number>()
        .x((_, e) => x(e))
        .y((v) => y(v));
      if (s.values.length > 1)
        g.append('path')
          .attr('d', line([...s.values]) ?? '')
          .attr('fill', 'none')
          .attr('stroke', seriesColor(style))
          .attr('stroke-width', 2);
      s.values.forEach((v, e) => {
        g.append('path')
          .attr('class', 'point')
          .attr('d', seriesSymbol(style, s.values.length > 1 ? 36 : 80))
          .attr('transform', `translate(${x(e)},${y(v)})`)
          .attr('fill', seriesColor(style))
          .attr('data-epoch', e)
          .attr('data-distortion', v)
          .append('title')
          .text(xmlSafe(`${s.name}, ${panel.title}, epoch ${e}: ${v.toPrecision(4)}`));
      });
    }
  });
  return chart.frame.serialize();
}
