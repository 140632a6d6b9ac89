// The busy intervals of a timeline lane as a plot can show them: merged where gaps are narrower than a pixel,
// binned and shaded where a run is only partly busy, and the array's computing time apart from its waits.
import type { Intervals } from '../sim/types.js';

const MIN_RECT_PX = 1; // an isolated burst shorter than a pixel still shows as a hairline

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
  const sorted = intervals
    .filter(([s, e]) => e > s)
    .map(([s, e]): [number, number] => [s, e])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
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
        rects.push({
          x: x0 + i,
          width,
          opacity,
          start: run.start + i * cyclesPerPx,
          end: Math.min(run.start + (j + 1) * cyclesPerPx, run.end),
          busy,
        });
      }
      i = j + 1;
    }
  }
  return rects;
}

/** `intervals` without the parts covered by `holes` (both lists of [start, end), in any order). */
export function subtractIntervals(intervals: Intervals, holes: Intervals): [number, number][] {
  const cuts = mergeIntervals(holes, 0);
  const out: [number, number][] = [];
  for (const [s, e] of [...intervals].sort((a, b) => a[0] - b[0])) {
    let from = s;
    for (const c of cuts) {
      if (c.end <= from || c.start >= e) continue;
      if (c.start > from) out.push([from, c.start]);
      from = Math.max(from, c.end);
    }
    if (from < e) out.push([from, e]);
  }
  return out;
}
