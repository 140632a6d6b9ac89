// The value-level data path of the simulated array: what each PE computes in a pass (1-D convolutions of
// its filter rows with its ifmap row, summed over its channel slice) and how partial sums climb each
// column's chain to the psum store. Arithmetic is integer, in accumulators of `accumulatorBits` bits
// (two's complement), so results are exact modulo 2^accumulatorBits whatever the order of additions.
import type { Layer } from '../workload/layer.js';
import type { PassPlan, PeWork, Span } from './types.js';

export interface DatapathValues {
  /** N x C x H x W (NCHW), C the total over groups. */
  readonly ifmap: Int32Array;
  /** M x (C/groups) x R x S. */
  readonly weights: Int32Array;
}

export interface DatapathFormat {
  /** Width of products, partial sums and the psum store, 1..32. */
  readonly accumulatorBits: number;
}

const inside = (span: Span, size: number): boolean =>
  Number.isInteger(span.start) && Number.isInteger(span.count) && span.start >= 0 && span.count >= 0 && span.start + span.count <= size;

/**
 * Runs pass plans on real values. Products and sums are computed modulo 2^32 (Math.imul, `| 0`) and every
 * psum a PE passes up its chain is wrapped to accumulatorBits: since 2^accumulatorBits divides 2^32 this
 * is the same as wrapping every product and addition, i.e. the exact sum modulo 2^accumulatorBits.
 */
export class FunctionalDatapath {
  private readonly layer: Layer;
  private readonly ifmap: Int32Array;
  private readonly weights: Int32Array;
  /** Psum store, N x M x E x F, values already wrapped to accumulatorBits. */
  private readonly psums: Int32Array;
  /** 32 - accumulatorBits: `(x << shift) >> shift` wraps an int32 to the accumulator. */
  private readonly shift: number;
  private readonly Mg: number;
  private readonly Cg: number;
  /** Per filter column s, the ofmap columns f whose input column f*stride + s - padding lies in [0, W). */
  private readonly fLo: Int32Array;
  private readonly fHi: Int32Array;
  /** Psums of the chain being run, (image, filter, f); grown on demand. */
  private scratch = new Int32Array(0);

  constructor(layer: Layer, values: DatapathValues, format: DatapathFormat) {
    const { N, M, C, H, W, R, S, E, F, stride, padding, groups } = layer;
    const bits = format.accumulatorBits;
    if (!Number.isInteger(bits) || bits < 1 || bits > 32) {
      throw new RangeError(`accumulatorBits must be an integer in 1..32, got ${bits}`);
    }
    if (C % groups !== 0 || M % groups !== 0) {
      throw new Error(`layer "${layer.name}": C=${C} and M=${M} must both be divisible by groups=${groups}`);
    }
    const ifmapLength = N * C * H * W;
    const weightLength = M * (C / groups) * R * S;
    if (values.ifmap.length !== ifmapLength) {
      throw new RangeError(`ifmap has ${values.ifmap.length} values, expected N*C*H*W = ${ifmapLength} for layer "${layer.name}"`);
    }
    if (values.weights.length !== weightLength) {
      throw new RangeError(
        `weights has ${values.weights.length} values, expected M*(C/groups)*R*S = ${weightLength} for layer "${layer.name}"`,
      );
    }
    this.layer = layer;
    this.ifmap = values.ifmap;
    this.weights = values.weights;
    this.psums = new Int32Array(N * M * E * F);
    this.shift = 32 - bits;
    this.Mg = M / groups;
    this.Cg = C / groups;
    this.fLo = new Int32Array(S);
    this.fHi = new Int32Array(S);
    for (let s = 0; s < S; s++) {
      // 0 <= f*stride + s - padding <= W - 1
      this.fLo[s] = Math.max(0, Math.ceil((padding - s) / stride));
      this.fHi[s] = Math.min(F - 1, Math.floor((W - 1 + padding - s) / stride));
    }
  }

  /** Runs every column chain of the pass and stores the chains' top psums. */
  runPass(plan: PassPlan): void {
    const { N, groups } = this.layer;
    const { ranges } = plan;
    if (!inside(ranges.N, N)) throw new RangeError(`pass ${plan.index}: images ${JSON.stringify(ranges.N)} outside 0..${N - 1}`);
    if (!inside(ranges.G, groups)) throw new RangeError(`pass ${plan.index}: groups ${JSON.stringify(ranges.G)} outside 0..${groups - 1}`);
    const chains = new Map<string, PeWork[]>();
    for (const pe of plan.pes) {
      this.checkPe(plan.index, pe);
      const key = `${pe.group},${pe.filters.start},${pe.col}`;
      let chain = chains.get(key);
      if (!chain) chains.set(key, (chain = []));
      chain.push(pe);
    }
    for (const [key, chain] of chains) {
      chain.sort((a, b) => a.chainIndex - b.chainIndex);
      this.checkChain(plan.index, key, chain);
      this.runChain(chain, ranges.N, plan.accumulates);
    }
  }

  /** The psum store, N x M x E x F (order n, m, e, f), as signed accumulatorBits values. */
  output(): Int32Array {
    return this.psums.slice();
  }

  private checkPe(pass: number, pe: PeWork): void {
    const { R, E, groups } = this.layer;
    const bad = (what: string) => new RangeError(`pass ${pass}: PE (${pe.row}, ${pe.col}) has ${what}`);
    if (!Number.isInteger(pe.group) || pe.group < 0 || pe.group >= groups) throw bad(`group ${pe.group} outside 0..${groups - 1}`);
    if (!Number.isInteger(pe.filterRow) || pe.filterRow < 0 || pe.filterRow >= R) throw bad(`filter row ${pe.filterRow} outside 0..${R - 1}`);
    if (!Number.isInteger(pe.ofmapRow) || pe.ofmapRow < 0 || pe.ofmapRow >= E) throw bad(`ofmap row ${pe.ofmapRow} outside 0..${E - 1}`);
    if (!Number.isInteger(pe.ifmapRow)) throw bad(`ifmap row ${pe.ifmapRow}`);
    if (!inside(pe.filters, this.Mg)) throw bad(`filters ${JSON.stringify(pe.filters)} outside the group's 0..${this.Mg - 1}`);
    if (!inside(pe.channels, this.Cg)) throw bad(`channels ${JSON.stringify(pe.channels)} outside the group's 0..${this.Cg - 1}`);
  }

  private checkChain(pass: number, key: string, chain: readonly PeWork[]): void {
    const bottom = chain[0];
    chain.forEach((pe, i) => {
      const problem =
        pe.chainIndex !== i ? `chain index ${pe.chainIndex} where ${i} was expected`
        : pe.chainLength !== chain.length ? `chain length ${pe.chainLength} but the chain has ${chain.length} PEs`
        : pe.ofmapRow !== bottom.ofmapRow ? `ofmap row ${pe.ofmapRow} but the chain's bottom has ${bottom.ofmapRow}`
        : pe.filters.count !== bottom.filters.count ? `${pe.filters.count} filters but the chain's bottom has ${bottom.filters.count}`
        : null;
      if (problem) throw new Error(`pass ${pass}: chain (group, first filter, column) = (${key}): PE (${pe.row}, ${pe.col}) has ${problem}`);
    });
  }

  private runChain(chain: readonly PeWork[], images: Span, accumulates: boolean): void {
    const { M, E, F } = this.layer;
    const { group, ofmapRow, filters } = chain[0];
    const size = images.count * filters.count * F;
    if (this.scratch.length < size) this.scratch = new Int32Array(size);
    const acc = this.scratch;
    // Bottom of the chain: the psums stored by earlier passes, or zero.
    const storeIndex = (ni: number, mi: number) => (((images.start + ni) * M + group * this.Mg + filters.start + mi) * E + ofmapRow) * F;
    for (let ni = 0; ni < images.count; ni++) {
      for (let mi = 0; mi < filters.count; mi++) {
        const a = (ni * filters.count + mi) * F;
        if (accumulates) acc.set(this.psums.subarray(storeIndex(ni, mi), storeIndex(ni, mi) + F), a);
        else acc.fill(0, a, a + F);
      }
    }
    const shift = this.shift;
    for (const pe of chain) {
      this.accumulatePe(pe, images, acc);
      if (shift > 0) for (let i = 0; i < size; i++) acc[i] = (acc[i] << shift) >> shift;
    }
    // Top of the chain: write back.
    for (let ni = 0; ni < images.count; ni++) {
      for (let mi = 0; mi < filters.count; mi++) {
        const a = (ni * filters.count + mi) * F;
        this.psums.set(acc.subarray(a, a + F), storeIndex(ni, mi));
      }
    }
  }

  /** Adds the PE's partial sums (its filter row over its channels, for each image and filter) into acc. */
  private accumulatePe(pe: PeWork, images: Span, acc: Int32Array): void {
    const { C, H, W, R, S, F, stride, padding } = this.layer;
    const h = pe.ifmapRow;
    if (h < 0 || h >= H) return; // a padding row: every product is zero
    const { ifmap, weights, fLo, fHi, Mg, Cg } = this;
    const pCount = pe.filters.count;
    const gm0 = pe.group * Mg + pe.filters.start;
    const gc0 = pe.group * Cg;
    for (let ni = 0; ni < images.count; ni++) {
      const n = images.start + ni;
      for (let c = pe.channels.start; c < pe.channels.start + pe.channels.count; c++) {
        const xRow = ((n * C + gc0 + c) * H + h) * W - padding;
        for (let mi = 0; mi < pCount; mi++) {
          const wRow = (((gm0 + mi) * Cg + c) * R + pe.filterRow) * S;
          const a = (ni * pCount + mi) * F;
          for (let s = 0; s < S; s++) {
            const w = weights[wRow + s];
            let x = xRow + fLo[s] * stride + s;
            const end = a + fHi[s];
            for (let i = a + fLo[s]; i <= end; i++, x += stride) acc[i] = (acc[i] + Math.imul(w, ifmap[x])) | 0;
          }
        }
      }
    }
  }
}
