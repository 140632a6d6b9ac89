// The scaffolding the retrain charts share: the page (chartFrame), a wrapping legend of coloured series, and
// one or more x/y plots side by side with grid, axes and axis titles. Charts draw their marks into the plots.
import * as d3 from 'd3';
import { appendYTitle, chartFrame, type ChartFrame, type Group } from './chartFrame.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from './chartLayout.js';
import { xmlSafe } from './xml.js';

export type Linear = d3.ScaleLinear<number, number>;

/** Okabe-Ito colours: distinguishable with the common colour-vision deficiencies. */
export const SERIES_COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'] as const;

export const seriesColor = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length];

/** A marker shape per series too, so that coinciding points of two series stay visible and grey prints work. */
const SYMBOLS = [d3.symbolCircle, d3.symbolSquare, d3.symbolTriangle, d3.symbolDiamond, d3.symbolCross, d3.symbolStar, d3.symbolWye];

/** SVG path of series i's marker of `size` px^2, centred at the origin. */
export const seriesSymbol = (i: number, size = 64): string => d3.symbol(SYMBOLS[i % SYMBOLS.length], size)() ?? '';

/** The two header lines every chart of this scaffold has. */
export interface ChartText {
  readonly title: string;
  readonly subtitle: string;
}

/** Named series in legend order, each with a colour and marker index (default its position), so that one
 * series looks the same in every chart that shows it. */
export interface SeriesSet {
  readonly names: readonly string[];
  readonly styles?: readonly number[];
}

export const styleIndex = (s: SeriesSet, i: number): number => s.styles?.[i] ?? i;

export const seriesLegend = (s: SeriesSet): LegendItem[] =>
  s.names.map((name, i) => ({ name, color: seriesColor(styleIndex(s, i)), symbol: styleIndex(s, i) }));

export interface LegendItem {
  readonly name: string;
  readonly color: string;
  /** Marker shape index (seriesSymbol); default the item's position. */
  readonly symbol?: number;
  /** Dashed line instead of a marker swatch (e.g. a reference level). */
  readonly dashed?: boolean;
}

export interface XyLayout {
  readonly title: string;
  readonly subtitle: string;
  readonly legend: readonly LegendItem[];
  /** Titles of side-by-side plots; one plot without titles when empty. */
  readonly panelTitles?: readonly string[];
  readonly plotWidth: number;
  readonly plotHeight: number;
}

export interface XyChart {
  readonly frame: ChartFrame;
  /** One group per plot, its origin at the plot's top-left corner. */
  readonly plots: readonly Group[];
  readonly plotWidth: number;
  readonly plotHeight: number;
}

const PAD = 16;
const AXIS_LEFT = 72;
const PANEL_GAP = 40;
const LEGEND_ROW = 20;
const SWATCH = 14;

function legendRows(items: readonly LegendItem[], maxWidth: number): { item: LegendItem; x: number; row: number }[] {
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const w = SWATCH + 6 + textWidthPx(item.name, TEXT_FONT_PX) + 20;
    if (x > 0 && x + w > maxWidth) {
      x = 0;
      row++;
    }
    placed.push({ item, x, row });
    x += w;
  }
  return placed;
}

export function xyChart(l: XyLayout): XyChart {
  const panels = Math.max(1, l.panelTitles?.length ?? 0);
  const header = Math.max(PAD * 2 + textWidthPx(l.title, TITLE_FONT_PX, true), PAD * 2 + textWidthPx(l.subtitle, TEXT_FONT_PX));
  // Plots grow to the width the header lines need, so that no page is mostly empty on the right.
  const plotWidth = Math.max(l.plotWidth, (header - AXIS_LEFT - PAD - (panels - 1) * PANEL_GAP) / panels);
  const width = Math.ceil(AXIS_LEFT + panels * plotWidth + (panels - 1) * PANEL_GAP + PAD);
  const legend = legendRows(l.legend, width - 2 * PAD);
  const rows = legend.length === 0 ? 0 : legend[legend.length - 1].row + 1;
  const titleY = PAD + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const legendY = subtitleY + 14;
  const panelTitleSpace = l.panelTitles && l.panelTitles.length > 0 ? TEXT_FONT_PX + 12 : 0;
  const top = legendY + rows * LEGEND_ROW + 12 + panelTitleSpace;
  const height = Math.ceil(top + l.plotHeight + 2 * TICK_FONT_PX + TEXT_FONT_PX + 26);

  const frame = chartFrame({ width, height, title: xmlSafe(l.title), subtitle: xmlSafe(l.subtitle), left: PAD, titleY, subtitleY });
  const g = frame.svg.append('g').attr('class', 'legend').attr('transform', `translate(${PAD},${legendY})`);
  legend.forEach(({ item, x, row }, i) => {
    const entry = g
      .append('g')
      .attr('class', `legend-item series-${i}`)
      .attr('transform', `translate(${x},${row * LEGEND_ROW})`);
    if (item.dashed) {
      entry
        .append('line')
        .attr('x1', 0)
        .attr('x2', SWATCH)
        .attr('y1', SWATCH / 2)
        .attr('y2', SWATCH / 2)
        .attr('stroke', item.color)
        .attr('stroke-width', 2)
        .attr('stroke-dasharray', '4 3');
    } else {
      entry
        .append('path')
        .attr('d', seriesSymbol(item.symbol ?? i, 70))
        .attr('transform', `translate(${SWATCH / 2},${SWATCH / 2})`)
        .attr('fill', item.color);
    }
    entry
      .append('text')
      .attr('x', SWATCH + 6)
      .attr('y', SWATCH / 2)
      .attr('dy', '0.35em')
      .attr('font-size', TEXT_FONT_PX)
      .text(xmlSafe(item.name));
  });
  const plots = Array.from({ length: panels }, (_, i) => {
    const left = AXIS_LEFT + i * (plotWidth + PANEL_GAP);
    const plot = frame.svg
      .append('g')
      .attr('class', `plot plot-${i}`)
      .attr('transform', `translate(${left},${top})`)
      .attr('font-size', TICK_FONT_PX);
    const panelTitle = l.panelTitles?.[i];
    if (panelTitle !== undefined) {
      plot
        .append('text')
        .attr('class', 'panel-title')
        .attr('x', plotWidth / 2)
        .attr('y', -10)
        .attr('text-anchor', 'middle')
        .attr('font-size', TEXT_FONT_PX)
        .attr('font-weight', 'bold')
        .text(xmlSafe(panelTitle));
    }
    return plot;
  });
  return { frame, plots, plotWidth, plotHeight: l.plotHeight };
}

export interface AxesSpec {
  readonly x: Linear;
  readonly y: Linear;
  readonly xTitle: string;
  /** Only the leftmost plot usually carries the y title. */
  readonly yTitle?: string;
  readonly xTicks?: number;
  readonly yTicks?: number;
  readonly xFormat?: (v: number) => string;
  readonly yFormat?: (v: number) => string;
}

/** Grid lines, both axes and their titles of one plot. */
export function drawAxes(plot: Group, chart: XyChart, a: AxesSpec): void {
  const { plotWidth: w, plotHeight: h } = chart;
  const grid = plot.append('g').attr('class', 'grid');
  for (const t of a.y.ticks(a.yTicks ?? 6))
    grid.append('line').attr('x1', 0).attr('x2', w).attr('y1', a.y(t)).attr('y2', a.y(t)).attr('stroke', '#e3e3e3');
  for (const t of a.x.ticks(a.xTicks ?? 6))
    grid.append('line').attr('x1', a.x(t)).attr('x2', a.x(t)).attr('y1', 0).attr('y2', h).attr('stroke', '#eeeeee');
  const xAxis = d3
    .axisBottom(a.x)
    .ticks(a.xTicks ?? 6)
    .tickSizeOuter(0);
  if (a.xFormat) xAxis.tickFormat((v) => a.xFormat!(Number(v)));
  const yAxis = d3
    .axisLeft(a.y)
    .ticks(a.yTicks ?? 6)
    .tickSizeOuter(0);
  if (a.yFormat) yAxis.tickFormat((v) => a.yFormat!(Number(v)));
  plot.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${h})`).call(xAxis);
  plot.append('g').attr('class', 'y-axis').call(yAxis);
  plot
    .append('text')
    .attr('class', 'x-title')
    .attr('x', w / 2)
    .attr('y', h + 2 * TICK_FONT_PX + 14)
    .attr('text-anchor', 'middle')
    .attr('font-size', TEXT_FONT_PX)
    .attr('fill', '#333')
    .text(xmlSafe(a.xTitle));
  if (a.yTitle !== undefined) {
    appendYTitle(plot, xmlSafe(a.yTitle), { offsetPx: 52, plotHeightPx: h, fill: '#333' });
  }
}

/** [min, max] of `values` widened by `pad` of the span on both sides (a flat set gets +-1% of its value). */
export function paddedExtent(values: readonly number[], pad = 0.06): [number, number] {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const span = hi - lo || Math.abs(hi) * 0.02 || 1;
  return [lo - pad * span, hi + pad * span];
}
