// The mechanisms of the detailed model the paper's metric leaves out, each switched on its own: the same
// shared layers re-mapped (the same search, its counts cached per layer) on the hardware with that one change, so the
// ablation table shows which mechanism costs the metric how much agreement. Executions are tried group by
// group: a layer that cannot run any way of the first group (a codebook that cannot stay resident in the GLB)
// runs the best way of the next, and the fallbacks are counted. Switches that change only what the PEs compute
// (row-level reuse) re-count the mappings of a run instead of searching again.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { NoLegalMappingError } from '../mapping/legality.js';
import { executionView } from '../mapping/sharedExecutions.js';
import { evaluateMapping } from '../model/evaluate.js';
import type { RunSummary } from '../model/result.js';
import { summarizeRun } from '../run/analyzeNetwork.js';
import { runLayerJob, type LayerOutcome } from '../run/layerJob.js';
import type { SearchCache } from '../search/cache.js';
import { mappingView, type Layer, type Network } from '../workload/layer.js';

export const ABLATION_IDS = [
  'residencyOff',
  'residencyOn',
  'rowReuseOff',
  'lookupPsumAddFree',
  'decodePe',
  'decodeGlb',
  'decodeDense',
  'metricAssumptions',
] as const;
export type AblationId = (typeof ABLATION_IDS)[number];

export interface Ablation {
  readonly id: AblationId;
  /** What is switched, for tables. */
  readonly mechanism: string;
  /** Executions tried per shared layer, group after group (absent: every one the chip supports, as the detailed model). */
  readonly executions?: readonly (readonly SharedExecutionName[])[];
  /** weightSharing.rowReuse false. */
  readonly noRowReuse?: boolean;
  /** energy.codebookLookup and energy.psumAdd set to 0. */
  readonly freeLookupsAndPsumAdds?: boolean;
  /**
   * Instead of a new search: the mappings and executions of the detailed model ('detailed') or of an earlier
   * ablation, counted again on this ablation's hardware (a switch that changes only what the PEs compute).
   */
  readonly recountOf?: 'detailed' | AblationId;
}

export const ABLATIONS: readonly Ablation[] = [
  {
    id: 'residencyOff',
    mechanism: 'codebook residency forced off (decoded in the PEs, codebook streamed with the indices)',
    executions: [['pe-streamed']],
  },
  {
    id: 'residencyOn',
    mechanism: 'codebook residency forced on (decoded in the PEs, codebook resident in the GLB where it fits, else streamed)',
    executions: [['pe-resident'], ['pe-streamed']],
  },
  {
    id: 'rowReuseOff',
    mechanism: "row-level computation reuse off (weightSharing.rowReuse false; the detailed model's mappings, re-counted)",
    noRowReuse: true,
    recountOf: 'detailed',
  },
  { id: 'lookupPsumAddFree', mechanism: 'look-up and psum-add energy zeroed', freeLookupsAndPsumAdds: true },
  {
    id: 'decodePe',
    mechanism: 'decode point forced: pe (codebook streamed or resident, the cheaper)',
    executions: [['pe-streamed', 'pe-resident']],
  },
  {
    id: 'decodeGlb',
    mechanism: 'decode point forced: glb (where the codebook fits the GLB, else dense)',
    executions: [['glb'], ['dense']],
  },
  { id: 'decodeDense', mechanism: 'decode point forced: dense (decoded off-chip: the dense layers)', executions: [['dense']] },
  {
    id: 'metricAssumptions',
    mechanism: "the metric's assumptions: codebook resident (where it fits) and no row-level reuse (the residency-on mappings, re-counted)",
    noRowReuse: true,
    recountOf: 'residencyOn',
  },
];

/** The hardware of an ablation: `hw` with its switches applied. */
export function ablationHardware(hw: HardwareSpec, a: Ablation): HardwareSpec {
  return {
    ...hw,
    weightSharing: { ...hw.weightSharing, rowReuse: a.noRowReuse ? false : hw.weightSharing.rowReuse },
    energy: a.freeLookupsAndPsumAdds ? { ...hw.energy, codebookLookup: 0, psumAdd: 0 } : hw.energy,
  };
}

/** How one layer runs under an ablation, and whether its first execution group was impossible. */
export interface VariantOutcome {
  readonly outcome: LayerOutcome;
  readonly fallback: boolean;
}

/**
 * One layer mapped (analytical engine: its counts equal the simulator's, test by test) with the executions
 * tried group by group (absent: every one the chip supports); `cache` carries the counts of earlier searches
 * of the same views.
 */
export function runAblatedLayer(
  layer: Layer,
  hw: HardwareSpec,
  groups: readonly (readonly SharedExecutionName[])[] | undefined,
  cache: SearchCache,
): VariantOutcome {
  const tries = groups ?? [undefined];
  for (const [i, executions] of tries.entries()) {
    try {
      return {
        outcome: runLayerJob(mappingView(layer), { hw, objective: 'energy', engine: 'analytical', cache, executions }),
        fallback: i > 0,
      };
    } catch (err) {
      if (!(err instanceof NoLegalMappingError) || i === tries.length - 1) throw err;
    }
  }
  throw new Error('internal: no execution group to try');
}

/** A layer's outcome counted again on `hw`: the same view (execution) and mapping, the counts of this hardware. */
export function recountLayer(layer: Layer, hw: HardwareSpec, base: VariantOutcome): VariantOutcome {
  const view = executionView(mappingView(layer), base.outcome.execution);
  const best = evaluateMapping(view, hw, base.outcome.best.mapping);
  return { outcome: { best, ...(base.outcome.execution && { execution: base.outcome.execution }) }, fallback: base.fallback };
}

/**
 * Every ablation of one layer, in ABLATIONS order, given the detailed model's outcome; `hws[i]` is
 * ablationHardware of ABLATIONS[i]. One cache serves the detailed run and every search here.
 */
export function ablateLayer(layer: Layer, hws: readonly HardwareSpec[], detailed: LayerOutcome, cache: SearchCache): VariantOutcome[] {
  const done: VariantOutcome[] = [];
  ABLATIONS.forEach((a, i) => {
    if (a.recountOf === undefined) {
      done.push(runAblatedLayer(layer, hws[i], a.executions, cache));
      return;
    }
    const from = a.recountOf;
    const base = from === 'detailed' ? { outcome: detailed, fallback: false } : done[ABLATIONS.findIndex((b) => b.id === from)];
    if (base === undefined) throw new Error(`internal: ablation "${a.id}" re-counts "${from}", which comes later`);
    done.push(recountLayer(layer, hws[i], base));
  });
  return done;
}

/** The network's run from its layers' outcomes, in network order. */
export const summaryOf = (network: Network, hw: HardwareSpec, hardwareFile: string, outcomes: readonly LayerOutcome[]): RunSummary =>
  summarizeRun(network, hw, outcomes, { objective: 'energy', hardwareFile, engine: 'analytical' });
