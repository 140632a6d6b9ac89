// How a scatter point's marker looks, in one place, so that the points of a chart and its legend match: a
// filled circle, light when faint (e.g. a dominated design point), ringed when it belongs to a second set
// (e.g. the front over every objective, shown on a plot of two of them).
import type * as d3 from 'd3';

export const MARKER_R = 4;
export const POINT_COLOR = '#0072B2';
export const FAINT_OPACITY = 0.3;

export interface MarkerStyle {
  readonly faint?: boolean;
  readonly ring?: boolean;
  /** Fill colour; default POINT_COLOR. */
  readonly color?: string;
}

export function drawMarker(g: d3.Selection<SVGGElement, unknown, null, undefined>, x: number, y: number, s: MarkerStyle) {
  const color = s.color ?? POINT_COLOR;
  const marker = g.append('circle').attr('cx', x).attr('cy', y).attr('r', MARKER_R).attr('fill', color);
  if (s.faint) marker.attr('fill-opacity', FAINT_OPACITY);
  // A ring in the point's own colour: a faint ringed point reads as "outlined", between strong and faint.
  if (s.ring) marker.attr('stroke', color).attr('stroke-width', 1.5);
  return marker;
}
