// Compression ratio as Deep k-Means reports it (after Han et al. 2016), per layer and for the whole model:
// - original: 32 bits for every conv and FC weight and bias (BatchNorm not counted);
// - a shared conv layer: K * s * 32 bits of codebook + N * H bits of indices, H from indexCoding.ts under three
//   codings (fixed-length, entropy, Huffman); its biases stay at 32 bits;
// - FC layers, and conv layers not shared (no sharing given, or K >= N), stay at 32 bits per weight.
// Beside them, the on-chip ratio: what the accelerator moves and stores, its filters in words of `wordBits`
// (hw.wordBits) before sharing, and after sharing fixed-length indices plus a codebook in words of `wordBits`;
// biases are not counted (the accelerator model does not move them).
import { DEFAULT_WORD_BITS } from '../hw/spec.js';
import { filterWords, type Layer } from '../workload/layer.js';
import { indexBits, type IndexBits } from './indexCoding.js';
import { rowCount, rowLength } from './rowVectors.js';

/** Storage of one value before sharing and of one codebook entry. */
export const FLOAT_BITS = 32;

/**
 * Which layers carry biases: 'all' (Caffe models, and the authors' WRN-16-4, whose convs have bias=True),
 * 'fc-only' (torchvision-style convs without bias), or 'none'. One bias per filter (M per layer).
 */
export type BiasPolicy = 'all' | 'fc-only' | 'none';

/** What CR needs from a shared layer (a LayerSharing fits; hand-made values do too). */
export interface SharedLayerShape {
  readonly layer: string;
  readonly rows: number;
  readonly rowLength: number;
  readonly k: number;
  readonly clusterSizes: ArrayLike<number>;
}

/** Filter bits on the accelerator: dense weights in words, or fixed-length indices plus a codebook in words. */
export interface OnChipBits {
  readonly originalBits: number;
  readonly compressedBits: number;
}

export interface LayerCompression {
  readonly layer: string;
  readonly kind: Layer['kind'];
  readonly weightWords: number;
  readonly biasWords: number;
  /** True when a codebook replaces the layer's weights. */
  readonly shared: boolean;
  /** Storage at 32 bits (the paper's convention), under each index coding. */
  readonly originalBits: number;
  readonly compressedBits: IndexBits;
  readonly onChip: OnChipBits;
}

/** The ratios of a model: storage at 32 bits under each index coding (the paper's), and on-chip in words. */
export interface CompressionRatios extends IndexBits {
  /** Dense filter bits at wordBits over fixed-length index bits plus codebook bits at wordBits. */
  readonly onChip: number;
}

/** What each ratio counts, in words for JSON outputs and tables (one text per ratio, so every output says the same). */
export function ratioDefinitions(wordBits: number): { readonly [K in keyof CompressionRatios]: string } {
  const storage = (coding: string) =>
    `storage: 32-bit weights and biases of every conv and FC layer over a 32-bit codebook, ${coding} indices ` +
    "and 32-bit biases (the paper's convention, after Han et al.)";
  return {
    fixed: storage('fixed-length (ceil(log2 K)-bit)'),
    entropy: storage('entropy-coded'),
    huffman: storage('Huffman-coded'),
    onChip:
      `on chip: filters in ${wordBits}-bit words over fixed-length indices plus the codebook in ${wordBits}-bit words ` +
      '(what the accelerator moves and stores; biases not counted)',
  };
}

export interface ModelCompression {
  readonly layers: readonly LayerCompression[];
  readonly originalBits: number;
  readonly compressedBits: IndexBits;
  /** The word the on-chip bits are counted in. */
  readonly wordBits: number;
  readonly onChip: OnChipBits;
  /** originalBits / compressedBits under each index coding, and onChip.originalBits / onChip.compressedBits. */
  readonly ratio: CompressionRatios;
}

export interface CompressionRatioOptions {
  readonly biases?: BiasPolicy;
  /** Bits of one accelerator word (hw.wordBits) for the on-chip ratio; default DEFAULT_WORD_BITS. */
  readonly wordBits?: number;
}

export function biasWords(layer: Layer, policy: BiasPolicy): number {
  if (policy === 'none' || (policy === 'fc-only' && layer.kind !== 'fc')) return 0;
  return layer.M;
}

export function compressionReport(
  layers: readonly Layer[],
  sharings: readonly SharedLayerShape[],
  opts: CompressionRatioOptions = {},
): ModelCompression {
  const policy = opts.biases ?? 'all';
  const wordBits = opts.wordBits ?? DEFAULT_WORD_BITS;
  if (!(Number.isInteger(wordBits) && wordBits > 0))
    throw new Error(`compression ratio: wordBits must be a positive integer, got ${wordBits}`);
  const byName = new Map<string, SharedLayerShape>();
  for (const s of sharings) {
    const layer = layers.find((l) => l.name === s.layer);
    if (layer === undefined) throw new Error(`compression ratio: sharing for unknown layer "${s.layer}"`);
    checkShape(layer, s);
    byName.set(s.layer, s);
  }
  const rows = layers.map((layer) => layerCompression(layer, byName.get(layer.name), policy, wordBits));
  const sum = (f: (l: LayerCompression) => number): number => rows.reduce((acc, l) => acc + f(l), 0);
  const originalBits = sum((l) => l.originalBits);
  const compressedBits: IndexBits = {
    fixed: sum((l) => l.compressedBits.fixed),
    entropy: sum((l) => l.compressedBits.entropy),
    huffman: sum((l) => l.compressedBits.huffman),
  };
  const onChip: OnChipBits = { originalBits: sum((l) => l.onChip.originalBits), compressedBits: sum((l) => l.onChip.compressedBits) };
  const ratio: CompressionRatios = {
    fixed: originalBits / compressedBits.fixed,
    entropy: originalBits / compressedBits.entropy,
    huffman: originalBits / compressedBits.huffman,
    onChip: onChip.originalBits / onChip.compressedBits,
  };
  return { layers: rows, originalBits, compressedBits, wordBits, onChip, ratio };
}

function layerCompression(layer: Layer, sharing: SharedLayerShape | undefined, policy: BiasPolicy, wordBits: number): LayerCompression {
  const weightWords = filterWords(layer);
  const bias = biasWords(layer, policy);
  const originalBits = (weightWords + bias) * FLOAT_BITS;
  const denseOnChip = weightWords * wordBits;
  const base = { layer: layer.name, kind: layer.kind, weightWords, biasWords: bias, originalBits };
  // K >= N stores every row anyway: that is the uncompressed layer, indices would only add bits.
  if (sharing === undefined || sharing.k >= sharing.rows) {
    return {
      ...base,
      shared: false,
      compressedBits: { fixed: originalBits, entropy: originalBits, huffman: originalBits },
      onChip: { originalBits: denseOnChip, compressedBits: denseOnChip },
    };
  }
  const codebookBits = sharing.k * sharing.rowLength * FLOAT_BITS;
  const index = indexBits(sharing.k, sharing.clusterSizes);
  const fixedBits = bias * FLOAT_BITS + codebookBits;
  return {
    ...base,
    shared: true,
    compressedBits: { fixed: fixedBits + index.fixed, entropy: fixedBits + index.entropy, huffman: fixedBits + index.huffman },
    onChip: { originalBits: denseOnChip, compressedBits: index.fixed + sharing.k * sharing.rowLength * wordBits },
  };
}

function checkShape(layer: Layer, s: SharedLayerShape): void {
  const where = `compression ratio, layer "${layer.name}"`;
  if (layer.kind !== 'conv') throw new Error(`${where}: only conv layers are shared (FC layers stay 32-bit)`);
  if (s.rows !== rowCount(layer) || s.rowLength !== rowLength(layer)) {
    throw new Error(`${where}: sharing has ${s.rows} rows of ${s.rowLength}, the layer ${rowCount(layer)} rows of ${rowLength(layer)}`);
  }
  if (s.clusterSizes.length !== s.k) throw new Error(`${where}: ${s.clusterSizes.length} cluster sizes for K = ${s.k}`);
  let total = 0;
  for (let j = 0; j < s.clusterSizes.length; j++) total += s.clusterSizes[j];
  if (total !== s.rows) throw new Error(`${where}: cluster sizes add up to ${total}, not the ${s.rows} rows`);
}
