// The Deep k-Means options both `dkm-sim compress` and the main command's `--compress dkm` take (plan from
// --cluster-rate / --k / --sparsity, weights from --weights or seeded synthetic ones), parsed and checked in
// one place so that the two commands always share a network the same way (compress/compressNetwork.ts shares it).
import type { Argv } from 'yargs';
import type { WeightSource } from '../compress/compressNetwork.js';
import { convLayers, ratePlan, type FirstLayer, type SharingPlan } from '../compress/plan.js';
import { rowCount } from '../compress/rowVectors.js';
import type { Network } from '../workload/layer.js';
import { integerOption, numberOption, SEED } from './numberOptions.js';
import { OptionError } from './optionError.js';

/** No yargs default, so that the main command can tell whether --weight-seed was given without --compress. */
export const DEFAULT_WEIGHT_SEED = 1;

/** The option names, for "applies only with --compress" checks. */
export const SHARING_OPTIONS = ['cluster-rate', 'k', 'sparsity', 'first-layer-rate', 'keep-first', 'weights', 'weight-seed'] as const;

export function sharingPlanOptions<T>(y: Argv<T>) {
  return (
    y
      .option(
        'cluster-rate',
        numberOption('cluster-rate', {
          describe:
            "K / N for every conv layer; the first one stays uncompressed (the paper's practice) unless --first-layer-rate or --no-keep-first says otherwise",
        }),
      )
      .option(
        'first-layer-rate',
        numberOption('first-layer-rate', {
          describe: "with --cluster-rate: the first conv layer's own K / N (the paper shares it less, or not at all)",
        }),
      )
      .option('keep-first', {
        type: 'boolean',
        describe:
          'with --cluster-rate: keep the first conv layer uncompressed (K = N); --no-keep-first shares it at the cluster rate [default: kept]',
      })
      .option('k', {
        type: 'string',
        describe: "K per conv layer, comma-separated, each from 1 to the layer's filter rows (e.g. the WRN-16-4 list of the paper)",
      })
      .option('sparsity', {
        type: 'string',
        describe: "the paper's p: one value for every conv layer or one per conv layer, comma-separated",
      })
      .option('weights', {
        type: 'string',
        describe: 'trained weights: a tfjs layers model.json or a dkm-sim weights .json [default: synthetic He-normal]',
      })
      .option(
        'weight-seed',
        integerOption('weight-seed', SEED, {
          describe: `seed of the synthetic weights (layer i uses seed + i) [default: ${DEFAULT_WEIGHT_SEED}]`,
        }),
      )
      // A value is required, and taken even when it starts with "-" (`-k -3,4` is a bad K, not an option -3).
      .requiresArg(['k', 'sparsity', 'weights'])
  );
}

/** The options sharingPlanOptions declares, as yargs gives them (undefined: not given). */
interface SharingOptionValues {
  readonly 'cluster-rate'?: number;
  readonly k?: string;
  readonly sparsity?: string;
  readonly 'first-layer-rate'?: number;
  readonly 'keep-first'?: boolean;
  readonly weights?: string;
  readonly 'weight-seed'?: number;
}

/** The sharing options as given, under the names the commands take them by. */
export const sharingOptionsGiven = (a: SharingOptionValues) => ({
  clusterRate: a['cluster-rate'],
  k: a.k,
  sparsity: a.sparsity,
  firstLayerRate: a['first-layer-rate'],
  keepFirst: a['keep-first'],
  weights: a.weights,
  weightSeed: a['weight-seed'],
});

export interface PlanArgs {
  readonly clusterRate?: number;
  readonly k?: string;
  readonly sparsity?: string;
  /** The first conv layer's own rate (with clusterRate). */
  readonly firstLayerRate?: number;
  /** With clusterRate: true or absent keeps the first conv layer uncompressed, false shares it at the cluster rate. */
  readonly keepFirst?: boolean;
}

export interface SharingArgs extends PlanArgs, WeightSource {}

/** "0.3" (every conv layer) or "0,0.3,0.4" (one per conv layer). */
function perLayer(option: string, text: string, count: number, valid: (v: number) => boolean, expected: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.some((v) => !valid(v))) throw new OptionError(`--${option} "${text}": expected ${expected}`);
  if (values.length === 1) return Array.from({ length: count }, () => values[0]);
  if (values.length !== count) throw new OptionError(`--${option} has ${values.length} values; the network has ${count} conv layers`);
  return values;
}

function validRate(option: string, rate: number): number {
  if (!(rate > 0 && rate <= 1))
    throw new OptionError(`--${option} must be in (0, 1], got ${rate}; e.g. --${option} 0.05 keeps 5% of the rows`);
  return rate;
}

/** How a --cluster-rate plan treats the first conv layer (the options' combination already checked by planOf). */
export function firstLayerOf(args: PlanArgs): FirstLayer {
  if (args.firstLayerRate !== undefined) return args.firstLayerRate;
  return args.keepFirst === false ? args.clusterRate! : 'uncompressed';
}

function checkFirstLayer(args: PlanArgs): void {
  const first =
    args.firstLayerRate !== undefined
      ? 'first-layer-rate'
      : args.keepFirst !== undefined
        ? `${args.keepFirst ? '' : 'no-'}keep-first`
        : undefined;
  if (first === undefined) return;
  if (args.clusterRate === undefined) {
    throw new OptionError(`--${first} applies to a --cluster-rate plan; with --k LIST the first value is the first conv layer's K`);
  }
  if (args.firstLayerRate !== undefined && args.keepFirst !== undefined) {
    throw new OptionError(`--first-layer-rate and --${args.keepFirst ? '' : 'no-'}keep-first both decide the first conv layer: give one`);
  }
  if (args.firstLayerRate !== undefined) validRate('first-layer-rate', args.firstLayerRate);
}

/** K per conv layer, each at most the layer's filter rows (k-means cannot make more clusters than rows). */
function withinRows(network: Network, k: number[]): number[] {
  convLayers(network.layers).forEach((layer, i) => {
    const rows = rowCount(layer);
    if (k[i] > rows) {
      throw new OptionError(
        `--k: conv layer ${layer.name} has ${rows} filter rows, so its K must be from 1 to ${rows} (${rows} leaves it unshared), got ${k[i]}`,
      );
    }
  });
  return k;
}

export function planOf(network: Network, args: PlanArgs): SharingPlan {
  const convs = convLayers(network.layers).length;
  const choose = 'give exactly one of --cluster-rate R (e.g. 0.05) and --k LIST (one K per conv layer)';
  if (args.clusterRate !== undefined && args.k !== undefined) throw new OptionError(`--cluster-rate and --k both set K: ${choose}`);
  if (args.clusterRate === undefined && args.k === undefined) throw new OptionError(choose);
  checkFirstLayer(args);
  const k =
    args.k !== undefined
      ? withinRows(
          network,
          perLayer('k', args.k, convs, (v) => Number.isInteger(v) && v >= 1, 'positive integers'),
        )
      : ratePlan(network.layers, validRate('cluster-rate', args.clusterRate!), firstLayerOf(args)).k;
  const sparsity =
    args.sparsity === undefined
      ? undefined
      : perLayer('sparsity', args.sparsity, convs, (v) => v >= 0 && v < 1, 'fractions p with 0 <= p < 1');
  return { k, sparsity };
}
