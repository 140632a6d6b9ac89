// What "best mapping" means: lexicographic keys, so ties break the same way on every run.
import type { Evaluation } from '../model/evaluate.js';

export const OBJECTIVES = ['energy', 'latency', 'edp'] as const;
export type Objective = (typeof OBJECTIVES)[number];

export function objectiveKey(ev: Evaluation, objective: Objective): [number, number] {
  return objectiveKeyOf(ev.energy.total, ev.cycles.cycles, objective);
}

export function objectiveKeyOf(energy: number, cycles: number, objective: Objective): [number, number] {
  return [primaryKey(energy, cycles, objective), secondaryKey(energy, cycles, objective)];
}

/** What is minimized first: cycles for latency, energy x cycles for edp, otherwise energy. */
export function primaryKey(energy: number, cycles: number, objective: Objective): number {
  if (objective === 'latency') return cycles;
  if (objective === 'edp') return energy * cycles;
  return energy;
}

/** What breaks ties of the primary key: energy, or cycles for the energy objective. */
export const secondaryKey = (energy: number, cycles: number, objective: Objective): number => (objective === 'energy' ? cycles : energy);

export function isBetter(a: [number, number], b: [number, number] | null): boolean {
  return b === null || isBetterKey(a[0], a[1], b[0], b[1]);
}

/** Whether key (a0, a1) beats key (b0, b1). */
export function isBetterKey(a0: number, a1: number, b0: number, b1: number): boolean {
  // Relative tolerance so that float noise in energy sums never decides between equal mappings.
  const eps = 1e-12 * Math.max(Math.abs(a0), Math.abs(b0));
  if (a0 < b0 - eps) return true;
  if (a0 > b0 + eps) return false;
  return a1 < b1 - 1e-12 * Math.max(Math.abs(a1), Math.abs(b1));
}
