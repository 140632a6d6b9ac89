// The bottom panel of energy-compare.svg: every layer's energy change from uncompressed to shared, in network
// order, as a bar from 0 % (down: saved); layers the plan left unshared (FC layers, a kept first conv layer) as a
// grey mark at 0 %, so that what sharing does to each layer is not lost in the whole-run totals.
import * as d3 from 'd3';
import { appendYTitle } from './chartFrame.js';
import type { RunSummary } from '../model/result.js';
import { LABEL_ANGLE_DEG, TEXT_FONT_PX, TICK_FONT_PX, shortLabel } from './chartLayout.js';
import type { LayerChange } from './compareFigures.js';
import { RUN_COLORS } from './compareLevels.js';
import { formatChange } from './compressedRun.js';
import { energyText } from './objectiveScale.js';
import { xmlSafe } from './xml.js';

type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

/** Values over the bars up to this many layers; beyond, in the tooltips only. */
const MAX_VALUE_LABELS = 24;
const UNSHARED_COLOR = '#bbbbbb';
const MAX_BAR_PX = 48;

export function drawLayersPanel(
  g: Group,
  changes: readonly LayerChange[],
  unit: RunSummary['energyUnit'],
  width: number,
  height: number,
): void {
  g.attr('class', 'layers').attr('font-size', TICK_FONT_PX);
  g.append('text')
    .attr('class', 'panel-heading')
    .attr('x', 0)
    .attr('y', -14)
    .attr('font-size', TEXT_FONT_PX)
    .attr('font-weight', 'bold')
    .text('energy of each layer, change from uncompressed to shared (grey: not shared)');
  const pct = changes.map((c) => (c.change ?? 0) * 100);
  const y = d3
    .scaleLinear()
    .domain([Math.min(0, ...pct), Math.max(0, ...pct)])
    .range([height, 0])
    .nice(5);
  if (y.domain()[0] === y.domain()[1]) y.domain([-1, 1]);
  const step = width / Math.max(changes.length, 1);
  const gap = Math.max(0.25, 1 - MAX_BAR_PX / step); // few layers: bars no wider than MAX_BAR_PX
  const x = d3
    .scaleBand<string>()
    .domain(changes.map((_, i) => String(i)))
    .range([0, width])
    .paddingInner(gap)
    .paddingOuter(gap / 2);
  const grid = g.append('g').attr('class', 'grid');
  for (const t of y.ticks(5)) {
    grid
      .append('line')
      .attr('x1', 0)
      .attr('x2', width)
      .attr('y1', y(t))
      .attr('y2', y(t))
      .attr('stroke', t === 0 ? '#888' : '#ddd')
      .attr('stroke-width', 1);
  }
  const bars = g.append('g').attr('class', 'bars');
  changes.forEach((c, i) => {
    const v = pct[i];
    const bx = x(String(i)) ?? 0;
    const how = c.shared ? `shared, run as ${c.execution ?? 'dense'}` : 'not shared';
    const tip = `${c.name} (${how}): ${energyText(c.before, unit)} \u2192 ${energyText(c.after, unit)} (${formatChange(c.change)})`;
    const top = Math.min(y(0), y(v));
    // An unshared or unchanged layer gets a hairline at 0 %, so that it is seen to be there.
    bars
      .append('rect')
      .attr('class', `bar ${c.shared ? 'shared' : 'unshared'}`)
      .attr('data-layer', c.name)
      .attr('data-change', v.toFixed(2))
      .attr('x', bx)
      .attr('width', x.bandwidth())
      .attr('y', v === 0 ? y(0) - 1 : top)
      .attr('height', v === 0 ? 2 : Math.abs(y(v) - y(0)))
      .attr('fill', c.shared ? RUN_COLORS[1] : UNSHARED_COLOR)
      .append('title')
      .text(xmlSafe(tip));
    if (changes.length <= MAX_VALUE_LABELS) {
      const [text, fill] = c.shared ? [formatChange(c.change), '#222'] : ['not shared', '#777'];
      bars
        .append('text')
        .attr('class', 'value')
        .attr('x', bx + x.bandwidth() / 2)
        .attr('y', v < 0 ? y(v) + 11 : y(v) - 4)
        .attr('text-anchor', 'middle')
        .attr('fill', fill)
        .text(text);
    }
  });
  g.append('g')
    .attr('class', 'y-axis')
    .call(
      d3
        .axisLeft(y)
        .ticks(5)
        .tickFormat((d) => `${Number(d)}%`)
        .tickSizeOuter(0),
    );
  appendYTitle(g, 'change of energy (%)', { offsetPx: 62, plotHeightPx: height });
  const axis = g
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${height})`)
    .call(
      d3
        .axisBottom(x)
        .tickSizeOuter(0)
        .tickSize(0)
        .tickFormat((i) => xmlSafe(shortLabel(changes[Number(i)].name))),
    );
  axis
    .selectAll('text')
    .attr('x', 0)
    .attr('y', 0)
    .attr('dy', '0.35em')
    .attr('text-anchor', 'end')
    .attr('transform', `translate(0,9) rotate(${-LABEL_ANGLE_DEG})`);
}
