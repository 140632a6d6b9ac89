// One model's validation as a standalone SVG (d3 in jsdom via d3-node, like report/energyChart.ts): the metric
// against the simulated energy, one labelled point per cluster rate, the least-squares line, R^2 in the title.
import * as d3 from 'd3';
import { chartFrame } from '../report/chartFrame.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from '../report/chartLayout.js';
import { si } from '../report/numbers.js';
import { energyUnitLabel } from '../report/units.js';
import { xmlSafe } from '../report/xml.js';
import { placeLabels, type Box } from './labelPlacement.js';
import type { ModelReport, ValidationReport } from './report.js';

const PLOT = { width: 600, height: 380 };
const MARGIN = { left: 84, right: 28, top: 74, bottom: 56 };
const MARKER_R = 4;
const POINT_COLOR = '#0072B2';
const LINE_COLOR = '#D55E00';

/** The exact text the title gives R^2 as (tests read it back). */
export const r2Text = (r2: number): string => `R^2 = ${r2.toFixed(4)}`;

/** A domain around the values with room for labels; a single value gets a band around it. */
function padded(values: readonly number[]): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = hi > lo ? (hi - lo) * 0.12 : Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

export function renderScatter(report: ValidationReport, model: ModelReport): string {
  const unit = energyUnitLabel(report.hardware.energyUnit);
  const { fit, points } = model;
  const title = xmlSafe(`${model.model} conv layers: simulated energy vs the Deep k-Means metric, ${r2Text(fit.r2)}`);
  const subtitle = xmlSafe(`${report.hardware.name}, synthetic He-normal weights (seed ${report.weights.seed}), metric at `
    + `${report.metric.weightBits}-bit; paper: R^2 = ${model.paperR2.toFixed(4)} against the Eyeriss energy tool`);
  const width = MARGIN.left + Math.max(PLOT.width, textWidthPx(title, TITLE_FONT_PX, true) + 32 - MARGIN.left) + MARGIN.right;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const height = MARGIN.top + PLOT.height + MARGIN.bottom;

  const xs = points.map((p) => p.metric.fixed.total);
  const ys = points.map((p) => p.simulated.total);
  const x = d3.scaleLinear().domain(padded(xs)).range([0, plotWidth]);
  const y = d3.scaleLinear().domain(padded(ys)).range([PLOT.height, 0]);

  const titleY = 16 + TITLE_FONT_PX;
  const frame = chartFrame({ width, height, title, subtitle, left: 16, titleY, subtitleY: titleY + TEXT_FONT_PX + 8 });
  const svg = frame.svg;

  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${MARGIN.left},${MARGIN.top})`).attr('font-size', TICK_FONT_PX);
  plot.append('rect').attr('class', 'frame').attr('width', plotWidth).attr('height', PLOT.height).attr('fill', 'none').attr('stroke', '#ccc');
  plot.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${PLOT.height})`)
    .call(d3.axisBottom(x).ticks(6).tickFormat((d) => si(Number(d))).tickSizeOuter(0));
  plot.append('g').attr('class', 'y-axis').call(d3.axisLeft(y).ticks(6).tickFormat((d) => si(Number(d))).tickSizeOuter(0));
  plot.append('text').attr('class', 'x-title').attr('x', plotWidth / 2).attr('y', PLOT.height + 40).attr('text-anchor', 'middle')
    .attr('font-size', TEXT_FONT_PX).text('Deep k-Means metric (MAC units, fixed-length-index CR)');
  plot.append('text').attr('class', 'y-title').attr('transform', `translate(-64,${PLOT.height / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle').attr('font-size', TEXT_FONT_PX).text(`simulated energy (${unit})`);

  // The fit line across the plot's x range, clipped to the frame.
  const [xa, xb] = x.domain();
  const line = { x0: x(xa), y0: y(fit.slope * xa + fit.intercept), x1: x(xb), y1: y(fit.slope * xb + fit.intercept) };
  plot.append('clipPath').attr('id', `clip-${model.model}`).append('rect').attr('width', plotWidth).attr('height', PLOT.height);
  plot.append('line').attr('class', 'fit').attr('clip-path', `url(#clip-${model.model})`)
    .attr('x1', line.x0).attr('y1', line.y0).attr('x2', line.x1).attr('y2', line.y1)
    .attr('stroke', LINE_COLOR).attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4');
  const fitText = `least-squares fit: energy = ${fit.slope.toPrecision(4)} x metric ${fit.intercept < 0 ? '-' : '+'} ${si(Math.abs(fit.intercept), 4)}`;
  plot.append('text').attr('class', 'fit-label').attr('x', plotWidth - 8).attr('y', PLOT.height - 10).attr('text-anchor', 'end')
    .attr('font-size', TICK_FONT_PX).attr('fill', LINE_COLOR).text(fitText);

  const requests = points.map((p, i) => ({ x: x(xs[i]), y: y(ys[i]), text: `rate ${p.rate}`, width: textWidthPx(`rate ${p.rate}`, TICK_FONT_PX) }));
  const fitLabelBox: Box = { x0: plotWidth - 8 - textWidthPx(fitText, TICK_FONT_PX), y0: PLOT.height - 22, x1: plotWidth, y1: PLOT.height };
  const bounds: Box = { x0: 2, y0: 2, x1: plotWidth - 2, y1: fitLabelBox.y0 };
  const labels = placeLabels(requests, bounds, TICK_FONT_PX, MARKER_R + 2, [line]);
  const dots = plot.append('g').attr('class', 'points');
  points.forEach((p, i) => {
    const r = requests[i];
    const l = labels[i];
    const g = dots.append('g').attr('class', 'point').attr('data-rate', p.rate);
    if (l.leader) {
      const tx = Math.min(Math.max(r.x, l.box.x0), l.box.x1);
      const ty = Math.min(Math.max(r.y, l.box.y0), l.box.y1);
      g.append('line').attr('class', 'leader').attr('x1', r.x).attr('y1', r.y).attr('x2', tx).attr('y2', ty).attr('stroke', '#999');
    }
    g.append('circle').attr('cx', r.x).attr('cy', r.y).attr('r', MARKER_R).attr('fill', POINT_COLOR)
      .append('title').text(`cluster rate ${p.rate}: metric ${si(xs[i], 4)} MAC units, simulated ${si(ys[i], 4)} ${unit}`);
    g.append('text').attr('class', 'point-label').attr('x', l.x).attr('y', l.y).attr('text-anchor', l.anchor).text(r.text);
  });
  return frame.serialize();
}
