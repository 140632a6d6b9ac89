// A scatter plot as a standalone SVG (d3 in jsdom via d3-node, like energyChart.ts), for every scatter the
// project draws: the validation's metric against simulated energy, a sweep's objectives against each other.
// Points are strong or faint (e.g. on a Pareto front or dominated); lines are either a polyline through given
// points (the front) or y = slope x + intercept across the plot (a fit); labels go next to their points
// without overlapping markers, labels, lines or the note in the corner. Axes are linear or logarithmic. An
// optional legend under the subtitle explains the markers and lines.
import * as d3 from 'd3';
import { appendYTitle, chartFrame } from './chartFrame.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from './chartLayout.js';
import { placeLabels, type Box, type Segment } from './labelPlacement.js';
import { si } from './numbers.js';
import { drawLegend, layoutLegend, LEGEND_ROW_PX, type LegendEntry } from './scatterLegend.js';
import { drawMarker, MARKER_R, type MarkerStyle } from './scatterMarker.js';
import { xmlSafe } from './xml.js';

export interface ScatterAxis {
  /** The axis title, with the unit (e.g. "energy per inference (pJ)"). */
  readonly title: string;
  /** Default 'linear'; 'log' needs positive values. */
  readonly scale?: 'linear' | 'log';
  /** Tick labels: SI-prefixed (default: "500k", "1.5G") or plain decimals (a rate: "0.05", not "50m"). */
  readonly format?: 'si' | 'decimal';
}

export interface ScatterPoint extends MarkerStyle {
  readonly x: number;
  readonly y: number;
  /** Text next to the point, placed without overlap. */
  readonly label?: string;
  /** Shown on hover (the marker's <title>). */
  readonly tooltip?: string;
  /** Drawn light and under the strong points (e.g. a dominated design point); `ring` and `color` as in MarkerStyle. */
  readonly faint?: boolean;
  /** data-* attributes of the point's group, for readers of the SVG (e.g. { rate: 0.05 }). */
  readonly data?: Readonly<Record<string, string | number>>;
  /** Circled wide in orange: the one point the chart is about (e.g. the chosen mapping). */
  readonly circled?: boolean;
}

const CIRCLE_R = 9;
const CIRCLE_COLOR = '#D55E00';

interface LineStyle {
  /** Class of the SVG element (tests and stylesheets find the line by it). */
  readonly className: string;
  readonly color: string;
  readonly dashed?: boolean;
}

/** A polyline through points given in data units (in the order given), or a straight line across the plot. */
export type ScatterLine = LineStyle &
  ({ readonly through: readonly (readonly [number, number])[] } | { readonly slope: number; readonly intercept: number });

/** A line of text in the plot's bottom right corner (e.g. the fit's equation). */
export interface ScatterNote {
  readonly text: string;
  readonly className: string;
  readonly color: string;
}

export interface ScatterSpec {
  /** Names the clip path: unique among the charts of one page. */
  readonly id: string;
  readonly title: string;
  readonly subtitle: string;
  readonly x: ScatterAxis;
  readonly y: ScatterAxis;
  readonly points: readonly ScatterPoint[];
  readonly lines?: readonly ScatterLine[];
  readonly note?: ScatterNote;
  readonly legend?: readonly LegendEntry[];
}

const PLOT = { width: 600, height: 380 };
const MARGIN = { left: 84, right: 28, top: 74, bottom: 56 };
const MAX_LOG_TICKS = 8;

type Scale = d3.ScaleContinuousNumeric<number, number>;

/** A domain around the values with room for labels; a single value gets a band around it. */
function padded(values: readonly number[], log: boolean): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (log) {
    const factor = hi > lo ? (hi / lo) ** 0.12 : 1.5;
    return [lo / factor, hi * factor];
  }
  const pad = hi > lo ? (hi - lo) * 0.12 : Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

function scaleOf(axis: ScatterAxis, values: readonly number[], range: [number, number]): Scale {
  const log = axis.scale === 'log';
  if (log && values.some((v) => !(v > 0))) throw new Error(`the log axis "${axis.title}" needs positive values`);
  return (log ? d3.scaleLog() : d3.scaleLinear()).domain(padded(values, log)).range(range);
}

const decimal = d3.format('~g');

/**
 * Tick labels in SI numbers (or plain decimals), with more digits where three would print two ticks alike
 * (16.65G and 16.7G are both "16.7G" at three).
 */
function tickFormat(ticks: readonly number[], spec: ScatterAxis): (v: number) => string {
  const plain = spec.format === 'decimal' ? decimal : (v: number) => si(v);
  const labels = ticks.map(plain);
  if (new Set(labels).size === labels.length) return plain;
  const step = Math.min(...ticks.slice(1).map((t, i) => Math.abs(t - ticks[i])));
  const digits = Math.max(...ticks.map((t) => Math.floor(Math.log10(Math.abs(t) || 1)))) - Math.floor(Math.log10(step)) + 1;
  const precise = d3.format(spec.format === 'decimal' ? `.${Math.min(digits, 21)}~g` : `.${Math.min(digits, 21)}~s`);
  return (v) => precise(v).replace('\u2212', '-');
}

/** About six ticks; a log axis keeps 1-2-5 steps (or powers of ten) when every tick would crowd it. */
function ticked(axis: d3.Axis<d3.NumberValue>, scale: Scale, spec: ScatterAxis): d3.Axis<d3.NumberValue> {
  const values = spec.scale === 'log' ? logTicks(scale) : scale.ticks(6);
  const format = tickFormat(values, spec);
  return axis
    .tickValues(values)
    .tickFormat((d) => format(Number(d)))
    .tickSizeOuter(0);
}

function logTicks(scale: Scale): number[] {
  const all = scale.ticks();
  const mantissa = (v: number) => Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  const steps = all.filter((v) => [1, 2, 5].includes(mantissa(v)));
  if (all.length <= MAX_LOG_TICKS) return all;
  return steps.length <= MAX_LOG_TICKS ? steps : all.filter((v) => mantissa(v) === 1);
}

function styled<T extends d3.BaseType>(el: d3.Selection<T, unknown, null, undefined>, s: LineStyle) {
  el.attr('stroke', s.color).attr('stroke-width', 1.5);
  if (s.dashed) el.attr('stroke-dasharray', '6 4');
  return el;
}

export function renderScatterChart(spec: ScatterSpec): string {
  const title = xmlSafe(spec.title);
  const subtitle = xmlSafe(spec.subtitle);
  const header = Math.max(textWidthPx(title, TITLE_FONT_PX, true), textWidthPx(subtitle, TEXT_FONT_PX));
  // Whole pixels: a width grown to fit the header is a sum of estimated glyph widths (888.2399999999999).
  const width = MARGIN.left + Math.max(PLOT.width, Math.ceil(header + 32 - MARGIN.left)) + MARGIN.right;
  const plotWidth = width - MARGIN.left - MARGIN.right;
  const legend = layoutLegend(spec.legend ?? [], width - 32);
  const top = MARGIN.top + legend.rows * LEGEND_ROW_PX;
  const height = top + PLOT.height + MARGIN.bottom;
  const x = scaleOf(
    spec.x,
    spec.points.map((p) => p.x),
    [0, plotWidth],
  );
  const y = scaleOf(
    spec.y,
    spec.points.map((p) => p.y),
    [PLOT.height, 0],
  );

  const titleY = 16 + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const frame = chartFrame({ width, height, title, subtitle, left: 16, titleY, subtitleY });
  if (legend.rows > 0) drawLegend(frame.svg, legend.placed, 16, subtitleY + 20);
  const plot = frame.svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${MARGIN.left},${top})`)
    .attr('font-size', TICK_FONT_PX);
  plot
    .append('rect')
    .attr('class', 'frame')
    .attr('width', plotWidth)
    .attr('height', PLOT.height)
    .attr('fill', 'none')
    .attr('stroke', '#ccc');
  plot
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${PLOT.height})`)
    .call(ticked(d3.axisBottom(x), x, spec.x));
  plot
    .append('g')
    .attr('class', 'y-axis')
    .call(ticked(d3.axisLeft(y), y, spec.y));
  plot
    .append('text')
    .attr('class', 'x-title')
    .attr('x', plotWidth / 2)
    .attr('y', PLOT.height + 40)
    .attr('text-anchor', 'middle')
    .attr('font-size', TEXT_FONT_PX)
    .text(xmlSafe(spec.x.title));
  appendYTitle(plot, xmlSafe(spec.y.title), { offsetPx: 64, plotHeightPx: PLOT.height });

  const segments = drawLines(plot, spec, x, y, plotWidth);
  let labelBottom = PLOT.height - 2;
  if (spec.note) {
    plot
      .append('text')
      .attr('class', spec.note.className)
      .attr('x', plotWidth - 8)
      .attr('y', PLOT.height - 10)
      .attr('text-anchor', 'end')
      .attr('font-size', TICK_FONT_PX)
      .attr('fill', spec.note.color)
      .text(xmlSafe(spec.note.text));
    labelBottom = PLOT.height - 22;
  }
  const omitted = drawPoints(plot, spec.points, x, y, { x0: 2, y0: 2, x1: plotWidth - 2, y1: labelBottom }, segments);
  if (omitted > 0) {
    frame.svg
      .append('text')
      .attr('class', 'omitted-labels')
      .attr('x', 16)
      .attr('y', height - 8)
      .attr('font-size', TICK_FONT_PX)
      .attr('fill', '#777')
      .text(`${omitted} label${omitted === 1 ? '' : 's'} left out for room: hover a point for its parameters`);
  }
  return frame.serialize();
}

type Plot = d3.Selection<SVGGElement, unknown, null, undefined>;

/** The lines, clipped to the plot, and their segments in pixels (for the labels to keep clear of). */
function drawLines(plot: Plot, spec: ScatterSpec, x: Scale, y: Scale, plotWidth: number): Segment[] {
  const lines = spec.lines ?? [];
  if (lines.length === 0) return [];
  const clip = `clip-${spec.id}`;
  plot.append('clipPath').attr('id', clip).append('rect').attr('width', plotWidth).attr('height', PLOT.height);
  const segments: Segment[] = [];
  for (const line of lines) {
    if ('slope' in line) {
      if (spec.x.scale === 'log' || spec.y.scale === 'log') throw new Error(`the straight line ${line.className} needs linear axes`);
      const [xa, xb] = x.domain();
      const s = { x0: x(xa), y0: y(line.slope * xa + line.intercept), x1: x(xb), y1: y(line.slope * xb + line.intercept) };
      styled(
        plot
          .append('line')
          .attr('class', line.className)
          .attr('clip-path', `url(#${clip})`)
          .attr('x1', s.x0)
          .attr('y1', s.y0)
          .attr('x2', s.x1)
          .attr('y2', s.y1),
        line,
      );
      segments.push(s);
    } else {
      const px = line.through.map(([a, b]) => [x(a), y(b)] as const);
      styled(
        plot
          .append('polyline')
          .attr('class', line.className)
          .attr('clip-path', `url(#${clip})`)
          .attr('points', px.map(([a, b]) => `${a},${b}`).join(' '))
          .attr('fill', 'none'),
        line,
      );
      segments.push(...px.slice(1).map(([a, b], i) => ({ x0: px[i][0], y0: px[i][1], x1: a, y1: b })));
    }
  }
  return segments;
}

/**
 * Faint points first, so that strong ones are drawn over them; labels are placed the other way round, strong
 * points' first, so that they get the spots nearest their points. A label with no free spot is left out
 * rather than drawn over something; returns how many were.
 */
function drawPoints(plot: Plot, points: readonly ScatterPoint[], x: Scale, y: Scale, bounds: Box, avoid: readonly Segment[]): number {
  const px = points.map((p) => ({ x: x(p.x), y: y(p.y) }));
  const indices = points.map((_, i) => i);
  const drawOrder = [...indices].sort((a, b) => Number(!points[a].faint) - Number(!points[b].faint) || a - b);
  const labelOrder = [...indices]
    .sort((a, b) => Number(!!points[a].faint) - Number(!!points[b].faint) || a - b)
    .filter((i) => points[i].label !== undefined);
  const bare = indices.filter((i) => points[i].label === undefined).map((i) => px[i]);
  const requests = labelOrder.map((i) => {
    const text = xmlSafe(points[i].label!);
    return { ...px[i], text, width: textWidthPx(text, TICK_FONT_PX) };
  });
  const placed = placeLabels(requests, bounds, TICK_FONT_PX, (points.some((p) => p.circled) ? CIRCLE_R : MARKER_R) + 2, {
    avoid,
    others: bare,
  });
  const labelOf = new Map(labelOrder.flatMap((i, k) => (placed[k].fits ? [[i, { text: requests[k].text, at: placed[k] }] as const] : [])));

  const dots = plot.append('g').attr('class', 'points');
  for (const i of drawOrder) {
    const p = points[i];
    const r = px[i];
    const label = labelOf.get(i);
    const g = dots.append('g').attr('class', p.faint ? 'point faint' : 'point');
    for (const [key, value] of Object.entries(p.data ?? {})) g.attr(`data-${key}`, value);
    if (label?.at.leader) {
      const { box } = label.at;
      const tx = Math.min(Math.max(r.x, box.x0), box.x1);
      const ty = Math.min(Math.max(r.y, box.y0), box.y1);
      g.append('line').attr('class', 'leader').attr('x1', r.x).attr('y1', r.y).attr('x2', tx).attr('y2', ty).attr('stroke', '#999');
    }
    const marker = drawMarker(g, r.x, r.y, p);
    if (p.circled) {
      g.classed('ringed', true)
        .append('circle')
        .attr('class', 'ring')
        .attr('cx', r.x)
        .attr('cy', r.y)
        .attr('r', CIRCLE_R)
        .attr('fill', 'none')
        .attr('stroke', CIRCLE_COLOR)
        .attr('stroke-width', 2);
    }
    if (p.tooltip !== undefined) marker.append('title').text(xmlSafe(p.tooltip));
    if (label) {
      // A white halo keeps the text legible where it crosses a line or a faint point.
      const text = g
        .append('text')
        .attr('class', 'point-label')
        .attr('x', label.at.x)
        .attr('y', label.at.y)
        .attr('text-anchor', label.at.anchor)
        .attr('stroke', '#fff')
        .attr('stroke-width', 3)
        .attr('stroke-linejoin', 'round')
        .attr('paint-order', 'stroke');
      if (p.faint) text.attr('fill', '#777');
      text.text(label.text);
    }
  }
  return labelOrder.length - labelOf.size;
}
