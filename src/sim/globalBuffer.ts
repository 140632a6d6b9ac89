// The global buffer: which tile of each data type it holds, fills from DRAM, psum write-backs, and the
// time the current tile is complete. Capacity is enforced: it never holds more words than it has.
// With prefetch (hw.prefetch.glb) the first words of a type's next tile, up to that type's allowance in the
// space the mapping's tiles leave free, load in the idle time of DRAM and the GLB while the current tile is in
// use; the rest loads once the current tile is done, as without prefetch.
import { usableGlbWords, type DataType, type HardwareSpec } from '../hw/spec.js';
import type { PerDataType } from '../model/result.js';
import type { Layer } from '../workload/layer.js';
import { indexWords } from '../workload/sharedRows.js';
import type { Counters } from './counters.js';
import { perType } from './counters.js';
import type { Payload } from './filterSupply.js';
import { backfillLegs, Resource, transfer } from './resources.js';
import type { SimResource } from './types.js';

/** What the buffer may load ahead: per data type, the words of a next tile that may load early, and how many tiles come. */
export interface GlbPrefetch {
  readonly allowanceWords: PerDataType;
  /** Tiles each data type takes in over the layer (psum: every time a psum tile is taken in). */
  readonly tiles: PerDataType;
}

export class GlobalBuffer {
  /** When the tiles loaded so far are complete; a pass may not start before. */
  tileReady = 0;
  /** The resource that set tileReady (for stall attribution). */
  tileLimitedBy: SimResource = 'dram';
  /** Words loaded ahead, per data type, and the most words the buffer held with them (tiles in use + loaded ahead). */
  readonly prefetchedWords = perType();
  peakWords = 0;
  private readonly held = perType();
  /** Words kept for the whole layer beside the tiles (a shared layer's GLB-resident codebook). */
  private resident = 0;
  private readonly capacityWords: number;
  private readonly storedPsums = new Set<string>();
  // A double-buffered GLB fills its idle half through that half's own banks while the array reads the
  // other half; a single buffer is filled through the same banks the passes use.
  private readonly fillBanks: Resource;
  /** Tiles of each type taken in so far, when the current one was complete, and the last early part loaded. */
  private readonly taken = perType();
  private readonly windowStart = perType();
  private readonly lastEarly = perType();

  constructor(
    private readonly layer: Layer,
    private readonly hw: HardwareSpec,
    private readonly res: { readonly [R in SimResource]: Resource },
    private readonly counts: Counters,
    private readonly prefetch: GlbPrefetch | null = null,
  ) {
    this.capacityWords = usableGlbWords(hw);
    this.fillBanks = hw.glb.doubleBuffer ? new Resource('glb', res.glb.wordsPerCycle, false) : res.glb;
  }

  /**
   * Replaces the held tile of `type` by a new one, loaded from DRAM. `held`: the words it occupies, when
   * that differs from what is loaded (a shared filter tile arrives as the PEs' streams, codebook rows
   * repeated per PE, but is stored as its indices and one copy of each centroid).
   */
  load(type: DataType, stream: Payload, held = stream.words): void {
    const before = this.heldWords();
    this.hold(type, held);
    this.fill(type, stream, before);
    this.took(type);
  }

  /** Loads words the buffer keeps for the whole layer, beside every tile. */
  loadResident(type: DataType, words: number): void {
    this.resident += words;
    this.hold(type, this.held[type]);
    this.fill(type, { words, indexRows: 0 }, this.heldWords());
  }

  /** Takes in the psum tile `key`: its partial sums come back from DRAM when it was written out before. */
  holdPsums(key: string, words: number): void {
    const before = this.heldWords();
    this.hold('psum', words);
    if (this.storedPsums.has(key)) this.fill('psum', { words, indexRows: 0 }, before);
    this.took('psum');
  }

  /** Writes the psum tile `key` back to DRAM once its outputs have drained into the buffer. */
  writeBackPsums(key: string, words: number): void {
    this.counts.glb.reads.psum += words;
    this.counts.dram.writes.psum += words;
    this.storedPsums.add(key);
    transfer([this.res.glb, this.res.dram], words, this.res.psumBus.freeAt);
  }

  /** The earliest time a prefetch of a tile still to come may start (Infinity when none will). */
  earliestWindow(): number {
    let t = Infinity;
    if (!this.prefetch) return t;
    for (const type of ['ifmap', 'filter', 'psum'] as const) {
      if (this.prefetch.allowanceWords[type] > 0 && this.taken[type] < this.prefetch.tiles[type]) t = Math.min(t, this.windowStart[type]);
    }
    return t;
  }

  private heldWords(): number {
    return this.held.ifmap + this.held.filter + this.held.psum + this.resident;
  }

  private took(type: DataType): void {
    this.taken[type]++;
    this.windowStart[type] = this.tileReady;
  }

  private hold(type: DataType, words: number): void {
    this.held[type] = words;
    const total = this.heldWords();
    if (total > this.capacityWords) {
      throw new Error(`GLB overflow in layer "${this.layer.name}": ${total} words held, ${this.capacityWords} usable`);
    }
    this.peakWords = Math.max(this.peakWords, total);
  }

  /**
   * Loads from DRAM; without double buffering only after everything in flight is done. `heldBefore`: the words
   * the tiles in use took while this one's first part was loaded ahead.
   */
  private fill(type: DataType, { words, indexRows }: Payload, heldBefore: number): void {
    this.counts.dram.reads[type] += words;
    this.counts.glb.writes[type] += words;
    this.counts.indexRows.dram.reads[type] += indexRows;
    this.counts.indexRows.glb.writes[type] += indexRows;
    const { array, psumBus, dram } = this.res;
    const moved = words + (indexRows > 0 ? indexWords(indexRows, this.layer.sharing!.indexBits, this.hw.wordBits) : 0);
    // The next tile of a type is loaded ahead while the current one is in use (never the first tile).
    const early = this.prefetch && this.taken[type] > 0 ? Math.min(moved, this.prefetch.allowanceWords[type]) : 0;
    if (early > 0) {
      this.lastEarly[type] = early;
      this.prefetchedWords[type] += early;
      this.peakWords = Math.max(this.peakWords, heldBefore + this.lastEarly.ifmap + this.lastEarly.filter + this.lastEarly.psum);
      this.ready(
        backfillLegs(
          [
            [dram, early],
            [this.fillBanks, early],
          ],
          this.windowStart[type],
        ),
      );
      if (early === moved) return;
    }
    const earliest = this.hw.glb.doubleBuffer ? this.tileReady : Math.max(array.freeAt, psumBus.freeAt, dram.freeAt);
    this.ready(transfer([dram, this.fillBanks], moved - early, earliest));
  }

  private ready(t: { end: number; limitedBy: SimResource | null }): void {
    if (t.end > this.tileReady) [this.tileReady, this.tileLimitedBy] = [t.end, t.limitedBy ?? 'dram'];
  }
}
