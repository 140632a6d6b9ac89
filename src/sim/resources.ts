// Shared resources of the chip as servers with a bandwidth: a transfer occupies every resource on its path for
// the longest of its legs' words / bandwidth, starting when all of them are free and the data may move. Requests
// are granted in the order the controller issues them, so arbitration is first come, first served. A prefetch
// is the one exception: it runs in the idle gaps the earlier requests left (backfill), behind every demand.
import type { SimResource } from './types.js';

/** Gaps shorter than this (rounding noise of summed fractional cycles) are not idle time. */
const EPSILON = 1e-9;

export class Resource {
  freeAt = 0;
  busy = 0;
  readonly intervals: [number, number][] = [];
  /**
   * With gap tracking (prefetch on): busy spans as a sorted flat list [start0, end0, start1, end1, ...], merged,
   * kept from the earliest time a prefetch may still start (see forget).
   */
  private readonly spans: number[] | null;

  constructor(
    readonly name: SimResource,
    readonly wordsPerCycle: number,
    private readonly record: boolean,
    trackGaps = false,
  ) {
    this.spans = trackGaps ? [] : null;
  }

  occupy(start: number, end: number): void {
    this.freeAt = Math.max(this.freeAt, end);
    this.busy += end - start;
    if (end <= start) return;
    if (this.spans) insertSpan(this.spans, start, end);
    if (!this.record) return;
    const last = this.intervals[this.intervals.length - 1];
    // Merge back-to-back intervals so long runs stay small (a backfilled one may lie before the last).
    if (last && Math.abs(start - last[1]) < EPSILON) last[1] = Math.max(last[1], end);
    else this.intervals.push([start, end]);
  }

  /** The first time at or after t when this resource is idle. */
  idleFrom(t: number): number {
    const s = this.spans!;
    const i = spanAt(s, t);
    return i >= 0 && t < s[i + 1] ? s[i + 1] : t;
  }

  /** The start of the first busy span after the idle time t (Infinity when there is none). */
  busyAfter(t: number): number {
    const s = this.spans!;
    const next = spanAt(s, t) + 2;
    return next < s.length ? s[next] : Infinity;
  }

  /** Drops the busy spans that end before `time`: no prefetch will look that far back again. */
  forget(time: number): void {
    const s = this.spans;
    if (!s) return;
    let drop = 0;
    while (drop < s.length && s[drop + 1] < time) drop += 2;
    if (drop > 0) s.splice(0, drop);
  }
}

/** The index (even) of the last span starting at or before t, or -2 when there is none. */
function spanAt(s: readonly number[], t: number): number {
  let lo = 0;
  let hi = s.length / 2 - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s[2 * mid] <= t) [found, lo] = [mid, mid + 1];
    else hi = mid - 1;
  }
  return 2 * found;
}

/** Adds [start, end) to the sorted, merged spans. */
function insertSpan(s: number[], start: number, end: number): void {
  let i = spanAt(s, start);
  // Merge with the span before when it reaches start.
  if (i >= 0 && s[i + 1] >= start - EPSILON) {
    start = s[i];
    end = Math.max(end, s[i + 1]);
  } else {
    i += 2;
  }
  // Swallow the spans that begin before the new end.
  let j = i;
  while (j < s.length && s[j] <= end + EPSILON) {
    end = Math.max(end, s[j + 1]);
    j += 2;
  }
  s.splice(i, j - i, start, end);
}

export interface Transfer {
  readonly start: number;
  readonly end: number;
  /** The resource whose bandwidth or backlog set the end time. */
  readonly limitedBy: SimResource | null;
}

/** One resource on a transfer's path and the words it carries there (a bus without multicast carries a word per receiving PE). */
export type Leg = readonly [Resource, number];

/** Moves `words` along `path` no earlier than `ready`. A transfer of nothing takes no time. */
export function transfer(path: readonly Resource[], words: number, ready: number): Transfer {
  return transferLegs(
    path.map((r) => [r, words] as const),
    ready,
  );
}

/**
 * Moves data along `legs` no earlier than `ready`: it starts when every resource that carries words is free and
 * occupies all of them until the slowest leg is done. Legs of no words are not used.
 */
export function transferLegs(legs: readonly Leg[], ready: number): Transfer {
  let start = ready;
  let backlog: Resource | null = null;
  let duration = 0;
  let slowest: Resource | null = null;
  for (const [r, words] of legs) {
    if (words <= 0) continue;
    if (r.freeAt > start) [start, backlog] = [r.freeAt, r];
    const d = words / r.wordsPerCycle;
    if (d > duration) [duration, slowest] = [d, r];
  }
  if (!slowest) return { start: ready, end: ready, limitedBy: null };
  const end = start + duration;
  const limitedBy = backlog ? backlog.name : slowest.name;
  for (const [r, words] of legs) if (words > 0) r.occupy(start, end);
  return { start, end, limitedBy };
}

/**
 * Moves data along `legs` in the idle time their resources have left from `ready` on, split over as many gaps as
 * it takes (a prefetch: lower priority than every request issued before it). The resources must track gaps.
 */
export function backfillLegs(legs: readonly Leg[], ready: number): Transfer {
  const used = legs.filter(([, words]) => words > 0);
  if (used.length === 0) return { start: ready, end: ready, limitedBy: null };
  let left = 0;
  let slowest = used[0][0];
  for (const [r, words] of used) {
    const d = words / r.wordsPerCycle;
    if (d > left) [left, slowest] = [d, r];
  }
  let t = ready;
  let start = -1;
  while (left > EPSILON) {
    // The first time from t on at which every resource is idle, and how long they all stay so.
    for (let moved = true; moved;) {
      moved = false;
      for (const [r] of used) {
        const idle = r.idleFrom(t);
        if (idle > t) [t, moved] = [idle, true];
      }
    }
    let gapEnd = Infinity;
    for (const [r] of used) gapEnd = Math.min(gapEnd, r.busyAfter(t));
    const take = Math.min(left, gapEnd - t);
    if (take <= EPSILON) {
      t = gapEnd;
      continue;
    }
    for (const [r] of used) r.occupy(t, t + take);
    if (start < 0) start = t;
    left -= take;
    t += take;
  }
  return { start: start < 0 ? t : start, end: t, limitedBy: slowest.name };
}
