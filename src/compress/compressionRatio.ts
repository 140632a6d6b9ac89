// Compression ratio as Deep k-Means reports it (after Han et al. 2016), per layer and for the whole model:
// - original: 32 bits for every conv and FC weight and bias (BatchNorm not counted);
// - a shared conv layer: K * s * 32 bits of codebook + N * H bits of indices, H from indexCoding.ts under three
//   codings (fixed-length, entropy, Huffman); its biases stay at 32 bits;
// - FC layers, and conv layers not shared (no sharing given, or K >= N), stay at 32 bits per weight.
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

export interface LayerCompression {
  readonly layer: string;
  readonly kind: Layer['kind'];
  readonly weightWords: number;
  readonly biasWords: number;
  /** True when a codebook replaces the layer's weights. */
  readonly shared: boolean;
  readonly originalBits: number;
  readonly compressedBits: IndexBits;
}

export interface ModelCompression {
  readonly layers: readonly LayerCompression[];
  readonly originalBits: number;
  readonly compressedBits: IndexBits;
  /** originalBits / compressedBits under each index coding. */
  readonly ratio: IndexBits;
}

export function biasWords(layer: Layer, policy: BiasPolicy): number {
  if (policy === 'none' || (policy === 'fc-only' && layer.kind !== 'fc')) return 0;
  return layer.M;
}

export function compressionReport(
  layers: readonly Layer[], sharings: readonly SharedLayerShape[], opts: { readonly biases?: BiasPolicy } = {},
): ModelCompression {
  const policy = opts.biases ?? 'all';
  const byName = new Map<string, SharedLayerShape>();
  for (const s of sharings) {
    const layer = layers.find((l) => l.name === s.layer);
    if (layer === undefined) throw new Error(`compression ratio: sharing for unknown layer "${s.layer}"`);
    checkShape(layer, s);
    byName.set(s.layer, s);
  }
  const rows = layers.map((layer) => layerCompression(layer, byName.get(layer.name), policy));
  const sum = (f: (l: LayerCompression) => number): number => rows.reduce((acc, l) => acc + f(l), 0);
  const originalBits = sum((l) => l.originalBits);
  const compressedBits: IndexBits = {
    fixed: sum((l) => l.compressedBits.fixed),
    entropy: sum((l) => l.compressedBits.entropy),
    huffman: sum((l) => l.compressedBits.huffman),
  };
  const ratio: IndexBits = {
    fixed: originalBits / compressedBits.fixed,
    entropy: originalBits / compressedBits.entropy,
    huffman: originalBits / compressedBits.huffman,
  };
  return { layers: rows, originalBits, compressedBits, ratio };
}

function layerCompression(layer: Layer, sharing: SharedLayerShape | undefined, policy: BiasPolicy): LayerCompression {
  const weightWords = filterWords(layer);
  const bias = biasWords(layer, policy);
  const originalBits = (weightWords + bias) * FLOAT_BITS;
  const base = { layer: layer.name, kind: layer.kind, weightWords, biasWords: bias, originalBits };
  // K >= N stores every row anyway: that is the uncompressed layer, indices would only add bits.
  if (sharing === undefined || sharing.k >= sharing.rows) {
    return { ...base, shared: false, compressedBits: { fixed: originalBits, entropy: originalBits, huffman: originalBits } };
  }
  const codebookBits = sharing.k * sharing.rowLength * FLOAT_BITS;
  const index = indexBits(sharing.k, sharing.clusterSizes);
  const fixedBits = bias * FLOAT_BITS + codebookBits;
  return {
    ...base,
    shared: true,
    compressedBits: { fixed: fixedBits + index.fixed, entropy: fixedBits + index.entropy, huffman: fixedBits + index.huffman },
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
