// What a --compress run's reports compare beyond the whole-run totals: the conv layers alone (the layers
// sharing can change; the FC layers' DRAM traffic, never shared, otherwise swamps the effect) and each layer's
// own change. One place, so that energy-compare.svg and the terminal table show the same numbers.
import { ENERGY_PARTS, type EnergyBreakdown, type LayerResult, type RunSummary } from '../model/result.js';
import { relativeChange, type CompressedRun } from './compressedRun.js';

/** The energy of the run's conv layers by level, and their total. */
export function convEnergy(s: RunSummary): EnergyBreakdown {
  const convs = s.layers.filter((l) => l.kind === 'conv');
  const sum = (f: (l: LayerResult) => number) => convs.reduce((a, l) => a + f(l), 0);
  const parts = Object.fromEntries(ENERGY_PARTS.map((p) => [p, sum((l) => l.energy[p])])) as Record<(typeof ENERGY_PARTS)[number], number>;
  return { ...parts, total: sum((l) => l.energy.total) };
}

export interface LayerChange {
  readonly name: string;
  readonly kind: LayerResult['kind'];
  /** Whether the plan shared the layer (K < rows); how the search ran it, when shared. */
  readonly shared: boolean;
  readonly execution?: LayerResult['execution'];
  readonly before: number;
  readonly after: number;
  /** (after - before) / before; undefined without energy before. */
  readonly change: number | undefined;
}

/** Every layer of the run in network order, its total energy uncompressed and shared. */
export function layerChanges(base: RunSummary, run: CompressedRun): LayerChange[] {
  const shared = new Set(run.sharing.sharedLayers.map((l) => l.name));
  const after = new Map(run.summary.layers.map((l) => [l.name, l]));
  return base.layers.map((l) => {
    const s = after.get(l.name);
    if (!s) throw new Error(`the shared run has no layer "${l.name}" (its layers: ${[...after.keys()].join(', ')})`);
    return {
      name: l.name,
      kind: l.kind,
      shared: shared.has(l.name),
      ...(s.execution && { execution: s.execution }),
      before: l.energy.total,
      after: s.energy.total,
      change: relativeChange(l.energy.total, s.energy.total),
    };
  });
}
