// The sharing plans a retrain run compares: K per conv layer, from one cluster rate (every conv layer but the
// first, which stays whole, as `dkm-sim compress --cluster-rate` does) or given directly.
//
// LeNet-5's default plans aim at the conv-layer compression ratios the README reports (fixed-length indices,
// 32-bit codebooks and biases, compress/compressionRatio.ts). conv1 has 100 rows of 5 (500 weights + 20
// biases = 16,640 bits), conv2 5,000 rows of 5 (25,000 + 50 = 801,600 bits); 818,240 bits in all. conv1 keeps
// K = 8 (3-bit indices): 640 + 8*5*32 + 100*3 = 2,220 bits. conv2 at K = 237 (8 bits): 1,600 + 37,920 + 40,000
// = 79,520 bits, CR 818,240 / 81,740 = 10.0; at K = 44 (6 bits): 38,640 bits, CR 20.0; at K = 16 (4 bits):
// 24,160 bits, CR 31.0 (K = 17 would need 5 bits and give 25.9: 30 itself is out of reach).
import { convLayers, ratePlan } from '../../compress/plan.js';
import type { Network } from '../../workload/layer.js';

export interface RetrainPlan {
  /** How the plan reads in tables and legends, e.g. "K 8,44" or "rate 0.05". */
  readonly label: string;
  readonly clusterRate?: number;
  /** K per conv layer, in network order (K >= N: that layer stays whole). */
  readonly k: readonly number[];
}

export const DEFAULT_PLANS: Readonly<Record<string, readonly (readonly number[])[]>> = {
  lenet5: [
    [8, 237],
    [8, 44],
    [8, 16],
  ],
};

export const planFromK = (k: readonly number[]): RetrainPlan => ({ label: `K ${k.join(',')}`, k });

export function planFromRate(network: Network, rate: number): RetrainPlan {
  return { label: `rate ${rate}`, clusterRate: rate, k: ratePlan(network.layers, rate).k };
}

/** Throws when a plan does not give one K per conv layer. */
export function checkPlan(network: Network, plan: RetrainPlan): void {
  const convs = convLayers(network.layers);
  if (plan.k.length !== convs.length) {
    throw new Error(
      `plan "${plan.label}" has ${plan.k.length} K values; ${network.name} has ${convs.length} conv layers (${convs.map((l) => l.name).join(', ')})`,
    );
  }
}
