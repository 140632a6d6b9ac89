// The value-level data path of the simulated array: what each PE computes in a pass (1-D convolutions of
// its filter rows with its ifmap row, summed over its channel slice) and how partial sums climb each
// column's chain to the psum store. Arithmetic is integer, in accumulators of `accumulatorBits` bits
// (two's complement), so results are exact modulo 2^accumulatorBits whatever the order of additions.
// A shared layer with a codebook computes as its hardware would: per PE and channel, each distinct
// centroid's 1-D convolution once, added into the psums of every filter whose row names it (with row-level
// reuse; without it, every row's own).
import type { Layer } from '../workload/layer.js';
import { peSharing } from '../workload/sharedRows.js';
import type { PassPlan, PeWork, Span } from './types.js';

export interface DatapathValues {
  /** N x C x H x W (NCHW), C the total over groups. */
  readonly ifmap: Int32Array;
  /** M x (C/groups) x R x S; not needed by a shared layer computing with its codebook. */
  readonly weights?: Int32Array;
  /**
   * Shared layers: the k x S codebook in fixed point (e.g. fixedPoint.quantize of sharing.codebook).
   * Absent: sharing.codebook is used as it is, and must then hold integers.
   */
  readonly codebook?: Int32Array;
}

export interface DatapathFormat {
  /** Width of products, partial sums and the psum store, 1..32. */
  readonly accumulatorBits: number;
  /** Shared layers: reuse a PE's 1-D convolution for every filter whose row names the same centroid (default true). */
  readonly rowReuse?: boolean;
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
  /** Weights of an unshared layer, or codebook rows of a shared one (`index` names them). */
  private readonly weights: Int32Array;
  private readonly index: Uint32Array | null;
  /** Per centroid: the stamp of the (PE, image, channel) whose conv sits in `conv` at convSlot, for reuse. */
  private readonly convStamp: Int32Array;
  private readonly convSlot: Int32Array;
  private stamp = 0;
  private readonly rowReuse: boolean;
  private computed = 0;
  private reused = 0;
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
  /** Shared layers: one F-wide 1-D conv per distinct centroid of the PE's filters (for one channel). */
  private conv = new Int32Array(0);

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
    if (values.ifmap.length !== ifmapLength) {
      throw new RangeError(`ifmap has ${values.ifmap.length} values, expected N*C*H*W = ${ifmapLength} for layer "${layer.name}"`);
    }
    const codebook = sharedCodebook(layer, values.codebook);
    const weightLength = M * (C / groups) * R * S;
    if (!codebook && values.weights?.length !== weightLength) {
      throw new RangeError(
        `weights has ${values.weights?.length ?? 0} values, expected M*(C/groups)*R*S = ${weightLength} for layer "${layer.name}"`,
      );
    }
    this.layer = layer;
    this.rowReuse = format.rowReuse ?? true;
    this.ifmap = values.ifmap;
    // Decoded at the GLB, a shared layer reaches the PEs as the weights its indices name.
    const inPe = codebook !== null && peSharing(layer) !== undefined;
    this.weights = !codebook ? values.weights! : inPe ? codebook : expandSharedWeights(layer, codebook);
    this.index = inPe ? layer.sharing!.index : null;
    const k = inPe ? layer.sharing!.k : 0;
    this.convStamp = new Int32Array(k).fill(-1);
    this.convSlot = new Int32Array(k);
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

  /** F-wide 1-D convolutions computed (real ifmap rows only), and in a shared layer reused for another filter. */
  get oneDConvs(): number {
    return this.computed;
  }

  get reusedConvs(): number {
    return this.reused;
  }

  /** The psum store, N x M x E x F (order n, m, e, f), as signed accumulatorBits values. */
  output(): Int32Array {
    return this.psums.slice();
  }

  private checkPe(pass: number, pe: PeWork): void {
    const { R, E, groups } = this.layer;
    const bad = (what: string) => new RangeError(`pass ${pass}: PE (${pe.row}, ${pe.col}) has ${what}`);
    if (!Number.isInteger(pe.group) || pe.group < 0 || pe.group >= groups) throw bad(`group ${pe.group} outside 0..${groups - 1}`);
    if (!Number.isInteger(pe.filterRow) || pe.filterRow < 0 || pe.filterRow >= R)
      throw bad(`filter row ${pe.filterRow} outside 0..${R - 1}`);
    if (!Number.isInteger(pe.ofmapRow) || pe.ofmapRow < 0 || pe.ofmapRow >= E) throw bad(`ofmap row ${pe.ofmapRow} outside 0..${E - 1}`);
    if (!Number.isInteger(pe.ifmapRow)) throw bad(`ifmap row ${pe.ifmapRow}`);
    if (!inside(pe.filters, this.Mg)) throw bad(`filters ${JSON.stringify(pe.filters)} outside the group's 0..${this.Mg - 1}`);
    if (!inside(pe.channels, this.Cg)) throw bad(`channels ${JSON.stringify(pe.channels)} outside the group's 0..${this.Cg - 1}`);
  }

  private checkChain(pass: number, key: string, chain: readonly PeWork[]): void {
    const bottom = chain[0];
    chain.forEach((pe, i) => {
      const problem =
        pe.chainIndex !== i
          ? `chain index ${pe.chainIndex} where ${i} was expected`
          : pe.chainLength !== chain.length
            ? `chain length ${pe.chainLength} but the chain has ${chain.length} PEs`
            : pe.ofmapRow !== bottom.ofmapRow
              ? `ofmap row ${pe.ofmapRow} but the chain's bottom has ${bottom.ofmapRow}`
              : pe.filters.count !== bottom.filters.count
                ? `${pe.filters.count} filters but the chain's bottom has ${bottom.filters.count}`
                : null;
      if (problem)
        throw new Error(`pass ${pass}: chain (group, first filter, column) = (${key}): PE (${pe.row}, ${pe.col}) has ${problem}`);
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
      if (this.index) this.accumulateSharedPe(pe, images, acc);
      else this.accumulatePe(pe, images, acc);
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
    // Every row is its own 1-D convolution: nothing is reused.
    this.computed += images.count * pe.channels.count * pCount;
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

  /**
   * The same sums with reuse: for each image and channel, the conv of each distinct centroid among the
   * PE's filters is computed once (into a slot of `conv`) and added into every filter naming it.
   */
  private accumulateSharedPe(pe: PeWork, images: Span, acc: Int32Array): void {
    const { C, H, W, R, S, F, stride, padding } = this.layer;
    const h = pe.ifmapRow;
    if (h < 0 || h >= H) return; // a padding row: every product is zero
    const { ifmap, weights: codebook, fLo, fHi, Mg, Cg, convStamp, convSlot } = this;
    const index = this.index!;
    const pCount = pe.filters.count;
    const gm0 = pe.group * Mg + pe.filters.start;
    const gc0 = pe.group * Cg;
    if (this.conv.length < pCount * F) this.conv = new Int32Array(pCount * F);
    const conv = this.conv;
    for (let ni = 0; ni < images.count; ni++) {
      const n = images.start + ni;
      for (let c = pe.channels.start; c < pe.channels.start + pe.channels.count; c++) {
        const xRow = ((n * C + gc0 + c) * H + h) * W - padding;
        let stamp = ++this.stamp;
        let slots = 0;
        for (let mi = 0; mi < pCount; mi++) {
          const j = index[((gm0 + mi) * Cg + c) * R + pe.filterRow];
          if (!this.rowReuse) stamp = ++this.stamp; // a fresh set per row: nothing is ever met again
          if (convStamp[j] !== stamp) {
            convStamp[j] = stamp;
            convSlot[j] = slots;
            const y = slots++ * F;
            conv.fill(0, y, y + F);
            for (let s = 0; s < S; s++) {
              const w = codebook[j * S + s];
              let x = xRow + fLo[s] * stride + s;
              for (let i = y + fLo[s]; i <= y + fHi[s]; i++, x += stride) conv[i] = (conv[i] + Math.imul(w, ifmap[x])) | 0;
            }
            this.computed++;
          } else {
            this.reused++;
          }
          const y = convSlot[j] * F;
          const a = (ni * pCount + mi) * F;
          for (let f = 0; f < F; f++) acc[a + f] = (acc[a + f] + conv[y + f]) | 0;
        }
      }
    }
  }
}

/** The fixed-point codebook a shared layer computes with, or null when it computes with plain weights. */
function sharedCodebook(layer: Layer, given: Int32Array | undefined): Int32Array | null {
  const sharing = layer.sharing;
  if (!sharing || (!given && !sharing.codebook)) return null;
  const length = sharing.k * layer.S;
  if (given) {
    if (given.length !== length)
      throw new RangeError(`codebook has ${given.length} values, expected k*S = ${length} for layer "${layer.name}"`);
    return given;
  }
  const values = sharing.codebook!;
  if (values.length !== length)
    throw new RangeError(`sharing.codebook has ${values.length} values, expected k*S = ${length} for layer "${layer.name}"`);
  const out = new Int32Array(length);
  for (let i = 0; i < length; i++) {
    if (values[i] !== (values[i] | 0)) {
      // not an int32 (fractions, NaN, out of range)
      throw new RangeError(
        `layer "${layer.name}": codebook value ${values[i]} is not a fixed-point integer; pass a quantized codebook (values.codebook)`,
      );
    }
    out[i] = values[i];
  }
  return out;
}

/** The M x (C/groups) x R x S weights a shared layer stands for: every row replaced by the codebook row it names. */
export function expandSharedWeights(layer: Layer, codebook: Int32Array): Int32Array {
  const { S } = layer;
  const { index } = layer.sharing!;
  const out = new Int32Array(index.length * S);
  for (let row = 0; row < index.length; row++) out.set(codebook.subarray(index[row] * S, index[row] * S + S), row * S);
  return out;
}
