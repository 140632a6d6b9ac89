// The cycle-level run of one mapped layer. The controller walks the mapping's loop nest (loopNest.ts);
// at the loop iterations where a data type's tile changes it moves that tile between DRAM, the GLB and
// the PEs; every pass is placed on the array (passPlan.ts) and its words are counted where they move:
// per PE for deliveries, MACs and spad accesses, per distinct word for buffer reads. Time advances from
// transfer to transfer: each occupies the resources on its path (resources.ts) for words / bandwidth
// cycles, a pass computes for as many cycles as its busiest PE has MACs (and psum additions), and the
// array waits (a stall, charged to the resource that held it back) when its data is late. A shared layer
// (layer.sharing) moves indices and PE codebooks instead of weights (filterSupply.ts), and its PEs reuse
// 1-D convolutions (peRows.ts). What the hardware file lets load ahead (prefetch.ts) moves early, in the idle
// gaps of the resources on its path. No code of the analytical model is used: the two are held equal by tests.
import type { DataType, HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { activeLoops, dimCuts, loadDepth, walkNest } from './loopNest.js';
import { accessCounts, addFilter, newCounters } from './counters.js';
import { GlobalBuffer } from './globalBuffer.js';
import { passWork, type PassWork } from './peArray.js';
import { planPass } from './passPlan.js';
import { FilterSupply, type FilterFetch } from './filterSupply.js';
import { Resource, transfer, transferLegs, type Leg, type Transfer } from './resources.js';
import { FilterPrefetch, glbPrefetch, wholeLayer } from './prefetch.js';
import {
  SIM_RESOURCES,
  type PassPlan,
  type PassRanges,
  type SimResource,
  type SimResult,
  type StallCause,
  type Timeline,
} from './types.js';

export interface PassSink {
  runPass(plan: PassPlan): void;
}

export interface SimOptions {
  /** Record per-resource busy intervals (for timeline.svg). */
  readonly timeline?: boolean;
  /** Receives every pass in execution order (the functional data path). */
  readonly datapath?: PassSink;
}

/** Distinct real input indices read along one axis by outputs `outs`, found by marking them. */
function realInputs(outs: Iterable<number>, stride: number, kernel: number, pad: number, size: number): number {
  const seen = new Uint8Array(size);
  let count = 0;
  for (const o of outs) {
    for (let k = 0; k < kernel; k++) {
      const x = o * stride + k - pad;
      if (x >= 0 && x < size && !seen[x]) {
        seen[x] = 1;
        count++;
      }
    }
  }
  return count;
}

function* range(start: number, count: number): Generator<number> {
  for (let i = start; i < start + count; i++) yield i;
}

const spanKey = (r: PassRanges, dims: readonly (keyof PassRanges)[]) => dims.map((d) => `${r[d].start}:${r[d].count}`).join('|');

export function simulateLayer(layer: Layer, hw: HardwareSpec, m: RsMapping, options: SimOptions = {}): SimResult {
  const loops = activeLoops(dimCuts(layer, m), m);
  const kept = (t: DataType) => !hw.glb.bypass.includes(t);
  const glbDepth = {
    ifmap: kept('ifmap') ? loadDepth(loops, 'ifmap', 'glb') : null,
    filter: kept('filter') ? loadDepth(loops, 'filter', 'glb') : null,
    psum: kept('psum') ? loadDepth(loops, 'psum', 'glb') : null,
  };
  const filterDepth = loadDepth(loops, 'filter', 'array');
  const record = options.timeline === true;
  const realCols = realInputs(range(0, layer.F), layer.stride, layer.S, layer.padding, layer.W);
  const rowsOf = (r: PassRanges) => realInputs(range(r.E.start, r.E.count), layer.stride, layer.R, layer.padding, layer.H);
  const filters = new FilterSupply(layer, hw, m);
  const tileWords = {
    ifmap: (r: PassRanges) => r.G.count * r.N.count * r.C.count * rowsOf(r) * realCols,
    filter: (r: PassRanges) => filters.glbTile(r).held,
    psum: (r: PassRanges) => r.G.count * r.N.count * r.M.count * r.E.count * layer.F,
  };
  const glbAhead = glbPrefetch(layer, hw, m, glbDepth, tileWords, filters.residentWords);
  // Prefetches run in the idle gaps of the resources on their paths: those keep their busy spans.
  const gaps = glbAhead !== null || hw.prefetch.filterSpad;
  const res: { [R in SimResource]: Resource } = {
    dram: new Resource('dram', hw.dram.wordsPerCycle, record, gaps),
    glb: new Resource('glb', hw.glb.banks * hw.glb.wordsPerCyclePerBank, record, gaps),
    ifmapBus: new Resource('ifmapBus', hw.noc.wordsPerCycle.ifmap, record),
    filterBus: new Resource('filterBus', hw.noc.wordsPerCycle.filter, record, gaps),
    psumBus: new Resource('psumBus', hw.noc.wordsPerCycle.psum, record),
    array: new Resource('array', 1, record),
  };
  const source = (t: DataType) => (kept(t) ? res.glb : res.dram);
  const counts = newCounters();
  const glb = new GlobalBuffer(layer, hw, res, counts, glbAhead);
  const filtersAhead = hw.prefetch.filterSpad ? new FilterPrefetch(hw, filters, countFetches(layer, m, filterDepth)) : null;
  const stalls: { [C in StallCause]: number } = { dram: 0, glb: 0, noc: 0, psumDrain: 0 };
  const psumKey = (r: PassRanges) => spanKey(r, ['G', 'N', 'M', 'E']);
  // A shared layer's codebook kept whole in the GLB arrives once, before any tile.
  if (filters.residentWords > 0) glb.loadResident('filter', filters.residentWords);

  // Tiles move at the top of their load loop; psums go back to DRAM at its end.
  let filterFetchPending = false;
  const enter = (depth: number, r: PassRanges) => {
    if (depth === glbDepth.ifmap) glb.load('ifmap', { words: tileWords.ifmap(r), indexRows: 0 });
    if (depth === glbDepth.filter) {
      const tile = filters.glbTile(r);
      glb.load('filter', tile.fill, tile.held);
    }
    if (depth === glbDepth.psum) glb.holdPsums(psumKey(r), tileWords.psum(r));
    // The PEs of the next pass fetch their rows (the loops inside this one leave them in the spads).
    if (depth === filterDepth) filterFetchPending = true;
  };
  const leave = (depth: number, r: PassRanges) => {
    if (depth === glbDepth.psum) glb.writeBackPsums(psumKey(r), tileWords.psum(r));
  };

  const arrayWaits: [number, number][] = [];
  const producedOutputs = new Set<string>();
  let passes = 0;
  // Without a data path and without shared rows, what a pass's PEs do and receive depends only on the tile
  // sizes and on where its ofmap rows lie (padding): passes that agree on those share one placement.
  const placements = !options.datapath && !filters.table ? new Map<string, Placement>() : null;
  const place = (r: PassRanges, accumulates: boolean): Placement => {
    const shape = placements && `${r.G.count},${r.N.count},${r.M.count},${r.C.count},${r.E.start},${r.E.count}`;
    const known = shape ? placements.get(shape) : undefined;
    if (known) return known;
    const plan = planPass(layer, hw, m, r, passes, accumulates);
    options.datapath?.runPass(plan);
    const placed: Placement = { plan, work: passWork(layer, hw, plan, realCols, filters.table), fetch: null };
    if (shape) placements.set(shape, placed);
    return placed;
  };
  const pass = (r: PassRanges) => {
    const key = psumKey(r);
    const accumulates = producedOutputs.has(key);
    producedOutputs.add(key);
    const placed = place(r, accumulates);
    passes++;
    const { plan, work } = placed;
    const outputs = tileWords.psum(r);
    const psumIn = accumulates ? outputs : 0;
    const ifmapWords = tileWords.ifmap(r);
    if (gaps) forgetBefore(Math.min(glb.earliestWindow(), filtersAhead?.earliestWindow() ?? Infinity), res);
    const fetched = filterFetchPending ? (placed.fetch ??= filters.fetch(plan)) : NO_FETCH;
    filterFetchPending = false;
    addFilter(counts, (c) => (kept('filter') ? c.glb.reads : c.dram.reads), fetched.source);
    counts.glb.reads.filter += fetched.fromResident;
    addFilter(counts, (c) => c.noc, fetched.delivered);
    addFilter(counts, (c) => c.rf.writes, fetched.delivered);
    (kept('ifmap') ? counts.glb.reads : counts.dram.reads).ifmap += ifmapWords;
    counts.noc.ifmap += work.ifmapDeliveries;
    counts.rf.writes.ifmap += work.ifmapDeliveries;
    const psumLevel = kept('psum') ? counts.glb : counts.dram;
    psumLevel.reads.psum += psumIn;
    psumLevel.writes.psum += outputs;
    counts.noc.psum += work.psumHops + outputs + psumIn;
    counts.macs += work.macs;
    counts.rf.reads.ifmap += work.macs;
    counts.rf.reads.filter += work.filterSpadReads;
    counts.rf.reads.psum += work.psumSpadReads;
    counts.rf.writes.psum += work.psumSpadWrites + (accumulates ? work.psumResumeWrites : 0);
    counts.codebookLookups += work.codebookLookups;
    counts.psumAdds += work.psumAdds;

    // Timing: the pass starts when the array and its GLB tile are ready; data streams in while the
    // PEs compute, so the pass ends when the busiest PE is done and its last operand has arrived.
    const arrayFree = res.array.freeAt;
    const t0 = Math.max(arrayFree, glb.tileReady);
    if (t0 > arrayFree) stalls[glb.tileLimitedBy === 'glb' ? 'glb' : 'dram'] += t0 - arrayFree;
    const bus = filterBusWords(fetched, filters, hw.noc.multicast);
    const filterStreams: Leg[][] = [
      [
        [source('filter'), filters.words(fetched.source)],
        [res.filterBus, bus.source],
      ],
      [
        [res.glb, fetched.fromResident],
        [res.filterBus, bus.resident],
      ],
    ];
    const inputs: Transfer[] = [
      ...(filtersAhead && fetched !== NO_FETCH
        ? filtersAhead.move(plan, filterStreams, t0)
        : filterStreams.map((legs) => transferLegs(legs, t0))),
      transferLegs(
        [
          [source('ifmap'), ifmapWords],
          [res.ifmapBus, hw.noc.multicast ? ifmapWords : work.ifmapDeliveries],
        ],
        t0,
      ),
      transfer([source('psum'), res.psumBus], psumIn, t0),
    ];
    const computeDone = t0 + work.macCycles;
    const late = inputs.reduce((a, t) => (t.end > a.end ? t : a));
    const end = Math.max(computeDone, late.end) + hw.peArray.macPipelineDepth - 1;
    if (late.end > computeDone) {
      stalls[stallCause(late.limitedBy)] += late.end - computeDone;
      if (record) arrayWaits.push([computeDone, late.end]);
    }
    res.array.occupy(t0, end);
    transfer([res.psumBus, kept('psum') ? res.glb : res.dram], outputs, end);
  };

  if (glbDepth.ifmap === -1 || glbDepth.filter === -1 || glbDepth.psum === -1 || filterDepth === -1) {
    enter(-1, wholeLayer(layer));
  }
  walkNest(layer, m, { enter, leave, pass });
  leave(-1, wholeLayer(layer));

  const end = Math.max(...SIM_RESOURCES.map((name) => res[name].freeAt));
  // Transfers take fractional cycles (a 1.2 words/cycle link moves 6 words in 5 cycles); remainders below
  // a thousandth of a cycle are the rounding noise of summing many of them, not a cycle of work.
  const cycles = Math.ceil(end - 1e-3);
  const peCount = hw.peArray.rows * hw.peArray.cols;
  const busy = Object.fromEntries(SIM_RESOURCES.map((name) => [name, res[name].busy])) as { [R in SimResource]: number };
  const timeline = record
    ? {
        ...(Object.fromEntries(SIM_RESOURCES.map((name) => [name, res[name].intervals])) as unknown as { [R in SimResource]: Timeline[R] }),
        arrayWaits,
      }
    : undefined;
  return {
    counts: accessCounts(counts, layer, hw.wordBits),
    stats: {
      cycles,
      latencyMs: cycles / (hw.clockMHz * 1e3),
      utilization: counts.macs / (cycles * peCount),
      passes,
      stallCycles: stalls,
      busyCycles: busy,
      prefetch: {
        glbWords: { ...glb.prefetchedWords },
        glbPeakWords: glb.peakWords,
        filterWords: filtersAhead?.prefetchedWords ?? 0,
        filterSpadPeakWords: filtersAhead?.peakSpadWords ?? 0,
        codebookRfPeakWords: filtersAhead?.peakCodebookWords ?? 0,
      },
    },
    timeline,
  };
}

/** A pass placed on the array: its plan, what its PEs compute and receive, and what a fetch of their rows moves. */
interface Placement {
  readonly plan: PassPlan;
  readonly work: PassWork;
  fetch: FilterFetch | null;
}

const NO_FETCH: FilterFetch = {
  source: { words: 0, indexRows: 0 },
  fromResident: 0,
  delivered: { words: 0, indexRows: 0 },
  sourceOnBus: true,
};

/**
 * Words the filter bus carries for a fetch: with multicast one word per strip (what leaves the source, and the
 * PE codebooks or decoded weights read from a resident codebook), without it one word per receiving PE.
 */
function filterBusWords(f: FilterFetch, filters: FilterSupply, multicast: boolean): { source: number; resident: number } {
  if (multicast) return { source: f.sourceOnBus ? filters.words(f.source) : 0, resident: f.fromResident };
  if (f.fromResident === 0) return { source: filters.words(f.delivered), resident: 0 };
  // A resident codebook serves the PEs' codebooks (or decoded weights); indices still come from the source.
  return { source: f.sourceOnBus ? filters.words({ words: 0, indexRows: f.delivered.indexRows }) : 0, resident: f.delivered.words };
}

function stallCause(resource: SimResource | null): StallCause {
  if (resource === 'dram' || resource === 'glb') return resource;
  if (resource === 'psumBus') return 'psumDrain';
  return 'noc';
}

/** Fetches of filter rows over the layer: iterations of the loop at `depth` (-1: one, before all loops). */
function countFetches(layer: Layer, m: RsMapping, depth: number): number {
  if (depth === -1) return 1;
  let n = 0;
  walkNest(layer, m, {
    enter: (d) => {
      if (d === depth) n++;
    },
    leave: () => {},
    pass: () => {},
  });
  return n;
}

/** Busy spans no prefetch can reach back to any more: before the earliest time one may still start. */
function forgetBefore(time: number, res: { readonly [R in SimResource]: Resource }): void {
  res.dram.forget(time);
  res.glb.forget(time);
  res.filterBus.forget(time);
}
