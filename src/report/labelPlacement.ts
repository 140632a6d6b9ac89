// Point labels that do not overlap: each label takes a spot from a fixed list around its point (near spots
// first, then farther ones with a leader line) that stays inside the plot and clears every labelled point's
// marker, the given obstacles and every label placed before it. Among those it takes the first with the least
// penalty: covering an unlabelled point's marker (in a dense cloud that beats leaving the label out), sitting
// nearer another point than its own (it would read as the neighbour's; a leader line settles it), crossing a
// given line, in that order of weight. Greedy and deterministic: the same points always give the same picture.

export interface Box {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface LabelRequest {
  /** The point, in pixels. */
  readonly x: number;
  readonly y: number;
  readonly text: string;
  /** Estimated rendered width of the text, in pixels. */
  readonly width: number;
}

export interface PlacedLabel {
  /** Text anchor position (baseline) and anchor. */
  readonly x: number;
  readonly y: number;
  readonly anchor: 'start' | 'middle' | 'end';
  readonly box: Box;
  /** True when the label sits away from its point and needs a line to it. */
  readonly leader: boolean;
  /** False when no spot was free: the label would overlap something or leave the plot (best left out). */
  readonly fits: boolean;
}

export interface Segment {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0],
  [-1, 0],
  [0, -1],
  [0, 1],
  [1, -1],
  [1, 1],
  [-1, -1],
  [-1, 1],
];
const RINGS = [7, 16, 28, 42, 58];

const overlaps = (a: Box, b: Box): boolean => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
const inside = (a: Box, b: Box): boolean => a.x0 >= b.x0 && a.x1 <= b.x1 && a.y0 >= b.y0 && a.y1 <= b.y1;

/** Whether a segment crosses a box (clipped parametrically, Liang-Barsky). */
function crosses(s: Segment, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = s.x1 - s.x0;
  const dy = s.y1 - s.y0;
  const edges: [number, number][] = [
    [-dx, s.x0 - b.x0],
    [dx, b.x1 - s.x0],
    [-dy, s.y0 - b.y0],
    [dy, b.y1 - s.y0],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

function candidate(req: LabelRequest, fontPx: number, [dx, dy]: readonly [number, number], ring: number): PlacedLabel {
  const anchor = dx > 0 ? 'start' : dx < 0 ? 'end' : 'middle';
  const x = req.x + dx * ring;
  // The baseline sits below the text's middle by about a third of the font size.
  const middle = req.y + dy * (ring + (dy === 0 ? 0 : fontPx / 2));
  const y = middle + fontPx * 0.35;
  const left = anchor === 'start' ? x : anchor === 'end' ? x - req.width : x - req.width / 2;
  const box = { x0: left - 1, y0: middle - fontPx / 2 - 1, x1: left + req.width + 1, y1: middle + fontPx / 2 + 1 };
  return { x, y, anchor, box, leader: ring > RINGS[0], fits: true };
}

// A label reads as its point's when every other point is clearly farther from it: half as far again, and more.
const OWN_MARGIN = 1.5;
const OWN_SLACK_PX = 4;

const distance = (p: { x: number; y: number }, b: Box): number =>
  Math.hypot(Math.max(b.x0 - p.x, 0, p.x - b.x1), Math.max(b.y0 - p.y, 0, p.y - b.y1));

export interface Surroundings {
  /** Lines a label should not cross (e.g. a fit or a front). */
  readonly avoid?: readonly Segment[];
  /** Boxes no label may cover. */
  readonly obstacles?: readonly Box[];
  /** Points without a label: a label should not cover their markers nor sit nearer to them than to its own. */
  readonly others?: readonly { readonly x: number; readonly y: number }[];
}

const PENALTY = { coversPoint: 4, nearerAnother: 2, crossesLine: 1 };

/** One label per request, in request order; `markerRadius` is the half-size of every point's marker box. */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: Box,
  fontPx: number,
  markerRadius: number,
  around: Surroundings = {},
): PlacedLabel[] {
  const box = (p: { x: number; y: number }): Box => ({
    x0: p.x - markerRadius,
    y0: p.y - markerRadius,
    x1: p.x + markerRadius,
    y1: p.y + markerRadius,
  });
  const taken: Box[] = [...requests.map(box), ...(around.obstacles ?? [])];
  const others = around.others ?? [];
  const otherMarkers = others.map(box);
  const points = [...requests, ...others];
  return requests.map((req) => {
    const penalty = (s: PlacedLabel): number =>
      (otherMarkers.some((m) => overlaps(s.box, m)) ? PENALTY.coversPoint : 0) +
      (!s.leader && points.some((p) => p !== req && distance(p, s.box) <= OWN_MARGIN * distance(req, s.box) + OWN_SLACK_PX)
        ? PENALTY.nearerAnother
        : 0) +
      ((around.avoid ?? []).some((seg) => crosses(seg, s.box)) ? PENALTY.crossesLine : 0);
    const spots = RINGS.flatMap((ring) => DIRECTIONS.map((d) => candidate(req, fontPx, d, ring)));
    let chosen: PlacedLabel | undefined;
    let least = Infinity;
    for (const s of spots) {
      if (!inside(s.box, bounds) || taken.some((t) => overlaps(s.box, t))) continue;
      const p = penalty(s);
      if (p < least) [chosen, least] = [s, p];
      if (p === 0) break;
    }
    if (!chosen) return { ...spots[0], fits: false };
    taken.push(chosen.box);
    return chosen;
  });
}
