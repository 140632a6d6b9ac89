// The quantities a sweep's Pareto front trades off, all minimized, read from a row's totals. A point that has
// no value for an objective (invalid, or no area model) is on no front.
import type { ParetoObjective } from './manifest.js';
import { paretoFront } from './pareto.js';
import type { SweepRow } from './row.js';

export function objectiveValue(row: SweepRow, objective: ParetoObjective): number {
  const t = row.totals;
  if (row.status !== 'ok' || !t) return Infinity;
  switch (objective) {
    case 'energy':
      return t.energy.total;
    case 'latency':
      return t.latencyMs;
    case 'edp':
      return t.edp;
    case 'area':
      return t.area?.totalMm2 ?? Infinity;
  }
}

/** The rows on the front over `objectives`, ordered by the first objective (then the next, then point). */
export function sweepFront(rows: readonly SweepRow[], objectives: readonly ParetoObjective[]): SweepRow[] {
  const vectors = rows.map((r) => objectives.map((o) => objectiveValue(r, o)));
  const front = paretoFront(vectors);
  const byObjectives = (a: number, b: number) => {
    for (let i = 0; i < objectives.length; i++) if (vectors[a][i] !== vectors[b][i]) return vectors[a][i] - vectors[b][i];
    return rows[a].point - rows[b].point;
  };
  return front.sort(byObjectives).map((i) => rows[i]);
}
