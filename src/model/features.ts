// A layer's counts under one mapping, reduced to the numbers its costs need: a fixed-layout row of a
// Float64Array. Energy is linear in the first 14 (one energy-table entry each) and the cycle estimate is a
// formula of the rest and the bandwidths (cycles.ts), so a search can keep these rows and re-cost them for
// another energy table or other bandwidths without counting again (a sweep does, across design points).
export const FEATURE = {
  macs: 0,
  psumAdds: 1,
  rfReadIfmap: 2,
  rfWriteIfmap: 3,
  rfReadFilter: 4,
  rfWriteFilter: 5,
  rfReadPsum: 6,
  rfWritePsum: 7,
  codebookLookups: 8,
  /** NoC word transfers of all data types. */
  nocWords: 9,
  glbReads: 10,
  glbWrites: 11,
  dramReads: 12,
  dramWrites: 13,
  computeCycles: 14,
  /** Words each bus carries (with multicast a word reaching many PEs is carried once). */
  ifmapBusWords: 15,
  filterBusWords: 16,
  psumBusWords: 17,
  /** DRAM words filled into the GLB (tiles, psums read back, a resident codebook). */
  glbFillWords: 18,
  /** Of those, the words that cannot load ahead (prefetch.glb): the array waits while they move. */
  exposedFillWords: 19,
  /**
   * Filter words the passes that fetch new rows wait for (not loaded ahead into the spads, prefetch.filterSpad),
   * on paths through DRAM, through the GLB and over the filter bus.
   */
  fetchDramWords: 20,
  fetchGlbWords: 21,
  fetchBusWords: 22,
  /** At least the compute cycles of those passes: each is no longer than the layer's largest pass. */
  fetchComputeCycles: 23,
} as const;

export const FEATURE_COUNT = 24;

/** Growable storage of feature rows, addressed by row number. */
export class FeatureRows {
  private data = new Float64Array(FEATURE_COUNT * 256);
  private rows = 0;

  get count(): number {
    return this.rows;
  }

  /** The array rows live in (valid until the next `add`) and the offset of row `row`. */
  get values(): Float64Array {
    return this.data;
  }

  /** Appends a row; `write` fills it at the offset given. Returns the row number. */
  add(write: (out: Float64Array, at: number) => void): number {
    if ((this.rows + 1) * FEATURE_COUNT > this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    write(this.data, this.rows * FEATURE_COUNT);
    return this.rows++;
  }
}
