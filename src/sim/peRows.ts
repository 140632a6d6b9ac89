// What the filter rows one PE holds decide in a layer with shared rows (Deep k-Means): the centroids its
// codebook must hold, the 1-D convolutions it runs and the ones it reuses. Counted from the layer's indices
// and the PE's own slices, independently of the analytical model (src/model/sharingStats.ts).
import type { Layer } from '../workload/layer.js';
import type { SharedFilterRows } from '../workload/sharedRows.js';
import type { Span } from './types.js';

export interface PeRows {
  /** Filter rows held: filters x channels of one filter row, one index each. */
  readonly rows: number;
  /** Distinct centroids among them: the PE's codebook. */
  readonly codebookRows: number;
  /** 1-D convolutions per image and ofmap row: for each channel, one per distinct centroid of its rows. */
  readonly convs: number;
}

/** Per-PE row statistics of one shared layer, memoized: every pass re-places the same slices on the array. */
export class PeRowTable {
  private readonly memo = new Map<number, PeRows>();
  // Distinct counting by stamping: seen[j] === stamp marks centroid j as met in the current set.
  private readonly seenInPe: Int32Array;
  private readonly seenInChannel: Int32Array;
  private stamp = 0;
  private readonly Mg: number;
  private readonly Cg: number;

  constructor(
    private readonly layer: Layer,
    private readonly sharing: SharedFilterRows,
  ) {
    this.seenInPe = new Int32Array(sharing.k).fill(-1);
    this.seenInChannel = new Int32Array(sharing.k).fill(-1);
    this.Mg = layer.M / layer.groups;
    this.Cg = layer.C / layer.groups;
  }

  /** The rows of filters x channels (within `group`) at filter row `filterRow`. */
  of(group: number, filters: Span, channels: Span, filterRow: number): PeRows {
    const { R } = this.layer;
    const first = ((group * this.Mg + filters.start) * this.Cg + channels.start) * R + filterRow;
    const key = (first * (this.Mg + 1) + filters.count) * (this.Cg + 1) + channels.count;
    let known = this.memo.get(key);
    if (!known) this.memo.set(key, (known = this.count(group, filters, channels, filterRow)));
    return known;
  }

  private count(group: number, filters: Span, channels: Span, filterRow: number): PeRows {
    const { R } = this.layer;
    const { index } = this.sharing;
    const pe = ++this.stamp;
    let codebookRows = 0;
    let convs = 0;
    for (let c = channels.start; c < channels.start + channels.count; c++) {
      const channel = ++this.stamp;
      for (let f = filters.start; f < filters.start + filters.count; f++) {
        const j = index[((group * this.Mg + f) * this.Cg + c) * R + filterRow];
        if (this.seenInPe[j] !== pe) {
          this.seenInPe[j] = pe;
          codebookRows++;
        }
        if (this.seenInChannel[j] !== channel) {
          this.seenInChannel[j] = channel;
          convs++;
        }
      }
    }
    return { rows: filters.count * channels.count, codebookRows, convs };
  }
}
