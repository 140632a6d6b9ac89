// The networks a sweep runs: the model as it is, or, with a compress.clusterRate axis, the model shared by
// Deep k-Means once per rate (the same plan and seeds as `dkm-sim compress --cluster-rate R`), each reused by
// every hardware point.
import { compressNetworkWithSharings } from '../compress/compressNetwork.js';
import { ratePlan } from '../compress/plan.js';
import { withSharing } from '../compress/sharedNetwork.js';
import type { Layer, Network } from '../workload/layer.js';
import type { NetworkWeights } from '../workload/weights/types.js';
import type { PointTotals } from './row.js';

export interface SweepNetwork {
  readonly network: Network;
  readonly compressionRatio?: PointTotals['compressionRatio'];
}

export interface SharingSource {
  readonly weights?: NetworkWeights;
  readonly weightSeed: number;
  /** The accelerator word of the on-chip compression ratio (the base hardware's wordBits). */
  readonly wordBits: number;
  /** Told before each conv layer is clustered (k-means on a large network takes a while). */
  readonly onLayer?: (rate: number, layer: Layer, convIndex: number, convCount: number) => void;
}

/** One network per rate, in the order given; without rates, the model itself. */
export function sweepNetworks(model: Network, rates: readonly number[] | undefined, source: SharingSource): SweepNetwork[] {
  if (rates === undefined) return [{ network: model }];
  return rates.map((rate) => {
    const { summary, sharings } = compressNetworkWithSharings(model, {
      plan: ratePlan(model.layers, rate),
      weights: source.weights,
      weightSeed: source.weightSeed,
      wordBits: source.wordBits,
      onLayer: source.onLayer && ((layer, i, n) => source.onLayer!(rate, layer, i, n)),
    });
    const { fixed, entropy, onChip } = summary.totals.ratio;
    return { network: withSharing(model, sharings), compressionRatio: { fixed, entropy, onChip } };
  });
}
