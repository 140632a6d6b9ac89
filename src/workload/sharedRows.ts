// A layer whose filter rows are shared (Deep k-Means): every row of S weights is one of k codebook rows,
// named by an index. This is what the accelerator sees of a compressed layer; the codebook values matter
// only to the functional data path, the indices decide what moves and what is computed.
import type { Layer } from './layer.js';

/**
 * How the accelerator runs a shared layer. `decodeAt` 'pe': indices travel to the PEs, which look their
 * weights up in per-PE codebooks (and reuse 1-D convolutions of equal rows); the codebook comes with the
 * indices ('streamed') or is kept whole in the GLB ('resident'). 'glb': indices come from DRAM to a decoder
 * at the GLB, which reads the resident codebook and sends weights on as words: the PEs run the layer dense.
 * (Running a layer's decoded weights from DRAM is the layer without sharing.)
 */
export type SharedExecution =
  { readonly decodeAt: 'pe'; readonly codebook: 'streamed' | 'resident' } | { readonly decodeAt: 'glb'; readonly codebook: 'resident' };

export const PE_STREAMED: SharedExecution = { decodeAt: 'pe', codebook: 'streamed' };

export interface SharedFilterRows {
  /** Codebook rows. */
  readonly k: number;
  /** Bits of one stored index (fixed-length code): fixedIndexBits(k). */
  readonly indexBits: number;
  /** Codebook row of every filter row, in (m, c, r) order: m over all M filters, c within the group. */
  readonly index: Uint32Array;
  /** k * S centroid values; present when the functional data path must compute with them. */
  readonly codebook?: Float32Array;
  /** How it runs (absent: decoded in the PEs, codebooks streamed with the indices). */
  readonly execution?: SharedExecution;
}

export const executionOf = (sharing: SharedFilterRows): SharedExecution => sharing.execution ?? PE_STREAMED;

/** The sharing the PEs see: present when they decode indices themselves, absent when they get plain weights. */
export function peSharing(layer: Layer): SharedFilterRows | undefined {
  const sharing = layer.sharing;
  return sharing && executionOf(sharing).decodeAt === 'pe' ? sharing : undefined;
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

/** Words of the codebook kept whole in the GLB for the layer (loaded once), or 0 when it has none there. */
export function residentCodebookWords(layer: Layer): number {
  const sharing = layer.sharing;
  return sharing && executionOf(sharing).codebook === 'resident' ? sharing.k * layer.S : 0;
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
