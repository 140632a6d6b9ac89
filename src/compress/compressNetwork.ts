// Deep k-Means weight sharing of a whole network as plain data: the plan, every conv layer's codebook
// statistics and the compression ratios, from the weights of a file or seeded synthetic ones. The `dkm-sim
// compress` command prints and writes this; the main command's --compress runs the network it gives.
import type { Layer, Network } from '../workload/layer.js';
import { loadWeights } from '../workload/weights/load.js';
import type { NetworkWeights } from '../workload/weights/types.js';
import { heNormalWeights } from '../workload/weights/synthetic.js';
import { compressionReport, ratioDefinitions, type ModelCompression, type OnChipBits } from './compressionRatio.js';
import { indexBits, type IndexBits } from './indexCoding.js';
import { convLayers, shareNetwork, type SharingPlan } from './plan.js';
import type { LayerSharing } from './sharing.js';

export interface CompressedLayerSummary {
  readonly name: string;
  readonly rows: number;
  readonly rowLength: number;
  readonly k: number;
  readonly sparsity: number;
  readonly zeroRows: number;
  /** Sum of squared distances of the rows to their centres. */
  readonly distortion: number;
  /** Average bits of one row's index under each coding. */
  readonly indexBitsPerRow: IndexBits;
  /** Storage at 32 bits (the paper's convention) under each index coding. */
  readonly originalBits: number;
  readonly compressedBits: IndexBits;
  /** Filter bits on the accelerator: dense in words of totals.wordBits, or fixed-length indices plus the codebook in words. */
  readonly onChip: OnChipBits;
}

export interface CompressionSummary {
  readonly tool: 'dkm-sim';
  readonly model: string;
  /** 'synthetic': seeded He-normal weights (no trained weights given), so CRs of the entropy codings are indicative. */
  readonly weights: { readonly source: 'synthetic' | 'file'; readonly file?: string; readonly seed?: number };
  readonly plan: { readonly k: readonly number[]; readonly sparsity: readonly number[] };
  readonly layers: readonly CompressedLayerSummary[];
  readonly totals: Pick<ModelCompression, 'originalBits' | 'compressedBits' | 'wordBits' | 'onChip' | 'ratio'> & {
    /** What each ratio counts (ratioDefinitions). */
    readonly ratioDefinition: ReturnType<typeof ratioDefinitions>;
  };
}

export interface CompressOptions {
  readonly plan: SharingPlan;
  /** Trained weights; absent: synthetic He-normal weights from `weightSeed`. */
  readonly weights?: NetworkWeights;
  readonly weightSeed: number;
  /** The accelerator word (hw.wordBits) of the on-chip ratio; default DEFAULT_WORD_BITS. */
  readonly wordBits?: number;
  /** Told before each conv layer is clustered (progress display). */
  readonly onLayer?: (layer: Layer, convIndex: number, convCount: number) => void;
}

const perRow = (total: IndexBits, rows: number): IndexBits => ({
  fixed: total.fixed / rows,
  entropy: total.entropy / rows,
  huffman: total.huffman / rows,
});

/** The summary and the k-means results behind it (which withSharing puts on the layers for the accelerator). */
export function compressNetworkWithSharings(
  network: Network,
  o: CompressOptions,
): { summary: CompressionSummary; sharings: LayerSharing[] } {
  const convs = convLayers(network.layers);
  const weightsOf = (layer: Layer, convIndex: number): Float32Array => {
    o.onLayer?.(layer, convIndex, convs.length);
    return o.weights?.layers.get(layer.name)?.weights ?? heNormalWeights(layer, o.weightSeed + convIndex);
  };
  const sharings = shareNetwork(network.layers, weightsOf, o.plan);
  return { summary: summarize(network, o, sharings), sharings };
}

function summarize(network: Network, o: CompressOptions, sharings: readonly LayerSharing[]): CompressionSummary {
  const report = compressionReport(network.layers, sharings, { wordBits: o.wordBits });
  const convs = convLayers(network.layers);
  const layers = sharings.map((s, i): CompressedLayerSummary => {
    const cr = report.layers.find((l) => l.layer === s.layer)!;
    return {
      name: s.layer,
      rows: s.rows,
      rowLength: s.rowLength,
      k: s.k,
      sparsity: o.plan.sparsity?.[i] ?? 0,
      zeroRows: s.zeroRows,
      distortion: s.distortion,
      indexBitsPerRow: perRow(indexBits(s.k, s.clusterSizes), s.rows),
      originalBits: cr.originalBits,
      compressedBits: cr.compressedBits,
      onChip: cr.onChip,
    };
  });
  return {
    tool: 'dkm-sim',
    model: network.name,
    weights: o.weights ? { source: 'file', file: o.weights.file } : { source: 'synthetic', seed: o.weightSeed },
    plan: { k: [...o.plan.k], sparsity: convs.map((_, i) => o.plan.sparsity?.[i] ?? 0) },
    layers,
    totals: {
      originalBits: report.originalBits,
      compressedBits: report.compressedBits,
      wordBits: report.wordBits,
      onChip: report.onChip,
      ratio: report.ratio,
      ratioDefinition: ratioDefinitions(report.wordBits),
    },
  };
}

/** Where a network's weights come from: a weights file (loaded here, errors naming the file) or seeded synthetic ones. */
export interface WeightSource {
  readonly weights?: string;
  readonly weightSeed: number;
}

export interface SharedModel {
  readonly summary: CompressionSummary;
  /** The conv layers' k-means results in network order, for withSharing. */
  readonly sharings: readonly LayerSharing[];
}

/**
 * Loads the weights (or makes synthetic ones) and shares the network by `plan`; `wordBits` is the accelerator
 * word of the on-chip ratio. `onLayer` is told before each conv layer is clustered: on large networks k-means
 * takes minutes, and a progress line shows where.
 */
export function shareModel(
  network: Network,
  plan: SharingPlan,
  source: WeightSource,
  o: { readonly wordBits: number; readonly onLayer?: (layer: Layer, convIndex: number, convCount: number) => void },
): SharedModel {
  const weights = source.weights ? loadWeights(source.weights, network) : undefined;
  return compressNetworkWithSharings(network, { plan, weights, weightSeed: source.weightSeed, wordBits: o.wordBits, onLayer: o.onLayer });
}
