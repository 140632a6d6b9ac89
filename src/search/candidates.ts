// The pass shapes of one layer on one array and scratchpad configuration, with what the search learns about
// each as it goes: the GLB words one pass takes and its lower-bound feature row, per value of t. None of it
// depends on the buffer size, the energy table or a bandwidth, so a sweep that varies only those reuses it.
import { prefetchesGlb, type HardwareSpec } from '../hw/spec.js';
import { passCandidates, passTileOf, type PassShape } from '../mapping/passShapes.js';
import { TILED_DIMS, type RsMapping } from '../mapping/rsMapping.js';
import { tileLayer } from '../model/accessCounts.js';
import { writeFeatures } from '../model/evaluate.js';
import { FEATURE, FeatureRows } from '../model/features.js';
import type { Layer } from '../workload/layer.js';
import { GLB_ORDER } from './completions.js';
import type { SearchContext } from './searchContext.js';

/** The bound's tiling: one GLB tile holds the whole layer (buffered traffic can only grow when it holds less). */
export const ONE_TILE: RsMapping['glbFactor'] = { G: 1, N: Infinity, M: Infinity, C: Infinity, E: Infinity };
export const BOUND_TILING = { glbFactor: ONE_TILE, dramOrder: TILED_DIMS, glbOrder: GLB_ORDER } as const;
export const ONE_PASS = { N: 1, M: 1, C: 1, E: 1 } as const;

/** Per candidate: e, r, g, p, q, n. */
const FACTORS = 6;

export class CandidateTable {
  readonly count: number;
  /** Candidate c's t values are tValues[tStart[c] .. tStart[c + 1]), largest first; a "slot" indexes tValues. */
  readonly tStart: Int32Array;
  readonly tValues: Int32Array;
  private readonly factors: Int32Array;
  /** Per slot, its pass tile (shapes with equal g, n, p t, q r, e share one), numbered in slot order. */
  readonly tileOf: Int32Array;
  readonly tileCount: number;
  private readonly needWords: Float64Array;
  private readonly boundRow: Int32Array;
  readonly bounds = new FeatureRows();

  constructor(
    private readonly layer: Layer,
    private readonly hw: HardwareSpec,
  ) {
    const factors: number[] = [];
    const tStart: number[] = [];
    const tValues: number[] = [];
    for (const { shape, replicas } of passCandidates(layer, hw)) {
      factors.push(shape.e, shape.r, shape.g, shape.p, shape.q, shape.n);
      tStart.push(tValues.length);
      tValues.push(...replicas);
    }
    this.count = tStart.length;
    tStart.push(tValues.length);
    this.factors = Int32Array.from(factors);
    this.tStart = Int32Array.from(tStart);
    this.tValues = Int32Array.from(tValues);
    const tiles = new Map<number | string, number>();
    this.tileOf = new Int32Array(tValues.length);
    const f = this.factors;
    // A pass tile (g, n, p t, q r, e) as one number (mixed radix over each part's largest value) where that is
    // exact, else as text: numbers hash much faster, and this runs for every slot of every search.
    const most = [0, 0, 0, 0, 0];
    for (let c = 0; c < this.count; c++) {
      const i = FACTORS * c;
      if (this.tStart[c] === this.tStart[c + 1]) continue;
      const tMax = this.tValues[this.tStart[c]]; // largest first
      [f[i + 2], f[i + 5], f[i + 3] * tMax, f[i + 4] * f[i + 1], f[i]].forEach((v, k) => (most[k] = Math.max(most[k], v)));
    }
    const span = most.slice(1).map((v) => v + 1);
    const numeric = (most[0] + 1) * span.reduce((a, b) => a * b, 1) < Number.MAX_SAFE_INTEGER;
    for (let c = 0; c < this.count; c++) {
      const i = FACTORS * c;
      const [e, r, g, p, q, n] = [f[i], f[i + 1], f[i + 2], f[i + 3], f[i + 4], f[i + 5]];
      for (let slot = this.tStart[c]; slot < this.tStart[c + 1]; slot++) {
        const t = this.tValues[slot];
        const key = numeric ? (((g * span[0] + n) * span[1] + p * t) * span[2] + q * r) * span[3] + e : `${g},${n},${p * t},${q * r},${e}`;
        let tile = tiles.get(key);
        if (tile === undefined) tiles.set(key, (tile = tiles.size));
        this.tileOf[slot] = tile;
      }
    }
    this.tileCount = tiles.size;
    this.needWords = new Float64Array(tValues.length).fill(NaN);
    this.boundRow = new Int32Array(tValues.length).fill(-1);
  }

  /** The pass shape of candidate c with the t of `slot`. */
  shape(c: number, slot: number): PassShape {
    return this.mapping(c, slot, BOUND_TILING);
  }

  /**
   * The shape completed with `tiling`, built as one literal: the model reads mappings in its innermost loops,
   * and objects of one layout keep those reads fast (a spread copy would give them another).
   */
  mapping(c: number, slot: number, tiling: Omit<RsMapping, keyof PassShape>): RsMapping {
    const f = this.factors;
    const i = FACTORS * c;
    return {
      e: f[i],
      r: f[i + 1],
      t: this.tValues[slot],
      g: f[i + 2],
      p: f[i + 3],
      q: f[i + 4],
      n: f[i + 5],
      glbFactor: tiling.glbFactor,
      dramOrder: tiling.dramOrder,
      glbOrder: tiling.glbOrder,
    };
  }

  /** GLB words one pass of this shape needs (computed once). */
  passWords(c: number, slot: number, ctx: SearchContext): number {
    if (Number.isNaN(this.needWords[slot])) this.needWords[slot] = ctx.glbWords(passTileOf(this.shape(c, slot)), ONE_PASS);
    return this.needWords[slot];
  }

  /**
   * The feature row of the shape's lower bound (the whole layer in one GLB tile), counted once. One tile fills
   * the least, but when tiles load ahead (prefetch.glb) a tiled completion may wait for fewer of its fills: the
   * bound then waits for none.
   */
  boundFeatures(c: number, slot: number, ctx: SearchContext): number {
    if (this.boundRow[slot] < 0) {
      const m = this.mapping(c, slot, BOUND_TILING);
      const tiling = tileLayer(this.layer, m, ctx.strips);
      const ahead = prefetchesGlb(this.hw);
      this.boundRow[slot] = this.bounds.add((out, at) => {
        writeFeatures(this.layer, this.hw, m, tiling, out, at);
        if (ahead) out[at + FEATURE.exposedFillWords] = 0;
      });
    }
    return this.boundRow[slot];
  }
}
