// Shared resources of the chip as servers with a bandwidth: a transfer occupies every resource on its
// path for the longest of its legs' words / bandwidth, starting when all of them are free and the data may move. Requests
// are granted in the order the controller issues them, so arbitration is first come, first served.
import type { SimResource } from './types.js';

export class Resource {
  freeAt = 0;
  busy = 0;
  readonly intervals: [number, number][] = [];

  constructor(readonly name: SimResource, readonly wordsPerCycle: number, private readonly record: boolean) {}

  occupy(start: number, end: number): void {
    this.freeAt = Math.max(this.freeAt, end);
    this.busy += end - start;
    if (!this.record || end <= start) return;
    const last = this.intervals[this.intervals.length - 1];
    // Merge back-to-back intervals so long runs stay small.
    if (last && start - last[1] < 1e-9) last[1] = end;
    else this.intervals.push([start, end]);
  }
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
  return transferLegs(path.map((r) => [r, words] as const), ready);
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
