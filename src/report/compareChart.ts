// energy-compare.svg: the uncompressed and the Deep k-Means-shared run's energy by level as grouped bars
// (one pair per level, value on each bar, relative change under the level), d3 rendered via d3-node.
import * as d3 from 'd3';
import { chartFrame } from './chartFrame.js';
import type { EnergyPart } from '../model/result.js';
import type { RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from './chartLayout.js';
import { formatChange, planText, relativeChange, type CompressedRun } from './compressedRun.js';
import { LEVEL_LABELS, LEVEL_ORDER } from './levels.js';
import { si } from './numbers.js';
import { energyUnitLabel } from './units.js';
import { xmlSafe } from './xml.js';

/** Okabe-Ito grey and blue: tell apart in colour and in lightness (grey-scale prints). */
const RUN_COLORS = ['#999999', '#0072B2'] as const;

const PAD = 16;
const PLOT_HEIGHT = 320;
const MIN_PLOT_WIDTH = 560;
const AXIS_LEFT = 84; // tick labels like "1.25G" plus the turned axis title
const SWATCH = 12;

/** Standalone SVG (xmlns set, no XML declaration); the same runs always give the same bytes. */
export function renderCompareChart(base: RunSummary, run: CompressedRun): string {
  assertReportable(base);
  assertReportable(run.summary);
  const runs = [base, run.summary] as const;
  const unit = energyUnitLabel(base.energyUnit);
  const total = runs.map((r) => r.totals.energy.total);
  const cr = run.sharing.compressionRatio;
  const title = xmlSafe(`${base.model} on ${base.hardware.name}, batch ${base.batch}: energy by level, uncompressed vs Deep k-Means shared`);
  const subtitle = xmlSafe(`total ${si(total[0], 4)} \u2192 ${si(total[1], 4)} ${unit} (${formatChange(relativeChange(total[0], total[1]))}); `
    + `storage CR (32-bit) ${cr.fixed.toFixed(2)} fixed-length, ${cr.entropy.toFixed(2)} entropy-coded, on-chip CR ${cr.onChip.toFixed(2)}`
    + `${run.sharing.weights.source === 'synthetic' ? ' (synthetic weights)' : ''}; ${base.engine} engine`);

  // A --k plan lists one K per conv layer: too long for a legend, which then just says "K per conv layer".
  const plan = run.sharing.plan.clusterRate !== undefined ? planText(run.sharing) : 'K per conv layer';
  const names = ['uncompressed', `Deep k-Means shared (${plan})`] as const;
  const legendX = [0, SWATCH + 6 + textWidthPx(names[0], TEXT_FONT_PX) + 24];
  const legendWidth = legendX[1] + SWATCH + 6 + textWidthPx(names[1], TEXT_FONT_PX);
  const headerWidth = Math.max(textWidthPx(title, TITLE_FONT_PX, true), textWidthPx(subtitle, TEXT_FONT_PX), legendWidth);
  const plotWidth = Math.max(MIN_PLOT_WIDTH, Math.ceil(PAD + headerWidth - AXIS_LEFT));
  const titleY = PAD + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const legendY = subtitleY + 12;
  const top = legendY + SWATCH + 30; // room for the value labels over the tallest bar
  const xTitleY = top + PLOT_HEIGHT + 2 * TICK_FONT_PX + 32; // under the level names and their change
  const width = Math.ceil(AXIS_LEFT + plotWidth + PAD);
  const height = Math.ceil(xTitleY + PAD);

  const frame = chartFrame({ width, height, title, subtitle, left: PAD, titleY, subtitleY });
  const svg = frame.svg;
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${PAD},${legendY})`);
  names.forEach((name, i) => {
    const item = legend.append('g').attr('class', `legend-item run-${i}`).attr('transform', `translate(${legendX[i]},0)`);
    item.append('rect').attr('width', SWATCH).attr('height', SWATCH).attr('fill', RUN_COLORS[i]);
    item.append('text').attr('x', SWATCH + 6).attr('y', SWATCH / 2).attr('dy', '0.35em').attr('font-size', TEXT_FONT_PX).text(name);
  });

  const x = d3.scaleBand<EnergyPart>().domain(LEVEL_ORDER).range([0, plotWidth]).paddingInner(0.3).paddingOuter(0.15);
  const inner = d3.scaleBand<number>().domain([0, 1]).range([0, x.bandwidth()]).paddingInner(0.08);
  const top1 = d3.max(runs, (r) => d3.max(LEVEL_ORDER, (p) => r.totals.energy[p])) ?? 0;
  const y = d3.scaleLinear().domain([0, top1 > 0 ? top1 : 1]).range([PLOT_HEIGHT, 0]).nice(6);
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${AXIS_LEFT},${top})`).attr('font-size', TICK_FONT_PX);

  const grid = plot.append('g').attr('class', 'grid');
  for (const t of y.ticks(6)) {
    grid.append('line').attr('x1', 0).attr('x2', plotWidth).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', '#ddd').attr('stroke-width', 1);
  }

  const bars = plot.append('g').attr('class', 'bars');
  for (const part of LEVEL_ORDER) {
    const g = bars.append('g').attr('class', `level level-${part}`).attr('transform', `translate(${x(part) ?? 0},0)`);
    runs.forEach((r, i) => {
      const v = r.totals.energy[part];
      const bx = inner(i) ?? 0;
      g.append('rect').attr('class', `bar run-${i}`).attr('data-level', part).attr('x', bx).attr('width', inner.bandwidth())
        .attr('y', y(v)).attr('height', PLOT_HEIGHT - y(v)).attr('fill', RUN_COLORS[i])
        .append('title').text(xmlSafe(`${names[i]}: ${LEVEL_LABELS[part]} ${si(v, 4)} ${unit}`));
      g.append('text').attr('class', 'value').attr('x', bx + inner.bandwidth() / 2).attr('y', y(v) - 4)
        .attr('text-anchor', 'middle').attr('fill', '#222').text(si(v, 3));
    });
  }

  plot.append('g').attr('class', 'y-axis').call(d3.axisLeft(y).ticks(6).tickFormat((d) => si(Number(d))).tickSizeOuter(0));
  plot.append('text').attr('class', 'y-title').attr('transform', `translate(-62,${PLOT_HEIGHT / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle').attr('font-size', TEXT_FONT_PX).text(`energy of the whole run (${unit})`);
  const xAxis = plot.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${PLOT_HEIGHT})`)
    .call(d3.axisBottom(x).tickSizeOuter(0).tickFormat((p) => LEVEL_LABELS[p]));
  xAxis.selectAll('.tick text').attr('font-size', TEXT_FONT_PX);
  // The relative change of each level under its name: what the pair of bars says, as a number.
  xAxis.selectAll<SVGGElement, EnergyPart>('.tick').append('text').attr('class', 'change').attr('fill', '#444')
    .attr('y', 9).attr('dy', '2.1em').attr('font-size', TICK_FONT_PX + 1)
    .text((p) => formatChange(relativeChange(base.totals.energy[p], run.summary.totals.energy[p])));
  plot.append('text').attr('class', 'x-title').attr('x', plotWidth / 2).attr('y', xTitleY - top)
    .attr('text-anchor', 'middle').attr('font-size', TEXT_FONT_PX).attr('fill', '#444')
    .text('energy level, with the change from uncompressed to shared');
  return frame.serialize();
}
