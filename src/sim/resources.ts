// Shared resources of the chip as servers with a bandwidth: a transfer occupies every resource on its
// path for words / bandwidth cycles, starting when all of them are free and the data may move. Requests
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

/** Moves `words` along `path` no earlier than `ready`. A transfer of nothing takes no time. */
export function transfer(path: readonly Resource[], words: number, ready: number): Transfer {
  if (words <= 0 || path.length === 0) return { start: ready, end: ready, limitedBy: null };
  let start = ready;
  let backlog: Resource | null = null;
  for (const r of path) {
    if (r.freeAt > start) [start, backlog] = [r.freeAt, r];
  }
  let duration = 0;
  let slowest = path[0];
  for (const r of path) {
    const d = words / r.wordsPerCycle;
    if (d > duration) [duration, slowest] = [d, r];
  }
  const end = start + duration;
  const limitedBy = backlog ? backlog.name : slowest.name;
  for (const r of path) r.occupy(start, end);
  return { start, end, limitedBy };
}
