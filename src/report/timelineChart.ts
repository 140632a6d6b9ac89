// When each shared resource of the chip was busy during one simulated layer, as a standalone SVG string
// (d3 rendered in jsdom via d3-node, serialized like energyChart.ts): one lane per resource on a shared
// cycle axis, with the time in microseconds under each tick.
import * as d3 from 'd3';
import { chartFrame } from './chartFrame.js';
import { STALL_CAUSES, type SimResource, type StallCause, type Timeline } from '../sim/types.js';
import { TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, textWidthPx } from './chartLayout.js';
import { si } from './numbers.js';
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
const ARRAY_NOTE = 'The PE array lane spans whole passes, waits for late operands included; gaps between passes are waits for the next GLB tile.';

const PAD = 16;
const PLOT_WIDTH = 960;
const LANE_HEIGHT = 24;
const LANE_STEP = 34; // lane height plus the gap to the next lane
const LABEL_GAP = 10;
const MIN_RECT_PX = 1; // an isolated burst shorter than a pixel still shows as a hairline
const X_TICKS = 10;

/** A run of busy time as one lane can show it: sub-pixel gaps closed, `busy` the cycles really busy in it. */
export interface MergedInterval {
  readonly start: number;
  readonly end: number;
  readonly busy: number;
  /** The disjoint busy intervals inside, sorted. */
  readonly parts: readonly (readonly [number, number])[];
}

/**
 * The busy intervals of one lane as they can be seen at a given scale: sorted, overlaps joined, every gap
 * shorter than `minGap` (one pixel) closed, empty intervals dropped. A long layer has up to ~1e5 intervals
 * per resource; drawn one rect each, the SVG would grow to many megabytes and render slowly, while a gap
 * narrower than a pixel cannot be seen anyway. After merging, runs are at least a pixel apart, so a lane
 * needs at most about one rect per pixel of plot width, whatever the number of intervals.
 */
export function mergeIntervals(intervals: readonly (readonly [number, number])[], minGap: number): MergedInterval[] {
  const sorted = intervals.filter(([s, e]) => e > s).map(([s, e]): [number, number] => [s, e]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const disjoint: [number, number][] = [];
  for (const iv of sorted) {
    const last = disjoint[disjoint.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else disjoint.push(iv);
  }
  const out: { start: number; end: number; busy: number; parts: [number, number][] }[] = [];
  for (const iv of disjoint) {
    const last = out[out.length - 1];
    if (last && iv[0] - last.end < minGap) {
      last.end = iv[1];
      last.busy += iv[1] - iv[0];
      last.parts.push(iv);
    } else {
      out.push({ start: iv[0], end: iv[1], busy: iv[1] - iv[0], parts: [iv] });
    }
  }
  return out;
}

/** One rect of a lane, in plot pixels; `opacity` < 1 where the resource was busy for only part of the time. */
export interface LaneRect {
  readonly x: number;
  readonly width: number;
  readonly opacity: number;
  readonly start: number;
  readonly end: number;
  readonly busy: number;
}

/** The share of time busy as a fill opacity: rounded to tenths, at least 0.2 so that any activity shows. */
function shade(share: number): number {
  if (!(share > 0)) return 0;
  return Math.min(1, Math.max(0.2, Math.round(share * 10) / 10));
}

/**
 * Rects for one lane with `pxPerCycle` on a plot `plotWidth` pixels wide. Closing sub-pixel gaps alone would
 * paint a bus busy 0.1% of the time as a solid bar, so a merged run with gaps inside is cut into one-pixel
 * bins, each shaded by the share of its time the resource was busy (equal neighbours joined again). A single
 * interval keeps its exact extent; one narrower than a pixel is drawn a pixel wide, shaded by how much of
 * that pixel it fills.
 */
export function laneRects(intervals: readonly (readonly [number, number])[], pxPerCycle: number, plotWidth: number): LaneRect[] {
  const cyclesPerPx = 1 / pxPerCycle;
  const rects: LaneRect[] = [];
  for (const run of mergeIntervals(intervals, cyclesPerPx)) {
    const widthPx = (run.end - run.start) * pxPerCycle;
    if (run.parts.length === 1 || widthPx < MIN_RECT_PX) {
      const width = Math.max(widthPx, MIN_RECT_PX);
      const x = Math.max(0, Math.min(run.start * pxPerCycle, plotWidth - width));
      rects.push({ x, width, opacity: shade((run.busy * pxPerCycle) / width), start: run.start, end: run.end, busy: run.busy });
      continue;
    }
    // Whole-pixel bins from the run's start; the last may reach past its end, never into the next run.
    const bins = Math.ceil(widthPx - 1e-9);
    const cover = new Float64Array(bins);
    for (const [s, e] of run.parts) {
      const first = Math.min(bins - 1, Math.floor((s - run.start) * pxPerCycle));
      const last = Math.min(bins - 1, Math.floor((e - run.start) * pxPerCycle));
      for (let i = first; i <= last; i++) {
        const binStart = run.start + i * cyclesPerPx;
        cover[i] += Math.max(0, Math.min(e, binStart + cyclesPerPx) - Math.max(s, binStart));
      }
    }
    const x0 = run.start * pxPerCycle;
    let i = 0;
    while (i < bins) {
      const opacity = shade(cover[i] * pxPerCycle);
      let j = i;
      let busy = cover[i];
      while (j + 1 < bins && shade(cover[j + 1] * pxPerCycle) === opacity) busy += cover[++j];
      if (opacity > 0) {
        const width = Math.min(j + 1 - i, plotWidth - x0 - i);
        rects.push({ x: x0 + i, width, opacity, start: run.start + i * cyclesPerPx, end: Math.min(run.start + (j + 1) * cyclesPerPx, run.end), busy });
      }
      i = j + 1;
    }
  }
  return rects;
}

function checkInput(input: TimelineInput): void {
  const bad = (what: string, v: unknown) => new RangeError(`timeline: ${what} is ${String(v)}; expected a finite number >= 0`);
  const finite = (v: number) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
  if (!finite(input.clockMHz) || input.clockMHz === 0) throw new RangeError(`timeline: clockMHz is ${String(input.clockMHz)}; expected a finite number > 0`);
  if (!finite(input.stats.cycles)) throw bad('stats.cycles', input.stats.cycles);
  if (!finite(input.stats.utilization)) throw bad('stats.utilization', input.stats.utilization);
  for (const c of STALL_CAUSES) if (!finite(input.stats.stallCycles[c])) throw bad(`stats.stallCycles.${c}`, input.stats.stallCycles[c]);
  for (const { resource } of TIMELINE_LANES) {
    const list = input.timeline[resource];
    if (!Array.isArray(list)) throw new RangeError(`timeline: no interval list for ${resource}`);
    list.forEach(([s, e], i) => {
      if (!finite(s) || !finite(e) || e < s) throw new RangeError(`timeline: ${resource}[${i}] is [${String(s)}, ${String(e)}]; expected finite 0 <= start <= end`);
    });
  }
}

/** Pixel positions rounded to 1/100 px: invisible, and it keeps the file small and its bytes stable. */
const px = (v: number): number => Math.round(v * 100) / 100;

const percent = (part: number, whole: number): string => (whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '-');

function stallCaption(stats: TimelineInput['stats']): string {
  const total = STALL_CAUSES.reduce((a, c) => a + stats.stallCycles[c], 0);
  const parts = STALL_CAUSES.map((c) => {
    const v = stats.stallCycles[c];
    return v > 0 ? `${STALL_LABELS[c]} ${si(v, 4)} (${percent(v, stats.cycles)})` : `${STALL_LABELS[c]} 0`;
  });
  return `PE array stalls (cycles it waited, by cause): ${parts.join(' \u00b7 ')}; total ${si(total, 4)} (${percent(total, stats.cycles)})`;
}

/** Standalone SVG (xmlns set, no XML declaration); the same input always gives the same bytes. */
export function renderTimeline(input: TimelineInput): string {
  checkInput(input);
  const { stats, timeline, clockMHz } = input;
  const lastEnd = Math.max(0, ...TIMELINE_LANES.map(({ resource }) => timeline[resource].reduce((a, [, e]) => Math.max(a, e), 0)));
  const span = Math.max(stats.cycles, lastEnd) || 1;

  const title = xmlSafe(`${input.layer} (${input.model}) on ${input.hardware}: ${si(stats.cycles, 4)} cycles, ${(stats.utilization * 100).toFixed(1)}% PE utilization`);
  const subtitle = xmlSafe(
    `${d3.format(',.4~r')(stats.cycles / clockMHz)} \u00b5s at ${clockMHz} MHz. Coloured: resource busy; lighter: busy only part of each pixel's ${si(span / PLOT_WIDTH)} cycles`,
  );
  const caption = xmlSafe(stallCaption(stats));
  const usTitle = xmlSafe(`\u00b5s at ${clockMHz} MHz`);
  const labelWidth = Math.max(...TIMELINE_LANES.map((l) => textWidthPx(l.label, TEXT_FONT_PX)), textWidthPx(usTitle, TICK_FONT_PX));
  const left = PAD + labelWidth + LABEL_GAP;
  const right = LABEL_GAP + textWidthPx('100.0% busy', TICK_FONT_PX) + PAD;
  const plotWidth = Math.max(
    PLOT_WIDTH,
    ...[textWidthPx(title, TITLE_FONT_PX, true), textWidthPx(subtitle, TEXT_FONT_PX), textWidthPx(caption, TEXT_FONT_PX),
      textWidthPx(ARRAY_NOTE, TICK_FONT_PX)]
      .map((w) => Math.ceil(w + 2 * PAD - left - right)),
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
  const plot = svg.append('g').attr('class', 'plot').attr('transform', `translate(${px(left)},${top})`)
    .attr('font-size', TICK_FONT_PX);
  const laneTop = (i: number) => i * LANE_STEP + (LANE_STEP - LANE_HEIGHT) / 2;

  // Lane backgrounds and labels, then the grid, then the busy rects over both.
  const lanes = plot.append('g').attr('class', 'lanes');
  const rectsByLane = TIMELINE_LANES.map(({ resource }) => laneRects(timeline[resource], plotWidth / span, plotWidth));
  TIMELINE_LANES.forEach(({ resource, label }, i) => {
    const busy = mergeIntervals(timeline[resource], 0).reduce((a, r) => a + r.busy, 0);
    const lane = lanes.append('g').attr('class', `lane lane-${resource}`).attr('data-resource', resource)
      .attr('transform', `translate(0,${laneTop(i)})`);
    lane.append('text').attr('class', 'lane-label').attr('x', -LABEL_GAP).attr('y', LANE_HEIGHT / 2).attr('dy', '0.35em')
      .attr('text-anchor', 'end').attr('font-size', TEXT_FONT_PX).text(label);
    lane.append('rect').attr('class', 'lane-bg').attr('width', px(plotWidth)).attr('height', LANE_HEIGHT).attr('fill', '#f2f2f2');
    lane.append('text').attr('class', 'lane-busy').attr('x', px(plotWidth) + LABEL_GAP).attr('y', LANE_HEIGHT / 2).attr('dy', '0.35em')
      .attr('fill', '#444').text(`${percent(busy, span)} busy`);
  });

  const ticks = x.ticks(X_TICKS);
  const grid = plot.append('g').attr('class', 'grid');
  for (const t of ticks) {
    grid.append('line').attr('x1', px(x(t))).attr('x2', px(x(t))).attr('y1', 0).attr('y2', plotHeight)
      .attr('stroke', '#d0d0d0').attr('stroke-width', 1);
  }

  const bars = plot.append('g').attr('class', 'bars');
  TIMELINE_LANES.forEach(({ resource, label, color }, i) => {
    const g = bars.append('g').attr('class', `busy busy-${resource}`).attr('data-resource', resource).attr('fill', color)
      .attr('transform', `translate(0,${laneTop(i)})`);
    for (const r of rectsByLane[i]) {
      const rect = g.append('rect').attr('x', px(r.x)).attr('width', px(r.width)).attr('height', LANE_HEIGHT);
      if (r.opacity < 1) rect.attr('fill-opacity', r.opacity);
      const share = r.busy < r.end - r.start ? `, busy ${percent(r.busy, r.end - r.start)}` : '';
      rect.append('title').text(`${label}: ${si(r.start, 4)}\u2013${si(r.end, 4)} cycles${share}`);
    }
  });

  // Cycles on the axis; under each tick the same instant in microseconds at the clock.
  const usStep = d3.tickStep(0, span, X_TICKS) / clockMHz;
  const tickUs = d3.format(`,.${Math.min(d3.precisionFixed(usStep), 6)}f`);
  const axis = plot.append('g').attr('class', 'x-axis').attr('transform', `translate(0,${plotHeight})`)
    .call(d3.axisBottom(x).tickValues(ticks).tickFormat((d) => si(Number(d))).tickSizeOuter(0));
  axis.selectAll<SVGGElement, number>('.tick').append('text').attr('class', 'tick-us').attr('fill', '#666')
    .attr('y', 9).attr('dy', '1.95em').text((d) => tickUs(d / clockMHz));
  plot.append('text').attr('class', 'x-title').attr('x', -LABEL_GAP).attr('y', plotHeight + 9).attr('dy', '0.71em')
    .attr('text-anchor', 'end').text('cycles');
  plot.append('text').attr('class', 'x-title-us').attr('x', -LABEL_GAP).attr('y', plotHeight + 9).attr('dy', '1.95em')
    .attr('text-anchor', 'end').attr('fill', '#666').text(usTitle);

  svg.append('text').attr('class', 'caption').attr('x', PAD).attr('y', captionY)
    .attr('font-size', TEXT_FONT_PX).attr('fill', '#444').text(caption);
  svg.append('text').attr('class', 'note').attr('x', PAD).attr('y', noteY).attr('font-size', TICK_FONT_PX).attr('fill', '#666')
    .text(ARRAY_NOTE);
  return frame.serialize();
}
