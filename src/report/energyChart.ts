// Stacked bars of energy per layer, split by level, as a standalone SVG string (d3 rendered in jsdom via d3-node).
import * as d3 from 'd3';
import { appendYTitle, chartFrame, type Svg } from './chartFrame.js';
import type { EnergyPart, LayerResult, RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { LABEL_ANGLE_DEG, TEXT_FONT_PX, TICK_FONT_PX, layoutChart, shortLabel, textWidthPx, type ChartLayout } from './chartLayout.js';
import { LEVEL_COLORS, LEVEL_LABELS, LEVEL_ORDER } from './levels.js';
import { si } from './numbers.js';
import { energyScale, energyText, type DisplayScale } from './objectiveScale.js';
import { xmlSafe } from './xml.js';

type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

const LEGEND_SWATCH = 12;
const LEGEND_GAP = 18;
const MAX_BAR_PX = 72; // few layers: thinner bars on the minimum-width plot

function legendEntries(): { part: EnergyPart; label: string; x: number }[] {
  let x = 0;
  return LEVEL_ORDER.map((part) => {
    const entry = { part, label: LEVEL_LABELS[part], x };
    x += LEGEND_SWATCH + 5 + textWidthPx(LEVEL_LABELS[part], TEXT_FONT_PX) + LEGEND_GAP;
    return entry;
  });
}

function legendWidth(): number {
  const last = legendEntries()[LEVEL_ORDER.length - 1];
  return last.x + LEGEND_SWATCH + 5 + textWidthPx(last.label, TEXT_FONT_PX);
}

function drawLegend(svg: Svg, lay: ChartLayout): void {
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(16,${lay.legendY})`);
  for (const e of legendEntries()) {
    const item = legend.append('g').attr('class', `legend-item level-${e.part}`).attr('transform', `translate(${e.x},0)`);
    item.append('rect').attr('width', LEGEND_SWATCH).attr('height', LEGEND_SWATCH).attr('fill', LEVEL_COLORS[e.part]);
    item
      .append('text')
      .attr('x', LEGEND_SWATCH + 5)
      .attr('y', LEGEND_SWATCH / 2)
      .attr('dy', '0.35em')
      .attr('font-size', TEXT_FONT_PX)
      .text(e.label);
  }
}

function drawGrid(plot: Group, lay: ChartLayout, y: d3.ScaleLinear<number, number>): void {
  const grid = plot.append('g').attr('class', 'grid');
  for (const t of y.ticks(6)) {
    grid
      .append('line')
      .attr('x1', 0)
      .attr('x2', lay.plotWidth)
      .attr('y1', y(t))
      .attr('y2', y(t))
      .attr('stroke', '#ddd')
      .attr('stroke-width', 1);
  }
}

function drawAxes(
  plot: Group,
  lay: ChartLayout,
  x: d3.ScaleBand<string>,
  y: d3.ScaleLinear<number, number>,
  layers: readonly LayerResult[],
  scale: DisplayScale,
): void {
  plot
    .append('g')
    .attr('class', 'y-axis')
    .call(
      d3
        .axisLeft(y)
        .ticks(6)
        .tickFormat((d) => si(Number(d) / scale.factor))
        .tickSizeOuter(0),
    );
  appendYTitle(plot, `energy ${layers.length === 1 ? 'of the layer' : 'per layer'} (${scale.unit})`, {
    offsetPx: 58,
    plotHeightPx: lay.plotHeight,
  });

  const xAxis = plot
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${lay.plotHeight})`)
    .call(
      d3
        .axisBottom(x)
        .tickSizeOuter(0)
        .tickFormat((i) => xmlSafe(shortLabel(layers[Number(i)].name))),
    );
  xAxis
    .selectAll('text')
    .attr('x', 0)
    .attr('y', 0)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('transform', `translate(0,9) rotate(${-LABEL_ANGLE_DEG})`);
  plot
    .append('text')
    .attr('class', 'x-title')
    .attr('x', lay.plotWidth / 2)
    .attr('y', lay.xTitleY - lay.top)
    .attr('text-anchor', 'middle')
    .attr('font-size', TEXT_FONT_PX)
    .attr('fill', '#444')
    .text(layers.length === 1 ? 'layer' : 'layers in network order');
}

function drawBars(
  plot: Group,
  x: d3.ScaleBand<string>,
  y: d3.ScaleLinear<number, number>,
  layers: readonly LayerResult[],
  unit: RunSummary['energyUnit'],
): void {
  const series = d3
    .stack<LayerResult, EnergyPart>()
    .keys(LEVEL_ORDER)
    .value((l, part) => l.energy[part])(layers as LayerResult[]);
  const bars = plot.append('g').attr('class', 'bars');
  for (const s of series) {
    const part = s.key;
    const g = bars.append('g').attr('class', `level level-${part}`).attr('fill', LEVEL_COLORS[part]);
    s.forEach(([y0, y1], i) => {
      const energy = layers[i].energy[part];
      if (energy === 0) return;
      g.append('rect')
        .attr('class', `bar level-${part}`)
        .attr('data-layer-index', i)
        .attr('data-level', part)
        .attr('x', x(String(i)) ?? 0)
        .attr('width', x.bandwidth())
        .attr('y', y(y1))
        .attr('height', y(y0) - y(y1))
        .append('title')
        .text(xmlSafe(`${layers[i].name}: ${LEVEL_LABELS[part]} ${energyText(energy, unit)}`));
    });
  }
}

/** Standalone SVG (xmlns set, no XML declaration); the same summary always gives the same bytes. */
export function renderEnergyChart(summary: RunSummary): string {
  assertReportable(summary);
  const layers = summary.layers;
  const unit = summary.energyUnit;
  const total = energyText(summary.totals.energy.total, unit);
  // A one-layer run (--layer) is about that layer, not the network it comes from.
  const title = xmlSafe(
    layers.length === 1
      ? `${summary.model} ${layers[0].name} on ${summary.hardware.name}, batch ${summary.batch}: energy ${total} by level`
      : `${summary.model} on ${summary.hardware.name}, batch ${summary.batch}: total energy ${total}`,
  );
  const subtitle = xmlSafe(
    `${layers.length === 1 ? `${layers[0].kind} layer` : `${layers.length} layers`}, ${si(summary.totals.macs, 4)} MACs, ` +
      `${summary.objective}-optimal row-stationary mappings (${summary.engine})`,
  );
  const lay = layoutChart(
    layers.map((l) => shortLabel(l.name)),
    title,
    subtitle,
    legendWidth(),
  );

  const frame = chartFrame({
    width: lay.width,
    height: lay.height,
    title,
    subtitle,
    left: 16,
    titleY: lay.titleY,
    subtitleY: lay.subtitleY,
  });
  const svg = frame.svg;
  drawLegend(svg, lay);

  const step = lay.plotWidth / Math.max(layers.length, 1);
  const gap = Math.max(0.2, 1 - MAX_BAR_PX / step);
  const x = d3
    .scaleBand<string>()
    .domain(layers.map((_, i) => String(i)))
    .range([0, lay.plotWidth])
    .paddingInner(gap)
    .paddingOuter(gap / 2);
  const top =
    d3.max(layers, (l) =>
      Math.max(
        l.energy.total,
        d3.sum(LEVEL_ORDER, (p) => l.energy[p]),
      ),
    ) ?? 0;
  const y = d3
    .scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([lay.plotHeight, 0])
    .nice(6);
  // The axis in the unit its top reads best in (factors are powers of 1000, so the nice ticks stay nice).
  const scale = energyScale(unit, [top]);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${lay.left},${lay.top})`).attr('font-size', TICK_FONT_PX);
  drawGrid(plot, lay, y);
  drawBars(plot, x, y, layers, unit);
  drawAxes(plot, lay, x, y, layers, scale);
  if (layers.length === 0) {
    plot
      .append('text')
      .attr('x', lay.plotWidth / 2)
      .attr('y', lay.plotHeight / 2)
      .attr('text-anchor', 'middle')
      .attr('font-size', TEXT_FONT_PX)
      .text('no layers');
  }
  return frame.serialize();
}
