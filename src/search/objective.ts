// What "best mapping" means: lexicographic keys, so ties break the same way on every run.
import type { Evaluation } from '../model/evaluate.js';

export const OBJECTIVES = ['energy', 'latency', 'edp'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export function objectiveKey(ev: Evaluation, objective: Objective): [number, number] {
  const energy = ev.energy.total;
  const cycles = ev.cycles.cycles;
  if (objective === 'latency') return [cycles, energy];
  if (objective === 'edp') return [energy * cycles, energy];
  return [energy, cycles];
}

export function isBetter(a: [number, number], b: [number, number] | null): boolean {
  if (b === null) return true;
  // Relative tolerance so that float noise in energy sums never decides between equal mappings.
  const eps = 1e-12 * Math.max(Math.abs(a[0]), Math.abs(b[0]));
  if (a[0] < b[0] - eps) return true;
  if (a[0] > b[0] + eps) return false;
  return a[1] < b[1] - 1e-12 * Math.max(Math.abs(a[1]), Math.abs(b[1]));
}
