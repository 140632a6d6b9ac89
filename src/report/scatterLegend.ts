// The legend of a scatter plot: a row (or rows, when the entries do not fit the width) under the subtitle,
// each entry a marker drawn as the points draw theirs, or a short stretch of line, and its text.
import type * as d3 from 'd3';
import { TICK_FONT_PX, textWidthPx } from './chartLayout.js';
import { drawMarker, type MarkerStyle } from './scatterMarker.js';
import { xmlSafe } from './xml.js';

export interface LegendEntry {
  readonly text: string;
  /** A point's marker, or a line (e.g. the front's staircase). */
  readonly marker?: MarkerStyle;
  readonly line?: { readonly color: string; readonly dashed?: boolean };
}

export const LEGEND_ROW_PX = 18;
const SYMBOL_PX = 18;
const GAP_PX = 18;

interface Placed {
  readonly entry: LegendEntry;
  readonly x: number;
  readonly row: number;
}

/** Entries left to right, a new row when the next one would pass maxWidth. */
export function layoutLegend(entries: readonly LegendEntry[], maxWidth: number): { placed: Placed[]; rows: number } {
  const placed: Placed[] = [];
  let x = 0;
  let row = 0;
  for (const entry of entries) {
    const width = SYMBOL_PX + 4 + textWidthPx(xmlSafe(entry.text), TICK_FONT_PX);
    if (x > 0 && x + width > maxWidth) {
      row++;
      x = 0;
    }
    placed.push({ entry, x, row });
    x += width + GAP_PX;
  }
  return { placed, rows: entries.length === 0 ? 0 : row + 1 };
}

export function drawLegend(
  parent: d3.Selection<SVGSVGElement, unknown, null, undefined>,
  placed: readonly Placed[],
  left: number,
  top: number,
): void {
  const legend = parent.append('g').attr('class', 'legend').attr('transform', `translate(${left},${top})`).attr('font-size', TICK_FONT_PX);
  for (const { entry, x, row } of placed) {
    const item = legend
      .append('g')
      .attr('class', 'legend-item')
      .attr('transform', `translate(${x},${row * LEGEND_ROW_PX})`);
    if (entry.line) {
      const line = item
        .append('line')
        .attr('x1', 0)
        .attr('x2', SYMBOL_PX)
        .attr('y1', 0)
        .attr('y2', 0)
        .attr('stroke', entry.line.color)
        .attr('stroke-width', 1.5);
      if (entry.line.dashed) line.attr('stroke-dasharray', '6 4');
    }
    if (entry.marker) drawMarker(item, SYMBOL_PX / 2, 0, entry.marker);
    item
      .append('text')
      .attr('x', SYMBOL_PX + 4)
      .attr('y', 0)
      .attr('dy', '0.35em')
      .text(xmlSafe(entry.text));
  }
}
