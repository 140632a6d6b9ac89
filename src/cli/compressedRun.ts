// --compress on the main command: the network shared by Deep k-Means (the same plan, weights and k-means as
// `dkm-sim compress`) as the accelerator runs it, and the sharing facts the reports show beside the run.
import { compressionReport, ratioDefinitions } from '../compress/compressionRatio.js';
import { restrictPlan } from '../compress/plan.js';
import { withSharing } from '../compress/sharedNetwork.js';
import type { SharingInfo } from '../report/compressedRun.js';
import type { SharedExecutionName } from '../hw/spec.js';
import type { Layer, Network } from '../workload/layer.js';
import { OptionError } from './optionError.js';
import { DEFAULT_WEIGHT_SEED, firstLayerOf, planOf, shareModel, SHARING_OPTIONS, type SharingArgs } from './sharingOptions.js';

export const COMPRESS_METHODS = ['dkm'] as const;

/** The main command's compression options as given (undefined: not given). */
export interface CompressOptionsGiven {
  readonly compress?: string;
  readonly clusterRate?: number;
  readonly k?: string;
  readonly sparsity?: string;
  readonly firstLayerRate?: number;
  readonly keepFirst?: boolean;
  readonly weights?: string;
  readonly weightSeed?: number;
  /** --decode: where shared weights may be decoded (pe, glb, dense) or auto (the search picks per layer). */
  readonly decode?: string;
}

export interface CompressRequest extends SharingArgs {
  readonly method: (typeof COMPRESS_METHODS)[number];
  /** The executions the search may choose from; absent: every one the hardware supports. */
  readonly executions?: readonly SharedExecutionName[];
}

export const DECODE_CHOICES = ['auto', 'pe', 'glb', 'dense'] as const;

const DECODE_EXECUTIONS: Readonly<Record<Exclude<(typeof DECODE_CHOICES)[number], 'auto'>, readonly SharedExecutionName[]>> = {
  pe: ['pe-streamed', 'pe-resident'],
  glb: ['glb'],
  dense: ['dense'],
};

/** Checks the combination before anything runs; undefined when the run is not compressed. */
export function compressRequest(o: CompressOptionsGiven): CompressRequest | undefined {
  const given: Record<(typeof SHARING_OPTIONS)[number] | 'decode', unknown> = {
    'cluster-rate': o.clusterRate, k: o.k, sparsity: o.sparsity, 'first-layer-rate': o.firstLayerRate, 'keep-first': o.keepFirst,
    weights: o.weights, 'weight-seed': o.weightSeed, decode: o.decode,
  };
  if (o.compress === undefined) {
    const stray = [...SHARING_OPTIONS, 'decode' as const].find((name) => given[name] !== undefined);
    if (stray) throw new OptionError(`--${stray} applies to a compressed run: add --compress dkm, or drop --${stray}`);
    return undefined;
  }
  const method = COMPRESS_METHODS.find((m) => m === o.compress);
  if (method === undefined) {
    throw new OptionError(`--compress "${o.compress}" is not a compression method; use --compress ${COMPRESS_METHODS.join('|')} (Deep k-Means weight sharing)`);
  }
  const decode = o.decode ?? 'auto';
  if (!(DECODE_CHOICES as readonly string[]).includes(decode)) {
    throw new OptionError(`--decode "${decode}" is not a decode point; use --decode ${DECODE_CHOICES.join('|')} (auto: the mapping search picks per layer)`);
  }
  const executions = decode === 'auto' ? undefined : DECODE_EXECUTIONS[decode as keyof typeof DECODE_EXECUTIONS];
  return {
    method, clusterRate: o.clusterRate, k: o.k, sparsity: o.sparsity, firstLayerRate: o.firstLayerRate, keepFirst: o.keepFirst,
    weights: o.weights, weightSeed: o.weightSeed ?? DEFAULT_WEIGHT_SEED,
    ...(executions && { executions }),
  };
}


export interface SharedRun {
  /** The layers of the run, shared ones carrying layer.sharing. */
  readonly network: Network;
  readonly sharing: SharingInfo;
}

/**
 * Plans (throwing OptionError on a bad plan), clusters and returns the run's layers as shared; `wordBits` is the
 * hardware's word, in which the on-chip compression ratio counts.
 */
export function shareRun(
  full: Network, run: Network, req: CompressRequest, wordBits: number, onLayer?: (layer: Layer, convIndex: number, convCount: number) => void,
): SharedRun {
  const whole = run.layers.length === full.layers.length;
  // A --layer run clusters only the conv layers it runs, each exactly as a whole-network run does.
  const plan = whole ? planOf(full, req) : restrictPlan(full.layers, new Set(run.layers.map((l) => l.name)), planOf(full, req));
  const { summary, sharings } = shareModel(full, plan, req, { wordBits, onLayer });
  const byName = new Map(withSharing(full, sharings).layers.map((l) => [l.name, l]));
  const network: Network = { name: run.name, layers: run.layers.map((l) => byName.get(l.name)!) };
  const ratio = whole
    ? summary.totals.ratio
    : compressionReport(run.layers, sharings.filter((s) => run.layers.some((l) => l.name === s.layer)), { wordBits }).ratio;
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
        ...(req.clusterRate !== undefined && { clusterRate: req.clusterRate, firstLayer: firstLayerOf(req) }), k: plan.k, sparsity: summary.plan.sparsity,
      },
      weights: summary.weights,
      sharedLayers,
    },
  };
}
