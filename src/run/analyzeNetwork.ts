// The run of a whole network: best mapping per layer (analytical counts, energy and cycle estimate), with
// the cycle engine also a simulation of each mapped layer, then plain result records. Layers with
// identical shapes (ResNet repeats many) are searched and simulated once.
import type { HardwareSpec, SharedExecutionName } from '../hw/spec.js';
import { hardwareArea } from '../hw/area.js';
import type { Objective } from '../search/objective.js';
import type { SearchCache } from '../search/cache.js';
import { describeMapping } from '../mapping/rsMapping.js';
import { accessTotals, energyOf } from '../model/energy.js';
import { ENERGY_PARTS, type EnergyBreakdown, type LayerResult, type PerDataType, type RunSummary } from '../model/result.js';
import { mappingView, type Layer, type Network } from '../workload/layer.js';
import { LAYER_TASK, layerJobCost, runLayerJob, type Engine, type LayerOutcome } from './layerJob.js';
import { runJobs } from './pool.js';
import { checkResultRange } from './resultRange.js';
import type { RsMapping } from '../mapping/rsMapping.js';

export interface RunOptions {
  readonly objective: Objective;
  readonly hardwareFile: string;
  /** Pass tiles completed per layer (0 = exhaustive); see searchMapping. */
  readonly searchLimit?: number;
  /** Shared layers: the ways to run them the search may choose from (default: all the chip supports). */
  readonly executions?: readonly SharedExecutionName[];
  /** Counts shared across inline runs in this thread (see SearchCache); never sent to workers. */
  readonly cache?: SearchCache;
  /** 'cycle' adds a cycle-level simulation of every mapped layer (default 'analytical'). */
  readonly engine?: Engine;
  /** Record resource busy intervals (only sensible for a one-layer run). */
  readonly timeline?: boolean;
  /** Use this mapping (for a one-layer run) instead of searching. */
  readonly mapping?: RsMapping;
  /** Called after each distinct layer shape is searched, for progress display. */
  readonly onLayer?: (done: number, total: number, layer: Layer) => void;
  /** Receives every distinct layer's outcome (e.g. a simulation timeline), in network order. */
  readonly onOutcome?: (layer: Layer, outcome: LayerOutcome) => void;
  /** Worker threads of analyzeNetworkParallel (default: one per core). */
  readonly threads?: number;
  /** Mappings simulated per layer to choose by simulated cycles (cycle engine, latency or edp objective). */
  readonly refine?: number;
  /** Collect every layer's evaluated mappings (LayerOutcome.tradeoff; for a one-layer run). */
  readonly tradeoff?: boolean;
}

export function layerShapeKey(l: Layer): string {
  // Shared layers of the same shape differ in their indices, so each is its own job.
  const sharing = l.sharing ? `shared ${l.name}` : '';
  return [l.kind, l.N, l.M, l.C, l.H, l.W, l.R, l.S, l.stride, l.padding, l.groups, sharing].join(',');
}

export function describeShape(l: Layer): string {
  const groups = l.groups > 1 ? ` g${l.groups}` : '';
  return `N${l.N} M${l.M} C${l.C} ${l.H}x${l.W} R${l.R}xS${l.S} /${l.stride} pad${l.padding}${groups} -> ${l.E}x${l.F}`;
}

export function layerResult(layer: Layer, hw: HardwareSpec, { best: ev, sim, execution, refinement }: LayerOutcome): LayerResult {
  const peCount = hw.peArray.rows * hw.peArray.cols;
  // With a simulation, counts and cycles are the simulator's own (tests hold its counts equal to the model's).
  const counts = sim ? sim.counts : ev.counts;
  const cycles = sim ? sim.stats.cycles : ev.cycles.cycles;
  return {
    name: layer.name,
    kind: layer.kind,
    shape: describeShape(layer),
    macs: counts.macs,
    mapping: describeMapping(ev.mapping),
    activePEs: ev.activePEs,
    utilization: counts.macs / (cycles * peCount),
    cycles,
    cycleBound: ev.cycles.bound,
    cycleDetail: ev.cycles,
    energy: sim ? energyOf(sim.counts, hw.energy) : ev.energy,
    accesses: accessTotals(counts),
    accessDetail: counts,
    ...(execution && { execution }),
    ...(sim && {
      simulation: {
        cycles: sim.stats.cycles,
        utilization: sim.stats.utilization,
        passes: sim.stats.passes,
        stallCycles: sim.stats.stallCycles,
        busyCycles: sim.stats.busyCycles,
        analyticalCycles: ev.cycles.cycles,
        ...(refinement && { refinement }),
      },
    }),
  };
}

const sumPerType = (items: PerDataType[]): PerDataType => ({
  ifmap: items.reduce((a, v) => a + v.ifmap, 0),
  filter: items.reduce((a, v) => a + v.filter, 0),
  psum: items.reduce((a, v) => a + v.psum, 0),
});

/** Unique layer shapes of the network, in first-seen order, and each layer's index into them. */
function uniqueShapes(network: Network): { unique: Layer[]; index: number[] } {
  const byKey = new Map<string, number>();
  const unique: Layer[] = [];
  const index = network.layers.map((layer) => {
    const key = layerShapeKey(layer);
    let i = byKey.get(key);
    if (i === undefined) {
      i = unique.push(layer) - 1;
      byKey.set(key, i);
    }
    return i;
  });
  return { unique, index };
}

/** Searches every distinct layer shape once, inline. FC layers are mapped as 1x1 convs (mappingView). */
export function analyzeNetwork(network: Network, hw: HardwareSpec, options: RunOptions): RunSummary {
  const { unique, index } = uniqueShapes(network);
  const outcomes = unique.map((layer) => runLayerJob(mappingView(layer), jobOptions(hw, options)));
  unique.forEach((layer, i) => options.onOutcome?.(layer, outcomes[i]));
  return summarizeRun(
    network,
    hw,
    index.map((i) => outcomes[i]),
    options,
  );
}

const jobOptions = (hw: HardwareSpec, o: RunOptions) => ({
  hw,
  objective: o.objective,
  searchLimit: o.searchLimit,
  cache: o.cache,
  executions: o.executions,
  engine: o.engine ?? 'analytical',
  timeline: o.timeline,
  mapping: o.mapping,
  refine: o.refine,
  tradeoff: o.tradeoff,
});

/** The same run with the distinct layer shapes searched on worker threads. */
export async function analyzeNetworkParallel(network: Network, hw: HardwareSpec, options: RunOptions): Promise<RunSummary> {
  const { unique, index } = uniqueShapes(network);
  // A SearchCache stays in its thread: workers search without one.
  const jobs = unique.map((layer) => ({ layer: mappingView(layer), options: { ...jobOptions(hw, options), cache: undefined } }));
  const outcomes = await runJobs(LAYER_TASK, jobs, {
    threads: options.threads,
    cost: layerJobCost,
    onDone: ({ index, done }) => options.onLayer?.(done, unique.length, jobs[index].layer),
  });
  unique.forEach((layer, i) => options.onOutcome?.(layer, outcomes[i]));
  return summarizeRun(
    network,
    hw,
    index.map((i) => outcomes[i]),
    options,
  );
}

export function summarizeRun(network: Network, hw: HardwareSpec, outcomes: readonly LayerOutcome[], options: RunOptions): RunSummary {
  const layers = network.layers.map((layer, i) => layerResult(layer, hw, outcomes[i]));
  const energy = Object.fromEntries(
    [...ENERGY_PARTS, 'total'].map((p) => [p, layers.reduce((a, l) => a + l.energy[p as keyof EnergyBreakdown], 0)]),
  ) as EnergyBreakdown;
  const cycles = layers.reduce((a, l) => a + l.cycles, 0);
  const level = (name: 'dram' | 'glb' | 'noc' | 'rf') => sumPerType(layers.map((l) => l.accesses[name]));
  const area = hardwareArea(hw);
  const summary: RunSummary = {
    tool: 'dkm-sim',
    model: network.name,
    batch: network.layers[0]?.N ?? 1,
    engine: options.engine ?? 'analytical',
    objective: options.objective,
    hardware: {
      name: hw.name,
      file: options.hardwareFile,
      clockMHz: hw.clockMHz,
      peCount: hw.peArray.rows * hw.peArray.cols,
      ...(area === undefined ? {} : { area }),
    },
    energyUnit: hw.energy.unit,
    layers,
    totals: {
      macs: layers.reduce((a, l) => a + l.macs, 0),
      cycles,
      latencyMs: cycles / (hw.clockMHz * 1e3),
      energy,
      accesses: { dram: level('dram'), glb: level('glb'), noc: level('noc'), rf: level('rf') },
    },
  };
  checkResultRange(summary, hw, options.hardwareFile);
  return summary;
}
