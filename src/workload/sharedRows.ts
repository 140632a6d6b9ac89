// A layer whose filter rows are shared (Deep k-Means): every row of S weights is one of k codebook rows,
// named by an index. This is what the accelerator sees of a compressed layer; the codebook values matter
// only to the functional data path, the indices decide what moves and what is computed.
import type { HardwareSpec } from '../hw/spec.js';
import type { Layer } from './layer.js';

export interface SharedFilterRows {
  /** Codebook rows. */
  readonly k: number;
  /** Bits of one stored index (fixed-length code): fixedIndexBits(k). */
  readonly indexBits: number;
  /** Codebook row of every filter row, in (m, c, r) order: m over all M filters, c within the group. */
  readonly index: Uint32Array;
  /** k * S centroid values; present when the functional data path must compute with them. */
  readonly codebook?: Float32Array;
}

/** ceil(log2 K) bits, 0 when K = 1 (exact in integers: no floating-point log at powers of two). */
export function fixedIndexBits(k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`index bits: K must be a positive integer, got ${k}`);
  return k === 1 ? 0 : 32 - Math.clz32(k - 1);
}

/** Words that `rows` indices of `indexBits` occupy, packed densely into `wordBits`-bit words (fractional). */
export function indexWords(rows: number, indexBits: number, wordBits: number): number {
  return (rows * indexBits) / wordBits;
}

/**
 * Words of a codebook kept whole in the GLB for the layer (loaded once, serving every PE), or 0 when it
 * does not fit the GLB space set aside for it and travels with the indices instead.
 */
export function glbCodebookWords(layer: Layer, hw: HardwareSpec): number {
  if (!layer.sharing) return 0;
  const words = layer.sharing.k * layer.S;
  const budget = Math.floor((hw.weightSharing.glbCodebookBytes * 8) / hw.wordBits);
  return words <= budget ? words : 0;
}

/** Throws, naming the layer, when the sharing does not describe this layer's rows. */
export function checkSharing(layer: Layer, sharing: SharedFilterRows): void {
  const rows = layer.M * (layer.C / layer.groups) * layer.R;
  const at = `layer "${layer.name}": weight sharing`;
  if (!Number.isInteger(sharing.k) || sharing.k < 1) throw new Error(`${at}: k must be a positive integer, got ${sharing.k}`);
  if (sharing.index.length !== rows) {
    throw new Error(`${at}: ${sharing.index.length} indices given, the layer has ${rows} filter rows (M x C/groups x R)`);
  }
  if (!Number.isInteger(sharing.indexBits) || sharing.indexBits < fixedIndexBits(sharing.k)) {
    throw new Error(`${at}: ${sharing.indexBits}-bit indices cannot name ${sharing.k} codebook rows`);
  }
  for (let i = 0; i < rows; i++) {
    if (sharing.index[i] >= sharing.k) throw new Error(`${at}: row ${i} names codebook row ${sharing.index[i]}, k is ${sharing.k}`);
  }
  if (sharing.codebook && sharing.codebook.length !== sharing.k * layer.S) {
    throw new Error(`${at}: codebook has ${sharing.codebook.length} values, expected k x S = ${sharing.k * layer.S}`);
  }
}
