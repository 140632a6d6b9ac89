// --compress on the main command: its options checked before anything runs, and the request that
// compress/sharedRun.ts shares the run's layers by (the same plan, weights and k-means as `dkm-sim compress`).
import type { SharedRunRequest } from '../compress/sharedRun.js';
import type { SharedExecutionName } from '../hw/spec.js';
import type { Network } from '../workload/layer.js';
import { OptionError } from './optionError.js';
import { DEFAULT_WEIGHT_SEED, firstLayerOf, planOf, SHARING_OPTIONS, type SharingArgs } from './sharingOptions.js';

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
    'cluster-rate': o.clusterRate,
    k: o.k,
    sparsity: o.sparsity,
    'first-layer-rate': o.firstLayerRate,
    'keep-first': o.keepFirst,
    weights: o.weights,
    'weight-seed': o.weightSeed,
    decode: o.decode,
  };
  if (o.compress === undefined) {
    const stray = [...SHARING_OPTIONS, 'decode' as const].find((name) => given[name] !== undefined);
    if (stray) throw new OptionError(`--${stray} applies to a compressed run: add --compress dkm, or drop --${stray}`);
    return undefined;
  }
  const method = COMPRESS_METHODS.find((m) => m === o.compress);
  if (method === undefined) {
    throw new OptionError(
      `--compress "${o.compress}" is not a compression method; use --compress ${COMPRESS_METHODS.join('|')} (Deep k-Means weight sharing)`,
    );
  }
  const decode = o.decode ?? 'auto';
  if (!(DECODE_CHOICES as readonly string[]).includes(decode)) {
    throw new OptionError(
      `--decode "${decode}" is not a decode point; use --decode ${DECODE_CHOICES.join('|')} (auto: the mapping search picks per layer)`,
    );
  }
  const executions = decode === 'auto' ? undefined : DECODE_EXECUTIONS[decode as keyof typeof DECODE_EXECUTIONS];
  return {
    method,
    clusterRate: o.clusterRate,
    k: o.k,
    sparsity: o.sparsity,
    firstLayerRate: o.firstLayerRate,
    keepFirst: o.keepFirst,
    weights: o.weights,
    weightSeed: o.weightSeed ?? DEFAULT_WEIGHT_SEED,
    ...(executions && { executions }),
  };
}

/** The request shareRun takes, the plan checked against the whole network (OptionError on a bad one). */
export function sharedRunRequest(full: Network, req: CompressRequest): SharedRunRequest {
  return {
    method: req.method,
    plan: planOf(full, req),
    weights: req.weights,
    weightSeed: req.weightSeed,
    ...(req.clusterRate !== undefined && { rate: { clusterRate: req.clusterRate, firstLayer: firstLayerOf(req) } }),
  };
}
