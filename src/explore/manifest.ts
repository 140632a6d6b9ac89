// sweep.json: what a sweep is (the base hardware and its digest, the network, the run options, every axis
// with its values as written, the Pareto objectives) and which slice of its points this folder holds. A
// resumed run and a merge check it, so that rows of different sweeps are never mixed. Nothing in it depends
// on when or where the sweep ran: the same sweep always writes the same manifest.
import type { Objective } from '../search/objective.js';
import type { Engine } from '../run/layerJob.js';
import { valueLabel, type Axis } from './vary.js';

export const PARETO_OBJECTIVES = ['energy', 'latency', 'area', 'edp'] as const;
export type ParetoObjective = (typeof PARETO_OBJECTIVES)[number];

export interface SweepDefinition {
  readonly model: string;
  /** When the model is a file: its digest, so that rows of an edited model file are never mixed with the old. */
  readonly modelSha256?: string;
  readonly batch: number;
  readonly hardware: { readonly file: string; readonly sha256: string };
  readonly engine: Engine;
  /** What the mapping search minimizes per layer at every point. */
  readonly objective: Objective;
  readonly searchLimit: number;
  /** Where the weights shared at each cluster rate come from (only used with a compress.clusterRate axis). */
  readonly weights:
    { readonly source: 'synthetic'; readonly seed: number } | { readonly source: 'file'; readonly file: string; readonly sha256: string };
  /** Each axis: its path and its values as written (a range already expanded). */
  readonly axes: readonly { readonly path: string; readonly values: readonly string[] }[];
  /** The base hardware's energy unit, which every point shares (it cannot be varied). */
  readonly energyUnit: 'pJ' | 'MAC';
  /** Whether the base hardware has an area model (then every point reports its area). */
  readonly area: boolean;
  /** The objectives of pareto.csv and the front, all minimized. */
  readonly objectives: readonly ParetoObjective[];
}

export interface SweepManifest extends SweepDefinition {
  readonly tool: 'dkm-sim';
  readonly kind: 'sweep';
  readonly points: number;
  /** Present in a shard's folder: this folder holds points first .. end-1. */
  readonly shard?: { readonly index: number; readonly count: number; readonly first: number; readonly end: number };
}

export const axesAsWritten = (axes: readonly Axis[]): SweepDefinition['axes'] =>
  axes.map((a) => ({ path: a.path, values: a.values.map((_, i) => valueLabel(a, i)) }));

export const manifestJson = (m: SweepManifest): string => `${JSON.stringify(m, null, 2)}\n`;

/** The manifest without its shard: what every shard of one sweep has in common. */
export function definitionKey(m: SweepManifest): string {
  const { shard: _shard, ...rest } = m;
  return JSON.stringify(rest);
}
