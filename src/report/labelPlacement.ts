// Point labels that do not overlap: each label takes the first of a fixed list of spots around its point
// (near spots first, then farther ones with a leader line) that stays inside the plot and clears every marker
// (of labelled points and of the given obstacles, e.g. unlabelled points) and every label placed before it.
// Among those, spots clearly nearer their own point than any other point are preferred (a label closer to a
// neighbour reads as the neighbour's; a leader line settles it), then spots that also clear the given line
// segments. Greedy and
// deterministic: the same points always give the same picture.

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
}

export interface Segment {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

const DIRECTIONS: readonly (readonly [number, number])[] = [
  [1, 0], [-1, 0], [0, -1], [0, 1], [1, -1], [1, 1], [-1, -1], [-1, 1],
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
  const edges: [number, number][] = [[-dx, s.x0 - b.x0], [dx, b.x1 - s.x0], [-dy, s.y0 - b.y0], [dy, b.y1 - s.y0]];
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
  return { x, y, anchor, box, leader: ring > RINGS[0] };
}

// A label reads as its point's when every other point is clearly farther from it: half as far again, and more.
const OWN_MARGIN = 1.5;
const OWN_SLACK_PX = 4;

const distance = (p: { x: number; y: number }, b: Box): number =>
  Math.hypot(Math.max(b.x0 - p.x, 0, p.x - b.x1), Math.max(b.y0 - p.y, 0, p.y - b.y1));

/**
 * One label per request, in request order. `markerRadius` keeps labels off every point's marker; `obstacles`
 * are further boxes no label may cover; `others` are further points (e.g. unlabelled ones) a label should not
 * sit nearer to than to its own.
 */
export function placeLabels(
  requests: readonly LabelRequest[], bounds: Box, fontPx: number, markerRadius: number, avoid: readonly Segment[] = [],
  obstacles: readonly Box[] = [], others: readonly { x: number; y: number }[] = [],
): PlacedLabel[] {
  const taken: Box[] = requests.map((r) => ({
    x0: r.x - markerRadius, y0: r.y - markerRadius, x1: r.x + markerRadius, y1: r.y + markerRadius,
  }));
  taken.push(...obstacles);
  const points = [...requests, ...others];
  return requests.map((req) => {
    const spots = RINGS.flatMap((ring) => DIRECTIONS.map((d) => candidate(req, fontPx, d, ring)));
    const free = spots.filter((s) => inside(s.box, bounds) && !taken.some((t) => overlaps(s.box, t)));
    const own = (s: PlacedLabel) => s.leader || points.every((p) => p === req || distance(p, s.box) > OWN_MARGIN * distance(req, s.box) + OWN_SLACK_PX);
    const clear = (s: PlacedLabel) => !avoid.some((seg) => crosses(seg, s.box));
    const chosen = free.find((s) => own(s) && clear(s)) ?? free.find(own) ?? free.find(clear) ?? free[0] ?? spots[0];
    taken.push(chosen.box);
    return chosen;
  });
}
