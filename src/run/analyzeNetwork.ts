// The analytical run of a whole network: best mapping per layer, then plain result records.
// Layers with identical shapes (ResNet repeats many) are searched once.
import type { HardwareSpec } from '../hw/spec.js';
import type { Objective } from '../mapping/objective.js';
import { describeMapping } from '../mapping/rsMapping.js';
import { searchMapping } from '../mapping/search.js';
import { accessTotals } from '../model/energy.js';
import type { Evaluation } from '../model/evaluate.js';
import { ENERGY_PARTS, type EnergyBreakdown, type LayerResult, type PerDataType, type RunSummary } from '../model/result.js';
import { mappingView, type Layer, type Network } from '../workload/layer.js';
import { workerSearcher } from './parallelSearch.js';

export interface RunOptions {
  readonly objective: Objective;
  readonly hardwareFile: string;
  /** Pass tiles completed per layer (0 = exhaustive); see searchMapping. */
  readonly searchLimit?: number;
  /** Called after each distinct layer shape is searched, for progress display. */
  readonly onLayer?: (done: number, total: number, layer: Layer) => void;
}

export function layerShapeKey(l: Layer): string {
  return [l.kind, l.N, l.M, l.C, l.H, l.W, l.R, l.S, l.stride, l.padding, l.groups].join(',');
}

export function describeShape(l: Layer): string {
  const groups = l.groups > 1 ? ` g${l.groups}` : '';
  return `N${l.N} M${l.M} C${l.C} ${l.H}x${l.W} R${l.R}xS${l.S} /${l.stride} pad${l.padding}${groups} -> ${l.E}x${l.F}`;
}

export function layerResult(layer: Layer, hw: HardwareSpec, ev: Evaluation): LayerResult {
  const peCount = hw.peArray.rows * hw.peArray.cols;
  return {
    name: layer.name,
    kind: layer.kind,
    shape: describeShape(layer),
    macs: ev.counts.macs,
    mapping: describeMapping(ev.mapping),
    activePEs: ev.activePEs,
    utilization: ev.counts.macs / (ev.cycles.cycles * peCount),
    cycles: ev.cycles.cycles,
    cycleBound: ev.cycles.bound,
    cycleDetail: ev.cycles,
    energy: ev.energy,
    accesses: accessTotals(ev.counts),
    accessDetail: ev.counts,
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
  const best = unique.map((layer) => searchMapping(mappingView(layer), hw, options.objective, options.searchLimit).best);
  return summarizeRun(network, hw, index.map((i) => best[i]), options);
}

/** The same run with the distinct layer shapes searched on worker threads. */
export async function analyzeNetworkParallel(network: Network, hw: HardwareSpec, options: RunOptions): Promise<RunSummary> {
  const { unique, index } = uniqueShapes(network);
  let done = 0;
  const search = workerSearcher(hw, options.objective, options.searchLimit);
  const best = await search(unique.map(mappingView), (layer) => options.onLayer?.(++done, unique.length, layer));
  return summarizeRun(network, hw, index.map((i) => best[i]), options);
}

export function summarizeRun(network: Network, hw: HardwareSpec, evaluations: readonly Evaluation[], options: RunOptions): RunSummary {
  const layers = network.layers.map((layer, i) => layerResult(layer, hw, evaluations[i]));
  const energy = Object.fromEntries(
    [...ENERGY_PARTS, 'total'].map((p) => [p, layers.reduce((a, l) => a + l.energy[p as keyof EnergyBreakdown], 0)]),
  ) as EnergyBreakdown;
  const cycles = layers.reduce((a, l) => a + l.cycles, 0);
  const level = (name: 'dram' | 'glb' | 'noc' | 'rf') => sumPerType(layers.map((l) => l.accesses[name]));
  return {
    tool: 'dkm-sim',
    model: network.name,
    batch: network.layers[0]?.N ?? 1,
    engine: 'analytical',
    objective: options.objective,
    hardware: { name: hw.name, file: options.hardwareFile, clockMHz: hw.clockMHz, peCount: hw.peArray.rows * hw.peArray.cols },
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
}
