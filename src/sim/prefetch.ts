// What the chip loads ahead (hw.prefetch), decided from the mapping before the run: the GLB words its tiles
// leave free, shared out per data type, and the filter spad words a PE's current rows leave free. A prefetch
// moves the first part of the next tile (or of the next filter rows) in the idle time of the resources on its
// path (backfill), after every request issued before it; the rest moves when the data in use is done with.
import { usableGlbWords, type DataType, type HardwareSpec } from '../hw/spec.js';
import type { RsMapping } from '../mapping/rsMapping.js';
import type { Layer } from '../workload/layer.js';
import { perType } from './counters.js';
import type { FilterSupply, PeStores } from './filterSupply.js';
import type { GlbPrefetch } from './globalBuffer.js';
import { walkNest } from './loopNest.js';
import { backfillLegs, transferLegs, type Leg, type Transfer } from './resources.js';
import type { PassPlan, PassRanges } from './types.js';

/** The loop depth at which the controller loads each data type's GLB tile (-1: once, before all loops; null: bypassed). */
export type GlbLoadDepths = { readonly [T in DataType]: number | null };

/** Words each data type's GLB tile of `ranges` takes (filter: what the buffer stores of it). */
export type TileWords = { readonly [T in DataType]: (r: PassRanges) => number };

/**
 * The GLB prefetch of a layer under mapping `m`: the largest tile of each type (a walk of the loop nest, no
 * pass is run), the space they leave free beside a resident codebook, and each type's share of it.
 * null when nothing is loaded ahead.
 */
export function glbPrefetch(
  layer: Layer,
  hw: HardwareSpec,
  m: RsMapping,
  depths: GlbLoadDepths,
  tileWords: TileWords,
  residentWords: number,
): GlbPrefetch | null {
  const shares = hw.prefetch.glb;
  if (shares.ifmap + shares.filter + shares.psum <= 0) return null;
  const largest = perType();
  const tiles = perType();
  const visit = (depth: number, r: PassRanges) => {
    for (const type of ['ifmap', 'filter', 'psum'] as const) {
      if (depth !== depths[type]) continue;
      largest[type] = Math.max(largest[type], tileWords[type](r));
      tiles[type]++;
    }
  };
  if (Object.values(depths).includes(-1)) visit(-1, wholeLayer(layer));
  walkNest(layer, m, { enter: visit, leave: () => {}, pass: () => {} });
  const free = Math.max(0, usableGlbWords(hw) - largest.ifmap - largest.filter - largest.psum - residentWords);
  const allowanceWords = {
    ifmap: Math.floor(shares.ifmap * free),
    filter: Math.floor(shares.filter * free),
    psum: Math.floor(shares.psum * free),
  };
  return { allowanceWords, tiles };
}

export function wholeLayer(layer: Layer): PassRanges {
  return {
    G: { start: 0, count: layer.groups },
    N: { start: 0, count: layer.N },
    M: { start: 0, count: layer.M / layer.groups },
    C: { start: 0, count: layer.C / layer.groups },
    E: { start: 0, count: layer.E },
  };
}

/**
 * The PEs' filter rows loaded ahead (hw.prefetch.filterSpad): at every fetch after the first, each PE's next rows
 * take as much of its filter spad (and codebook RF) as its current rows leave free, counted against the most
 * any PE has held so far. That share of the fetch's streams is backfilled from the end of the previous fetch.
 */
export class FilterPrefetch {
  /** Source words moved ahead, and the most words one PE's stores held (rows in use + rows loaded ahead). */
  prefetchedWords = 0;
  peakSpadWords = 0;
  peakCodebookWords = 0;
  private held: PeStores = { spad: 0, codebook: 0 };
  private fetches = 0;
  private lastEnd = 0;

  constructor(
    private readonly hw: HardwareSpec,
    private readonly filters: FilterSupply,
    private readonly totalFetches: number,
  ) {}

  /** When a prefetch of rows still to come may start (Infinity when no fetch is left). */
  earliestWindow(): number {
    return this.fetches < this.totalFetches ? this.lastEnd : Infinity;
  }

  /**
   * Moves a fetch's filter streams (each a list of legs) for a pass starting at t0: the share that fits the
   * free spad words ahead, the rest from t0 on.
   */
  move(plan: PassPlan, streams: readonly (readonly Leg[])[], t0: number): Transfer[] {
    const before = this.held;
    const room = { spad: this.hw.rf.filterWords - before.spad, codebook: this.hw.weightSharing.codebookRfWords - before.codebook };
    const ahead = this.filters.ahead(plan, room);
    const share = this.fetches > 0 ? ahead.share : 0;
    this.fetches++;
    this.held = { spad: Math.max(before.spad, ahead.largest.spad), codebook: Math.max(before.codebook, ahead.largest.codebook) };
    const scaled = (legs: readonly Leg[], f: number): Leg[] => legs.map(([r, words]) => [r, words * f] as const);
    const moved: Transfer[] = [];
    for (const legs of streams) {
      if (share > 0) {
        moved.push(backfillLegs(scaled(legs, share), this.lastEnd));
        this.prefetchedWords += legs[0][1] * share;
      }
      if (share < 1) moved.push(transferLegs(share > 0 ? scaled(legs, 1 - share) : legs, t0));
    }
    if (share > 0) {
      this.peakSpadWords = Math.max(this.peakSpadWords, before.spad + ahead.earliest.spad);
      this.peakCodebookWords = Math.max(this.peakCodebookWords, before.codebook + ahead.earliest.codebook);
    }
    for (const t of moved) this.lastEnd = Math.max(this.lastEnd, t.end);
    return moved;
  }
}
