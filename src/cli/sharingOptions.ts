// The Deep k-Means options both `dkm-sim compress` and the main command's `--compress dkm` take (plan from
// --cluster-rate / --k / --sparsity, weights from --weights or seeded synthetic ones), parsed in one place so
// that the two commands always share a network the same way.
import type { Argv } from 'yargs';
import { compressNetworkWithSharings, type CompressionSummary } from '../compress/compressNetwork.js';
import { convLayers, ratePlan, type SharingPlan } from '../compress/plan.js';
import type { LayerSharing } from '../compress/sharing.js';
import type { Layer, Network } from '../workload/layer.js';
import { loadWeights } from '../workload/weights/load.js';
import { OptionError } from './optionError.js';

/** No yargs default, so that the main command can tell whether --weight-seed was given without --compress. */
export const DEFAULT_WEIGHT_SEED = 1;

/** The option names, for "applies only with --compress" checks. */
export const SHARING_OPTIONS = ['cluster-rate', 'k', 'sparsity', 'weights', 'weight-seed'] as const;

export function sharingPlanOptions<T>(y: Argv<T>) {
  return y
    .option('cluster-rate', { type: 'number', describe: 'K / N for every conv layer but the first, which stays uncompressed (the paper\'s setting)' })
    .option('k', { type: 'string', describe: 'K per conv layer, comma-separated (e.g. the WRN-16-4 list of the paper)' })
    .option('sparsity', { type: 'string', describe: 'the paper\'s p: one value for every conv layer or one per conv layer, comma-separated' })
    .option('weights', { type: 'string', describe: 'trained weights: a tfjs layers model.json or a dkm-sim weights .json [default: synthetic He-normal]' })
    .option('weight-seed', { type: 'number', describe: `seed of the synthetic weights (layer i uses seed + i) [default: ${DEFAULT_WEIGHT_SEED}]` })
    .check((a) => {
      const seed = a['weight-seed'];
      if (seed !== undefined && !Number.isInteger(seed)) throw new OptionError(`--weight-seed must be an integer, got ${seed}`);
      return true;
    });
}

export interface PlanArgs {
  readonly clusterRate?: number;
  readonly k?: string;
  readonly sparsity?: string;
}

export interface SharingArgs extends PlanArgs {
  readonly weights?: string;
  readonly weightSeed: number;
}

/** "0.3" (every conv layer) or "0,0.3,0.4" (one per conv layer). */
function perLayer(option: string, text: string, count: number, valid: (v: number) => boolean, expected: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !valid(v))) throw new OptionError(`--${option} "${text}": expected ${expected}`);
  if (values.length === 1) return Array.from({ length: count }, () => values[0]);
  if (values.length !== count) throw new OptionError(`--${option} has ${values.length} values; the network has ${count} conv layers`);
  return values;
}

function validRate(rate: number): number {
  if (!(rate > 0 && rate <= 1)) throw new OptionError(`--cluster-rate must be in (0, 1], got ${rate}; e.g. --cluster-rate 0.05 keeps 5% of the rows`);
  return rate;
}

export function planOf(network: Network, args: PlanArgs): SharingPlan {
  const convs = convLayers(network.layers).length;
  const choose = 'give exactly one of --cluster-rate R (e.g. 0.05) and --k LIST (one K per conv layer)';
  if (args.clusterRate !== undefined && args.k !== undefined) throw new OptionError(`--cluster-rate and --k both set K: ${choose}`);
  if (args.clusterRate === undefined && args.k === undefined) throw new OptionError(choose);
  const k = args.k !== undefined
    ? perLayer('k', args.k, convs, (v) => Number.isInteger(v) && v >= 1, 'positive integers')
    : ratePlan(network.layers, validRate(args.clusterRate!)).k;
  const sparsity = args.sparsity === undefined
    ? undefined
    : perLayer('sparsity', args.sparsity, convs, (v) => v >= 0 && v < 1, 'fractions p with 0 <= p < 1');
  return { k, sparsity };
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
  network: Network, plan: SharingPlan, args: SharingArgs,
  o: { readonly wordBits: number; readonly onLayer?: (layer: Layer, convIndex: number, convCount: number) => void },
): SharedModel {
  const weights = args.weights ? loadWeights(args.weights, network) : undefined;
  return compressNetworkWithSharings(network, { plan, weights, weightSeed: args.weightSeed, wordBits: o.wordBits, onLayer: o.onLayer });
}
