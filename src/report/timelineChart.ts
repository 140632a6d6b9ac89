// When each shared resource of the chip was busy during one simulated layer, as a standalone SVG string
// (d3 rendered in jsdom via d3-node, serialized like energyChart.ts): one lane per resource on a shared
// cycle axis, with the time in microseconds under each tick. The PE array's lane tells computing from waiting:
// a pass holds the array until its last operand arrives, which is not work.
import * as d3 from 'd3';
import { chartFrame } from './chartFrame.js';
import { STALL_CAUSES, type Intervals, type SimResource, type StallCause, type Timeline } from '../sim/types.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from './chartLayout.js';
import { si } from './numbers.js';
import { laneRects, mergeIntervals, subtractIntervals } from './timelineLanes.js';
import { xmlSafe } from './xml.js';

export interface TimelineInput {
  readonly layer: string;
  readonly model: string;
  readonly hardware: string;
  readonly clockMHz: number;
  readonly timeline: Timeline;
  readonly stats: {
    readonly cycles: number;
    readonly stallCycles: { readonly [C in StallCause]: number };
    readonly utilization: number;
    /** The PEs a pass of the layer uses, and the array's: why utilization is below the computing share. */
    readonly pes?: { readonly active: number; readonly total: number };
  };
}

/** Lanes from top to bottom: the array, the buses feeding and draining it, then the buffers behind them. */
export const TIMELINE_LANES: readonly { readonly resource: SimResource; readonly label: string; readonly color: string }[] = [
  { resource: 'array', label: 'PE array', color: '#E69F00' },
  { resource: 'ifmapBus', label: 'ifmap bus (GIN)', color: '#009E73' },
  { resource: 'filterBus', label: 'filter bus', color: '#56B4E9' },
  { resource: 'psumBus', label: 'psum bus (GON)', color: '#D55E00' },
  { resource: 'glb', label: 'GLB', color: '#CC79A7' },
  { resource: 'dram', label: 'DRAM', color: '#0072B2' },
];

const STALL_LABELS: { readonly [C in StallCause]: string } = { dram: 'DRAM', glb: 'GLB', noc: 'NoC', psumDrain: 'psum drain' };

// How the engine occupies the array (src/sim/engine.ts): a pass holds it from its start until its last operand
// has arrived and its busiest PE is done; before a pass starts, the array waits for that pass's GLB tile.
const ARRAY_NOTE =
  'PE array: coloured while a pass computes, grey while it holds the array waiting for a late operand; ' +
  'gaps between passes are waits for the next GLB tile.';
const WAIT_COLOR = '#8c8c8c';

const PAD = 16;
const PLOT_WIDTH = 960;
const LANE_HEIGHT = 24;
const LANE_STEP = 34; // lane height plus the gap to the next lane
const LABEL_GAP = 10;
const X_TICKS = 10;

function checkInput(input: TimelineInput): void {
  const bad = (what: string, v: unknown) => new RangeError(`timeline: ${what} is ${String(v)}; expected a finite number >= 0`);
  const finite = (v: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!finite(input.clockMHz) || input.clockMHz === 0)
    throw new RangeError(`timeline: clockMHz is ${String(input.clockMHz)}; expected a finite number > 0`);
  if (!finite(input.stats.cycles)) throw bad('stats.cycles', input.stats.cycles);
  if (!finite(input.stats.utilization)) throw bad('stats.utilization', input.stats.utilization);
  for (const c of STALL_CAUSES) if (!finite(input.stats.stallCycles[c])) throw bad(`stats.stallCycles.${c}`, input.stats.stallCycles[c]);
  for (const resource of [...TIMELINE_LANES.map((l) => l.resource), 'arrayWaits' as const]) {
    // Checked at run time too: a timeline can come from outside the type system (a test or a reader's JSON).
    const list: unknown = input.timeline[resource];
    if (!isIntervalList(list)) throw new RangeError(`timeline: no interval list for ${resource}`);
    list.forEach(([s, e], i) => {
      if (!finite(s) || !finite(e) || e < s)
        throw new RangeError(`timeline: ${resource}[${i}] is [${String(s)}, ${String(e)}]; expected finite 0 <= start <= end`);
    });
  }
}

/** Pixel positions rounded to 1/100 px: invisible, and it keeps the file small and its bytes stable. */
const px = (v: number): number => Math.round(v * 100) / 100;

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

const stallTotal = (stats: TimelineInput['stats']): number => STALL_CAUSES.reduce((a, c) => a + stats.stallCycles[c], 0);

function stallCaption(stats: TimelineInput['stats']): string {
  const total = stallTotal(stats);
  const parts = STALL_CAUSES.map((c) => {
    const v = stats.stallCycles[c];
    return v > 0 ? `${STALL_LABELS[c]} ${si(v, 4)} (${percent(v, stats.cycles)})` : `${STALL_LABELS[c]} 0`;
  });
  return `PE array stalls (cycles it waited, by cause): ${parts.join(' \u00b7 ')}; total ${si(total, 4)} (${percent(total, stats.cycles)})`;
}

/** Array.isArray's guard without its `any[]` (the elements are checked one by one after it). */
const isIntervalList = (v: unknown): v is Intervals => Array.isArray(v);

/** Standalone SVG (xmlns set, no XML declaration); the same input always gives the same bytes. */
export function renderTimeline(input: TimelineInput): string {
  checkInput(input);
  const { stats, timeline, clockMHz } = input;
  const lastEnd = Math.max(0, ...TIMELINE_LANES.map(({ resource }) => timeline[resource].reduce((a, [, e]) => Math.max(a, e), 0)));
  const span = Math.max(stats.cycles, lastEnd) || 1;

  const title = xmlSafe(
    `${input.layer} (${input.model}) on ${input.hardware}: ${si(stats.cycles, 4)} cycles, ${(stats.utilization * 100).toFixed(1)}% PE utilization`,
  );
  const subtitle = xmlSafe(
    `${d3.format(',.4~r')(stats.cycles / clockMHz)} \u00b5s at ${clockMHz} MHz. Coloured: resource busy; lighter: busy only part of each pixel's ${si(span / PLOT_WIDTH)} cycles`,
  );
  const caption = xmlSafe(stallCaption(stats));
  const usTitle = xmlSafe(`\u00b5s at ${clockMHz} MHz`);
  const labelWidth = Math.max(...TIMELINE_LANES.map((l) => textWidthPx(l.label, TEXT_FONT_PX)), textWidthPx(usTitle, TICK_FONT_PX));
  const left = PAD + labelWidth + LABEL_GAP;
  const right = LABEL_GAP + textWidthPx('100.0% computing', TICK_FONT_PX) + PAD;
  const note = xmlSafe(
    `${ARRAY_NOTE}${stats.pes ? ` PE utilization counts all ${stats.pes.total} PEs: a pass uses ${stats.pes.active}, and its busiest PE sets its length.` : ''}`,
  );
  const plotWidth = Math.max(
    PLOT_WIDTH,
    ...[
      textWidthPx(title, TITLE_FONT_PX, true),
      textWidthPx(subtitle, TEXT_FONT_PX),
      textWidthPx(caption, TEXT_FONT_PX),
      textWidthPx(note, TICK_FONT_PX),
    ].map((w) => Math.ceil(w + 2 * PAD - left - right)),
  );
  const titleY = PAD + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const top = subtitleY + 16;
  const plotHeight = TIMELINE_LANES.length * LANE_STEP;
  const captionY = top + plotHeight + 30 + TEXT_FONT_PX + 12; // below the two lines of tick labels
  const noteY = captionY + TICK_FONT_PX + 8;
  const width = Math.ceil(left + plotWidth + right);
  const height = Math.ceil(noteY + PAD);

  const frame = chartFrame({ width, height, title, subtitle, left: PAD, titleY, subtitleY });
  const svg = frame.svg;

  const x = d3.scaleLinear().domain([0, span]).range([0, plotWidth]);
  const plot = svg
    .append('g')
    .attr('class', 'plot')
    .attr('transform', `translate(${px(left)},${top})`)
    .attr('font-size', TICK_FONT_PX);
  const laneTop = (i: number) => i * LANE_STEP + (LANE_STEP - LANE_HEIGHT) / 2;

  // Lane backgrounds and labels, then the grid, then the busy rects over both.
  const lanes = plot.append('g').attr('class', 'lanes');
  // The array lane shows its computing time; the waits for late operands inside its passes go in grey over it.
  const computing = subtractIntervals(timeline.array, timeline.arrayWaits);
  const shown = (resource: SimResource) => (resource === 'array' ? computing : timeline[resource]);
  const rectsByLane = TIMELINE_LANES.map(({ resource }) => laneRects(shown(resource), plotWidth / span, plotWidth));
  TIMELINE_LANES.forEach(({ resource, label }, i) => {
    const busy = mergeIntervals(shown(resource), 0).reduce((a, r) => a + r.busy, 0);
    const lane = lanes
      .append('g')
      .attr('class', `lane lane-${resource}`)
      .attr('data-resource', resource)
      .attr('transform', `translate(0,${laneTop(i)})`);
    lane
      .append('text')
      .attr('class', 'lane-label')
      .attr('x', -LABEL_GAP)
      .attr('y', LANE_HEIGHT / 2)
      .attr('dy', '0.35em')
      .attr('text-anchor', 'end')
      .attr('font-size', TEXT_FONT_PX)
      .text(label);
    lane.append('rect').attr('class', 'lane-bg').attr('width', px(plotWidth)).attr('height', LANE_HEIGHT).attr('fill', '#f2f2f2');
    // The array: computing, and waiting (every stall: for a GLB tile between passes, for an operand inside one).
    const shares =
      resource === 'array'
        ? [`${percent(busy, span)} computing`, `${percent(stallTotal(stats), span)} waiting`]
        : [`${percent(busy, span)} busy`];
    shares.forEach((text, line) =>
      lane
        .append('text')
        .attr('class', 'lane-busy')
        .attr('x', px(plotWidth) + LABEL_GAP)
        .attr('y', LANE_HEIGHT / 2 + (line - (shares.length - 1) / 2) * (TICK_FONT_PX + 1))
        .attr('dy', '0.35em')
        .attr('fill', '#444')
        .text(text),
    );
  });

  const ticks = x.ticks(X_TICKS);
  const grid = plot.append('g').attr('class', 'grid');
  for (const t of ticks) {
    grid
      .append('line')
      .attr('x1', px(x(t)))
      .attr('x2', px(x(t)))
      .attr('y1', 0)
      .attr('y2', plotHeight)
      .attr('stroke', '#d0d0d0')
      .attr('stroke-width', 1);
  }

  const bars = plot.append('g').attr('class', 'bars');
  TIMELINE_LANES.forEach(({ resource, label, color }, i) => {
    const g = bars
      .append('g')
      .attr('class', `busy busy-${resource}`)
      .attr('data-resource', resource)
      .attr('fill', color)
      .attr('transform', `translate(0,${laneTop(i)})`);
    for (const r of rectsByLane[i]) {
      const rect = g.append('rect').attr('x', px(r.x)).attr('width', px(r.width)).attr('height', LANE_HEIGHT);
      if (r.opacity < 1) rect.attr('fill-opacity', r.opacity);
      const share = r.busy < r.end - r.start ? `, busy ${percent(r.busy, r.end - r.start)}` : '';
      rect.append('title').text(`${label}: ${si(r.start, 4)}\u2013${si(r.end, 4)} cycles${share}`);
    }
  });

  const waits = bars
    .append('g')
    .attr('class', 'waits waits-array')
    .attr('fill', WAIT_COLOR)
    .attr('transform', `translate(0,${laneTop(0)})`);
  for (const r of laneRects(timeline.arrayWaits, plotWidth / span, plotWidth)) {
    const rect = waits.append('rect').attr('x', px(r.x)).attr('width', px(r.width)).attr('height', LANE_HEIGHT);
    if (r.opacity < 1) rect.attr('fill-opacity', r.opacity);
    rect.append('title').text(`PE array waiting for an operand: ${si(r.start, 4)}\u2013${si(r.end, 4)} cycles`);
  }

  // Cycles on the axis; under each tick the same instant in microseconds at the clock.
  const usStep = d3.tickStep(0, span, X_TICKS) / clockMHz;
  const tickUs = d3.format(`,.${Math.min(d3.precisionFixed(usStep), 6)}f`);
  const axis = plot
    .append('g')
    .attr('class', 'x-axis')
    .attr('transform', `translate(0,${plotHeight})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(ticks)
        .tickFormat((d) => si(Number(d)))
        .tickSizeOuter(0),
    );
  axis
    .selectAll<SVGGElement, number>('.tick')
    .append('text')
    .attr('class', 'tick-us')
    .attr('fill', '#666')
    .attr('y', 9)
    .attr('dy', '1.95em')
    .text((d) => tickUs(d / clockMHz));
  plot
    .append('text')
    .attr('class', 'x-title')
    .attr('x', -LABEL_GAP)
    .attr('y', plotHeight + 9)
    .attr('dy', '0.71em')
    .attr('text-anchor', 'end')
    .text('cycles');
  plot
    .append('text')
    .attr('class', 'x-title-us')
    .attr('x', -LABEL_GAP)
    .attr('y', plotHeight + 9)
    .attr('dy', '1.95em')
    .attr('text-anchor', 'end')
    .attr('fill', '#666')
    .text(usTitle);

  svg
    .append('text')
    .attr('class', 'caption')
    .attr('x', PAD)
    .attr('y', captionY)
    .attr('font-size', TEXT_FONT_PX)
    .attr('fill', '#444')
    .text(caption);
  svg.append('text').attr('class', 'note').attr('x', PAD).attr('y', noteY).attr('font-size', TICK_FONT_PX).attr('fill', '#666').text(note);
  return frame.serialize();
}
