// The Deep k-Means paper's energy metric (Wu et al., ICML 2018, section 3, built on Sakr et al., ICML 2017),
// counted in full adders (FA). The one place where this metric and its conversion constants live.
//
//   computational cost     = sum over dot products of  D*Bw*Bx + (D-1)*(Bx + Bw + ceil(log2 D) - 1)  FA
//   representational cost  = Nw*|W|*Bw + Nx*|X|*Bx  bits loaded, scaled to FA (every load a GLB access)
//   total                  = both summed, also re-normalized to MAC units
//
// The paper gives no conversion constants; the ones chosen here are in FA_METRIC_CONSTANTS with their reasons.
// Weight sharing divides the weight representational cost by the compression ratio and removes computation only
// for dot products that duplicate another one (all their weights shared and applied to the same input); the paper
// does not model codebook look-ups, and neither does this file.
import { filterWords, ifmapWords, layerMacs, ofmapWords, type Layer } from '../workload/layer.js';

/** The reference precision at which the Eyeriss energy ratios were measured (16-bit weights and activations). */
const REFERENCE_BITS = 16;

/**
 * The conversion constants of the metric. The paper states only "a load is a global-buffer access at about 6x a
 * MAC, summed with computation and re-normalized to MAC units"; the numbers below make that statement exact.
 */
export const FA_METRIC_CONSTANTS = Object.freeze({
  /**
   * Energy of one GLB access of one reference word, in units of one reference MAC. Eyeriss (Chen et al., ISCA 2016)
   * normalized costs: MAC 1, RF 1, NoC 2, GLB 6, DRAM 200 per 16-bit access; the paper quotes the GLB figure.
   * Same number as hardware/eyeriss.json's "glb": 6.
   */
  glbAccessPerMac: 6,
  /**
   * Word width of the reference MAC and of the reference GLB access the ratio above was measured at: Eyeriss is a
   * 16-bit machine. A load of a B-bit word costs B / referenceWordBits of a reference access (GLB energy taken as
   * proportional to the bits moved).
   */
  referenceWordBits: REFERENCE_BITS,
  /**
   * The precision of the MAC that defines one "MAC unit" for the re-normalization. Fixed at the reference precision,
   * NOT the layer's (Bw, Bx): a unit that shrank with the layer's precision would make 8-bit and 16-bit results,
   * and the sum over a mixed-precision network (AlexNet: 8-bit conv, 16-bit FC), incommensurable, and would cancel
   * the precision out of the load cost in MAC units.
   */
  macUnitBits: Object.freeze({ weightBits: REFERENCE_BITS, activationBits: REFERENCE_BITS }),
});

/** ceil(log2 n) for a positive integer n, exact for any safe integer (no floating-point log). */
function ceilLog2(n: number): number {
  let bits = 0;
  let reach = 1;
  while (reach < n) {
    reach *= 2;
    bits += 1;
  }
  return bits;
}

function requirePositiveInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${what} must be a positive integer, got ${value}`);
  }
}

/**
 * FA cost of one D-dimensional dot product with Bw-bit weights and Bx-bit activations (Sakr et al.):
 * D multipliers of Bw*Bx FA each, and D-1 adders whose width grows to Bx + Bw + ceil(log2 D) - 1 bits.
 */
export function dotProductFa(D: number, weightBits: number, activationBits: number): number {
  requirePositiveInteger(D, 'dot product length D');
  requirePositiveInteger(weightBits, 'weight bits');
  requirePositiveInteger(activationBits, 'activation bits');
  return D * weightBits * activationBits + (D - 1) * (activationBits + weightBits + ceilLog2(D) - 1);
}

/**
 * FA cost of one MAC at (Bw, Bx): one Bw x Bx multiplier plus one accumulating adder, taken from the formula itself
 * as the cost of growing a dot product from length 1 to length 2, dotProductFa(2) - dotProductFa(1) = Bw*Bx + Bw + Bx.
 * (The adder of a length-2 dot product is Bw + Bx bits wide: the product width with one carry bit.)
 */
export function macFa(weightBits: number, activationBits: number): number {
  return dotProductFa(2, weightBits, activationBits) - dotProductFa(1, weightBits, activationBits);
}

/** FA in one MAC unit: the reference 16 x 16-bit MAC, 16*16 + 16 + 16 = 288 FA. */
export const FA_PER_MAC_UNIT = macFa(FA_METRIC_CONSTANTS.macUnitBits.weightBits, FA_METRIC_CONSTANTS.macUnitBits.activationBits);

/**
 * FA equivalent of loading one bit: a reference-word GLB access costs glbAccessPerMac reference MACs, spread over
 * its referenceWordBits bits: 6 * 288 / 16 = 108 FA per bit. So a 16-bit load is exactly 6 MAC units (1728 FA),
 * an 8-bit load 3 MAC units (864 FA).
 */
export const FA_PER_LOADED_BIT = (FA_METRIC_CONSTANTS.glbAccessPerMac * FA_PER_MAC_UNIT) / FA_METRIC_CONSTANTS.referenceWordBits;

export interface SharingOptions {
  /**
   * The layer's weight compression ratio (original bits / compressed bits), > 0. The weight representational cost
   * is divided by it. A ratio below 1 (e.g. an uncompressed layer that still pays for indices) raises the cost.
   */
  readonly compressionRatio: number;
  /**
   * Fraction, in [0, 1], of the layer's dot products that duplicate another one (all their weights are shared AND
   * applied to the same input), so their result is reused and they are not computed. Default 0: row sharing alone
   * makes two dot products equal only when whole filters coincide, which depends on the clustering (input-dependent
   * in the paper's words), so the caller must measure it.
   */
  readonly sharedDotProductFraction?: number;
}

export interface LayerMetricOptions {
  readonly weightBits: number;
  readonly activationBits: number;
  /**
   * Nw: average number of times each weight is loaded (may be fractional). Default N*E*F, i.e. layerMacs / |W|:
   * every MAC loads its weight (see defaultLoads). Measured counts: pass (filter words read) / filterWords(layer).
   */
  readonly weightLoads?: number;
  /**
   * Nx: average number of times each input activation is loaded (may be fractional). Default layerMacs / |X|:
   * every MAC loads its activation. Measured counts: pass (ifmap words read) / ifmapWords(layer).
   */
  readonly activationLoads?: number;
  readonly sharing?: SharingOptions;
}

export interface FaMetric {
  /** FA of all dot products (after removing the shared ones). */
  readonly computationalFa: number;
  /** Nw * |W| * Bw bits (divided by the compression ratio), times FA_PER_LOADED_BIT. */
  readonly weightRepresentationalFa: number;
  /** Nx * |X| * Bx bits, times FA_PER_LOADED_BIT. */
  readonly activationRepresentationalFa: number;
  readonly totalFa: number;
  /** totalFa / FA_PER_MAC_UNIT. */
  readonly totalMacUnits: number;
}

export interface LayerFaMetric extends FaMetric {
  readonly name: string;
  /** D = (C/groups) * R * S. */
  readonly dotProductLength: number;
  /** N * M * E * F, one per output. */
  readonly dotProducts: number;
  /** The Nw and Nx actually used (the defaults when not given). */
  readonly weightLoads: number;
  readonly activationLoads: number;
}

/**
 * The default load counts: no reuse below the global buffer, i.e. every MAC loads both of its operands, so
 * Nw * |W| = Nx * |X| = layerMacs (padding positions included, as layerMacs counts them). This is the literal
 * reading of the paper's "N = number of times the data are loaded for the convolutions" with "every load is a GLB
 * access": a weight is loaded once per output position it produces (Nw = N*E*F), an activation once per filter tap
 * and filter it meets. It depends on the layer shape only (no mapping), is an upper bound for any schedule that
 * reuses data in registers, and is the reading under which weight sharing matters at all (with Nw = 1, as in Sakr
 * et al., the weight cost of a conv layer is negligible next to its computation). Schedules with reuse should pass
 * measured counts.
 */
export function defaultLoads(layer: Layer): { readonly weightLoads: number; readonly activationLoads: number } {
  const macs = layerMacs(layer);
  return { weightLoads: macs / filterWords(layer), activationLoads: macs / ifmapWords(layer) };
}

function requireNonNegative(value: number | undefined, what: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
    throw new Error(`${what} must be a finite number >= 0, got ${value}`);
  }
}

function checkOptions(layer: Layer, opts: LayerMetricOptions): void {
  const at = `layer "${layer.name}"`;
  requirePositiveInteger(opts.weightBits, `${at}: weightBits`);
  requirePositiveInteger(opts.activationBits, `${at}: activationBits`);
  requireNonNegative(opts.weightLoads, `${at}: weightLoads`);
  requireNonNegative(opts.activationLoads, `${at}: activationLoads`);
  if (opts.sharing) {
    const { compressionRatio, sharedDotProductFraction } = opts.sharing;
    if (!(Number.isFinite(compressionRatio) && compressionRatio > 0)) {
      throw new Error(`${at}: sharing.compressionRatio must be a finite number > 0, got ${compressionRatio}`);
    }
    if (
      sharedDotProductFraction !== undefined &&
      !(Number.isFinite(sharedDotProductFraction) && sharedDotProductFraction >= 0 && sharedDotProductFraction <= 1)
    ) {
      throw new Error(`${at}: sharing.sharedDotProductFraction must be in [0, 1], got ${sharedDotProductFraction}`);
    }
  }
}

/** The paper's FA metric of one layer; throws, naming the layer, on bad options. */
export function layerMetric(layer: Layer, opts: LayerMetricOptions): LayerFaMetric {
  checkOptions(layer, opts);
  const { weightBits, activationBits, sharing } = opts;
  const D = (layer.C / layer.groups) * layer.R * layer.S;
  const dotProducts = ofmapWords(layer);
  const macs = layerMacs(layer);
  const wWords = filterWords(layer);
  const xWords = ifmapWords(layer);

  const computedFraction = 1 - (sharing?.sharedDotProductFraction ?? 0);
  const computationalFa = dotProducts * computedFraction * dotProductFa(D, weightBits, activationBits);

  // Words loaded: the defaults are exactly layerMacs (kept as an integer product, not loads * words, so the
  // default costs carry no rounding from the fractional per-element count).
  const weightWordsLoaded = opts.weightLoads === undefined ? macs : opts.weightLoads * wWords;
  const activationWordsLoaded = opts.activationLoads === undefined ? macs : opts.activationLoads * xWords;
  const compressionRatio = sharing?.compressionRatio ?? 1;
  const weightRepresentationalFa = (weightWordsLoaded * weightBits * FA_PER_LOADED_BIT) / compressionRatio;
  const activationRepresentationalFa = activationWordsLoaded * activationBits * FA_PER_LOADED_BIT;

  const totalFa = computationalFa + weightRepresentationalFa + activationRepresentationalFa;
  return {
    name: layer.name,
    dotProductLength: D,
    dotProducts,
    weightLoads: opts.weightLoads ?? macs / wWords,
    activationLoads: opts.activationLoads ?? macs / xWords,
    computationalFa,
    weightRepresentationalFa,
    activationRepresentationalFa,
    totalFa,
    totalMacUnits: totalFa / FA_PER_MAC_UNIT,
  };
}

export interface ModelFaMetric extends FaMetric {
  readonly layers: readonly LayerFaMetric[];
}

/**
 * The metric of a network: the sum over its layers. `opts` is one set of options for every layer, or a function
 * giving each layer its own (per-layer precision such as 8-bit conv / 16-bit FC, per-layer compression ratios,
 * measured load counts).
 */
export function modelMetric(
  layers: readonly Layer[],
  opts: LayerMetricOptions | ((layer: Layer, index: number) => LayerMetricOptions),
): ModelFaMetric {
  const perLayer = layers.map((layer, i) => layerMetric(layer, typeof opts === 'function' ? opts(layer, i) : opts));
  const sum = (key: 'computationalFa' | 'weightRepresentationalFa' | 'activationRepresentationalFa'): number =>
    perLayer.reduce((acc, m) => acc + m[key], 0);
  const computationalFa = sum('computationalFa');
  const weightRepresentationalFa = sum('weightRepresentationalFa');
  const activationRepresentationalFa = sum('activationRepresentationalFa');
  const totalFa = computationalFa + weightRepresentationalFa + activationRepresentationalFa;
  return {
    layers: perLayer,
    computationalFa,
    weightRepresentationalFa,
    activationRepresentationalFa,
    totalFa,
    totalMacUnits: totalFa / FA_PER_MAC_UNIT,
  };
}
