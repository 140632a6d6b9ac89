// accuracy-cr.svg: test accuracy against the compression ratio of the conv layers, one line per method, the
// uncompressed network's accuracy as a dashed reference level. Plain data in, SVG text out.
import * as d3 from 'd3';
import { drawAxes, paddedExtent, seriesColor, seriesSymbol, xyChart, type ChartText } from './xyChart.js';
import { xmlSafe } from './xml.js';

export interface AccuracyCrSeries {
  readonly name: string;
  /** Colour and marker (seriesColor / seriesSymbol index), so that a method looks the same in every chart; default its position. */
  readonly style?: number;
  /** One point per plan; drawn in order of cr. */
  readonly points: readonly { readonly cr: number; readonly accuracyPercent: number; readonly label: string }[];
}

export interface AccuracyCrData extends ChartText {
  readonly xTitle: string;
  readonly reference?: { readonly name: string; readonly accuracyPercent: number };
  readonly series: readonly AccuracyCrSeries[];
}

const PLOT_WIDTH = 620;
const PLOT_HEIGHT = 360;

export function renderAccuracyCrChart(d: AccuracyCrData): string {
  const legend = [
    ...d.series.map((s, i) => ({ name: s.name, color: seriesColor(s.style ?? i), symbol: s.style ?? i })),
    ...(d.reference ? [{ name: d.reference.name, color: '#555', dashed: true }] : []),
  ];
  const chart = xyChart({ title: d.title, subtitle: d.subtitle, legend, plotWidth: PLOT_WIDTH, plotHeight: PLOT_HEIGHT });
  const [plot] = chart.plots;
  const all = d.series.flatMap((s) => s.points);
  const accuracies = [...all.map((p) => p.accuracyPercent), ...(d.reference ? [d.reference.accuracyPercent] : [])];
  const width = chart.plotWidth;
  const x = d3
    .scaleLinear()
    .domain(
      paddedExtent(
        all.map((p) => p.cr),
        0.08,
      ),
    )
    .range([0, width])
    .nice();
  const y = d3.scaleLinear().domain(paddedExtent(accuracies, 0.08)).range([PLOT_HEIGHT, 0]).nice();
  drawAxes(plot, chart, { x, y, xTitle: d.xTitle, yTitle: 'test accuracy (%)', yFormat: (v) => `${v}` });
  if (d.reference) {
    plot
      .append('line')
      .attr('class', 'reference')
      .attr('x1', 0)
      .attr('x2', width)
      .attr('y1', y(d.reference.accuracyPercent))
      .attr('y2', y(d.reference.accuracyPercent))
      .attr('stroke', '#555')
      .attr('stroke-width', 1.5)
      .attr('stroke-dasharray', '6 4');
  }
  d.series.forEach((s, i) => {
    const style = s.style ?? i;
    const points = [...s.points].sort((a, b) => a.cr - b.cr);
    const g = plot.append('g').attr('class', `series series-${i}`);
    const line = d3
      .line<(typeof points)[number]>()
      .x((p) => x(p.cr))
      .y((p) => y(p.accuracyPercent));
    g.append('path')
      .attr('d', line(points) ?? '')
      .attr('fill', 'none')
      .attr('stroke', seriesColor(style))
      .attr('stroke-width', 2);
    for (const p of points) {
      g.append('path')
        .attr('class', 'point')
        .attr('d', seriesSymbol(style))
        .attr('transform', `translate(${x(p.cr)},${y(p.accuracyPercent)})`)
        .attr('fill', seriesColor(style))
        .attr('data-cr', p.cr)
        .attr('data-accuracy', p.accuracyPercent)
        .append('title')
        .text(xmlSafe(`${s.name}, ${p.label}: CR ${p.cr.toFixed(2)}, ${p.accuracyPercent.toFixed(2)} %`));
    }
  });
  return chart.frame.serialize();
}
