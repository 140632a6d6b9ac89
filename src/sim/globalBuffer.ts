// The global buffer: which tile of each data type it holds, fills from DRAM, psum write-backs, and the
// time the current tile is complete. Capacity is enforced: it never holds more words than it has.
import type { DataType, HardwareSpec } from '../hw/spec.js';
import type { Layer } from '../workload/layer.js';
import { indexWords } from '../workload/sharedRows.js';
import type { Counters } from './counters.js';
import { perType } from './counters.js';
import type { Payload } from './filterSupply.js';
import { Resource, transfer } from './resources.js';
import type { SimResource } from './types.js';

export class GlobalBuffer {
  /** When the tiles loaded so far are complete; a pass may not start before. */
  tileReady = 0;
  /** The resource that set tileReady (for stall attribution). */
  tileLimitedBy: SimResource = 'dram';
  private readonly held = perType();
  /** Words kept for the whole layer beside the tiles (a shared layer's GLB-resident codebook). */
  private resident = 0;
  private readonly capacityWords: number;
  private readonly storedPsums = new Set<string>();
  // A double-buffered GLB fills its idle half through that half's own banks while the array reads the
  // other half; a single buffer is filled through the same banks the passes use.
  private readonly fillBanks: Resource;

  constructor(
    private readonly layer: Layer,
    private readonly hw: HardwareSpec,
    private readonly res: { readonly [R in SimResource]: Resource },
    private readonly counts: Counters,
  ) {
    this.capacityWords = Math.floor((hw.glb.capacityBytes * 8) / hw.wordBits) / (hw.glb.doubleBuffer ? 2 : 1);
    this.fillBanks = hw.glb.doubleBuffer ? new Resource('glb', res.glb.wordsPerCycle, false) : res.glb;
  }

  /**
   * Replaces the held tile of `type` by a new one, loaded from DRAM. `held`: the words it occupies, when
   * that differs from what is loaded (a shared filter tile arrives as the PEs' streams, codebook rows
   * repeated per PE, but is stored as its indices and one copy of each centroid).
   */
  load(type: DataType, stream: Payload, held = stream.words): void {
    this.hold(type, held);
    this.fill(type, stream);
  }

  /** Loads words the buffer keeps for the whole layer, beside every tile. */
  loadResident(type: DataType, words: number): void {
    this.resident += words;
    this.hold(type, this.held[type]);
    this.fill(type, { words, indexRows: 0 });
  }

  /** Takes in the psum tile `key`: its partial sums come back from DRAM when it was written out before. */
  holdPsums(key: string, words: number): void {
    this.hold('psum', words);
    if (this.storedPsums.has(key)) this.fill('psum', { words, indexRows: 0 });
  }

  /** Writes the psum tile `key` back to DRAM once its outputs have drained into the buffer. */
  writeBackPsums(key: string, words: number): void {
    this.counts.glb.reads.psum += words;
    this.counts.dram.writes.psum += words;
    this.storedPsums.add(key);
    transfer([this.res.glb, this.res.dram], words, this.res.psumBus.freeAt);
  }

  private hold(type: DataType, words: number): void {
    this.held[type] = words;
    const total = this.held.ifmap + this.held.filter + this.held.psum + this.resident;
    if (total > this.capacityWords) {
      throw new Error(`GLB overflow in layer "${this.layer.name}": ${total} words held, ${this.capacityWords} usable`);
    }
  }

  /** Loads from DRAM; without double buffering only after everything in flight is done. */
  private fill(type: DataType, { words, indexRows }: Payload): void {
    this.counts.dram.reads[type] += words;
    this.counts.glb.writes[type] += words;
    this.counts.indexRows.dram.reads[type] += indexRows;
    this.counts.indexRows.glb.writes[type] += indexRows;
    const { array, psumBus, dram } = this.res;
    const earliest = this.hw.glb.doubleBuffer ? this.tileReady : Math.max(array.freeAt, psumBus.freeAt, dram.freeAt);
    const moved = words + (indexRows > 0 ? indexWords(indexRows, this.layer.sharing!.indexBits, this.hw.wordBits) : 0);
    const t = transfer([dram, this.fillBanks], moved, earliest);
    if (t.end > this.tileReady) [this.tileReady, this.tileLimitedBy] = [t.end, t.limitedBy ?? 'dram'];
  }
}
