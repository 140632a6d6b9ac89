// The points of a sweep: the cross product of its axes in a fixed order (the last axis changes fastest), so
// a point's index alone names it in every file, shard and resumed run.
import { valueLabel, type Axis } from './vary.js';

/** The most points one sweep may have. */
export const MAX_POINTS = 1_000_000;

export interface DesignPoint {
  readonly index: number;
  /** Per axis, the index of the value this point takes. */
  readonly choice: readonly number[];
}

export function pointCount(axes: readonly Axis[]): number {
  return axes.reduce((n, a) => n * a.values.length, 1);
}

export function pointAt(axes: readonly Axis[], index: number): DesignPoint {
  const choice = new Array<number>(axes.length);
  let rest = index;
  for (let i = axes.length - 1; i >= 0; i--) {
    choice[i] = rest % axes[i].values.length;
    rest = Math.floor(rest / axes[i].values.length);
  }
  return { index, choice };
}

/** The points of shard `shard` of `count` (0-based): a contiguous slice, so neighbouring points share work. */
export function shardRange(total: number, shard: number, count: number): { first: number; end: number } {
  return { first: Math.floor((shard * total) / count), end: Math.floor(((shard + 1) * total) / count) };
}

/** Axis path -> the value as written, for tables and labels. */
export function pointLabels(axes: readonly Axis[], p: DesignPoint): Record<string, string> {
  return Object.fromEntries(axes.map((a, i) => [a.path, valueLabel(a, p.choice[i])]));
}
