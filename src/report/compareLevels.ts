// One panel of energy-compare.svg: the uncompressed and the shared run's energy by level as pairs of bars,
// each bar's value over it and each level's relative change under its name, on an axis in its own unit.
import * as d3 from 'd3';
import { appendYTitle } from './chartFrame.js';
import type { EnergyBreakdown, EnergyPart, RunSummary } from '../model/result.js';
import { TEXT_FONT_PX, TICK_FONT_PX } from './chartLayout.js';
import { formatChange, relativeChange } from './compressedRun.js';
import { LEVEL_LABELS, LEVEL_ORDER } from './levels.js';
import { si } from './numbers.js';
import { energyScale, energyText } from './objectiveScale.js';
import { xmlSafe } from './xml.js';

type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

/** Okabe-Ito grey and blue: tell apart in colour and in lightness (grey-scale prints). */
export const RUN_COLORS = ['#999999', '#0072B2'] as const;

export interface LevelsPanel {
  /** data-scope of the bars ("run", "conv") and the heading over the panel. */
  readonly scope: string;
  readonly heading: string;
  readonly energy: readonly [before: EnergyBreakdown, after: EnergyBreakdown];
  readonly energyUnit: RunSummary['energyUnit'];
  /** The two runs' names, for the bars' tooltips. */
  readonly names: readonly [string, string];
}

/** Draws the panel into `g`, whose origin is the plot's top left corner. */
export function drawLevelsPanel(g: Group, p: LevelsPanel, width: number, height: number): void {
  g.attr('class', `levels levels-${p.scope}`).attr('font-size', TICK_FONT_PX);
  g.append('text')
    .attr('class', 'panel-heading')
    .attr('x', 0)
    .attr('y', -30)
    .attr('font-size', TEXT_FONT_PX)
    .attr('font-weight', 'bold')
    .text(xmlSafe(p.heading));
  const x = d3.scaleBand<EnergyPart>().domain(LEVEL_ORDER).range([0, width]).paddingInner(0.3).paddingOuter(0.15);
  const inner = d3.scaleBand<number>().domain([0, 1]).range([0, x.bandwidth()]).paddingInner(0.08);
  const top = d3.max(p.energy, (e) => d3.max(LEVEL_ORDER, (l) => e[l])) ?? 0;
  const y = d3
    .scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .range([height, 0])
    .nice(6);
  const scale = energyScale(p.energyUnit, [top]);
  const grid = g.append('g').attr('class', 'grid');
  for (const t of y.ticks(6)) {
    grid.append('line').attr('x1', 0).attr('x2', width).attr('y1', y(t)).attr('y2', y(t)).attr('stroke', '#ddd').attr('stroke-width', 1);
  }
  const bars = g.append('g').attr('class', 'bars');
  for (const level of LEVEL_ORDER) {
    const lg = bars
      .append('g')
      .attr('class', `level level-${level}`)
      .attr('transform', `translate(${x(level) ?? 0},0)`);
    p.energy.forEach((e, i) => {
      const v = e[level];
      const bx = inner(i) ?? 0;
      lg.append('rect')
        .attr('class', `bar run-${i}`)
        .attr('data-level', level)
        .attr('data-scope', p.scope)
        .attr('x', bx)
        .attr('width', inner.bandwidth())
        .attr('y', y(v))
        .attr('height', height - y(v))
        .attr('fill', RUN_COLORS[i])
        .append('title')
        .text(xmlSafe(`${p.names[i]}: ${LEVEL_LABELS[level]} ${energyText(v, p.energyUnit)}`));
      lg.append('text')
        .attr('class', 'value')
        .attr('x', bx + inner.bandwidth() / 2)
        .attr('y', y(v) - 4)
        .attr('text-anchor', 'middle')
        .attr('fill', '#222')
        .text(si(v / scale.factor, 3));
    });
  }
  g.append('g')
    .attr('class', 'y-axis')
    .call(
      d3
        .axisLeft(y)
        .ticks(6)
        .tickFormat((d) => si(Number(d) / scale.factor))
        .tickSizeOuter(0),
    );
  appendYTitle(g, `energy (${scale.unit})`, { offsetPx: 62, plotHeightPx: height });
  const axis = g
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${height})`)
    .call(
      d3
        .axisBottom(x)
        .tickSizeOuter(0)
        .tickFormat((l) => LEVEL_LABELS[l]),
    );
  axis.selectAll('.tick text').attr('font-size', TEXT_FONT_PX);
  // The relative change of each level under its name: what the pair of bars says, as a number.
  axis
    .selectAll<SVGGElement, EnergyPart>('.tick')
    .append('text')
    .attr('class', 'change')
    .attr('fill', '#444')
    .attr('y', 9)
    .attr('dy', '2.1em')
    .attr('font-size', TICK_FONT_PX + 1)
    .text((l) => formatChange(relativeChange(p.energy[0][l], p.energy[1][l])));
}
