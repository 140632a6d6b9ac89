// The layers of a run as the accelerator runs them Deep k-Means-shared (the same plan, weights and k-means as
// `dkm-sim compress`), and the sharing facts the reports show beside the run. A one-layer run clusters only
// the conv layers it runs, each exactly as a whole-network run does (restrictPlan).
import type { Layer, Network } from '../workload/layer.js';
import { shareModel, type WeightSource } from './compressNetwork.js';
import { compressionReport, ratioDefinitions, type CompressionRatios } from './compressionRatio.js';
import { restrictPlan, type FirstLayer, type SharingPlan } from './plan.js';
import { withSharing } from './sharedNetwork.js';

/** One conv layer the accelerator runs shared: its codebook size and the bits of one stored index. */
export interface SharedLayerInfo {
  readonly name: string;
  readonly rows: number;
  readonly k: number;
  readonly sparsity: number;
  readonly indexBits: number;
}

export interface SharingInfo {
  readonly method: 'dkm';
  /**
   * Storage at 32 bits (the paper's convention) under three index codings, and on chip in the hardware's words
   * (see compressionRatio.ts); compressionRatioDefinition says the same in words.
   */
  readonly compressionRatio: CompressionRatios;
  readonly compressionRatioDefinition: { readonly [K in keyof CompressionRatios]: string };
  /** 'network': the whole model, as `dkm-sim compress` reports it; 'layers': only the layers of a --layer run. */
  readonly compressionRatioOf: 'network' | 'layers';
  /**
   * K and sparsity p per conv layer, in network order; clusterRate when the plan came from one, with how it
   * treated the first conv layer: 'uncompressed' (kept whole) or the layer's own rate.
   */
  readonly plan: {
    readonly clusterRate?: number;
    readonly firstLayer?: FirstLayer;
    readonly k: readonly number[];
    readonly sparsity: readonly number[];
  };
  /** 'synthetic': seeded He-normal weights, so the entropy-coded ratios are indicative only. */
  readonly weights: { readonly source: 'synthetic' | 'file'; readonly file?: string; readonly seed?: number };
  readonly sharedLayers: readonly SharedLayerInfo[];
}

export interface SharedRunRequest extends WeightSource {
  readonly method: SharingInfo['method'];
  /** The whole network's plan (checked). */
  readonly plan: SharingPlan;
  /** The cluster rate the plan came from and how it treated the first conv layer; absent for a K list. */
  readonly rate?: { readonly clusterRate: number; readonly firstLayer: FirstLayer };
}

export interface SharedRun {
  /** The layers of the run, shared ones carrying layer.sharing. */
  readonly network: Network;
  readonly sharing: SharingInfo;
}

/** `run` holds some or all of `full`'s layers; `wordBits` is the hardware's word, in which the on-chip ratio counts. */
export function shareRun(
  full: Network,
  run: Network,
  req: SharedRunRequest,
  wordBits: number,
  onLayer?: (layer: Layer, convIndex: number, convCount: number) => void,
): SharedRun {
  const whole = run.layers.length === full.layers.length;
  const plan = whole ? req.plan : restrictPlan(full.layers, new Set(run.layers.map((l) => l.name)), req.plan);
  const { summary, sharings } = shareModel(full, plan, req, { wordBits, onLayer });
  const byName = new Map(withSharing(full, sharings).layers.map((l) => [l.name, l]));
  const network: Network = { name: run.name, layers: run.layers.map((l) => byName.get(l.name)!) };
  const ratio = whole
    ? summary.totals.ratio
    : compressionReport(
        run.layers,
        sharings.filter((s) => run.layers.some((l) => l.name === s.layer)),
        { wordBits },
      ).ratio;
  const sharedLayers = network.layers.flatMap((l) => {
    if (!l.sharing) return [];
    const c = summary.layers.find((s) => s.name === l.name)!;
    return [{ name: l.name, rows: c.rows, k: l.sharing.k, sparsity: c.sparsity, indexBits: l.sharing.indexBits }];
  });
  return {
    network,
    sharing: {
      method: req.method,
      compressionRatio: { fixed: ratio.fixed, entropy: ratio.entropy, huffman: ratio.huffman, onChip: ratio.onChip },
      compressionRatioDefinition: ratioDefinitions(wordBits),
      compressionRatioOf: whole ? 'network' : 'layers',
      plan: {
        ...(req.rate && { clusterRate: req.rate.clusterRate, firstLayer: req.rate.firstLayer }),
        k: plan.k,
        sparsity: summary.plan.sparsity,
      },
      weights: summary.weights,
      sharedLayers,
    },
  };
}
