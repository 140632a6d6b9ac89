// k-means sharing of trained parameters, exactly as `dkm-sim compress` shares weights (compress/plan.ts: the
// conv layers in network order, seeds 1000 + conv index), and the k-means distortion that says how far the
// conv rows are from shared.
import { convLayers, shareNetwork } from '../../compress/plan.js';
import type { LayerSharing } from '../../compress/sharing.js';
import { cloneParams, type Params } from '../../train/params.js';
import type { Network } from '../../workload/layer.js';
import type { RetrainPlan } from './plans.js';

export interface SharedParams {
  readonly sharings: readonly LayerSharing[];
  /** The parameters with every shared conv layer's rows replaced by their centres. */
  readonly params: Params;
}

export function shareParams(network: Network, params: Params, plan: RetrainPlan): SharedParams {
  const sharings = shareNetwork(network.layers, (layer) => params.get(layer.name)!.weights, { k: plan.k });
  const shared = cloneParams(params);
  for (const s of sharings) if (s.k < s.rows) shared.get(s.layer)!.weights.set(s.sharedWeights);
  return { sharings, params: shared };
}

/**
 * Sum over the layers the plan shares (K < N) of the k-means distortion of their rows, over the sum of the
 * rows' squared norms: 0 when the rows already sit on K points, about 1 when k-means explains nothing.
 */
export function relativeDistortion(network: Network, params: Params, plan: RetrainPlan): number {
  const convs = convLayers(network.layers);
  const shared = shareNetwork(network.layers, (layer) => params.get(layer.name)!.weights, { k: plan.k }).filter((s) => s.k < s.rows);
  let distortion = 0;
  let norm = 0;
  for (const s of shared) {
    distortion += s.distortion;
    const w = params.get(s.layer)!.weights;
    for (let i = 0; i < w.length; i++) norm += w[i] * w[i];
  }
  if (convs.length === 0 || norm === 0) return 0;
  return distortion / norm;
}

/** A sharing whose centres are taken from rows that training kept shared (trained quantization). */
export function withTrainedCodebook(sharing: LayerSharing, weights: Float32Array): LayerSharing {
  const s = sharing.rowLength;
  const codebook = new Float32Array(sharing.k * s);
  for (let i = 0; i < sharing.index.length; i++) codebook.set(weights.subarray(i * s, (i + 1) * s), sharing.index[i] * s);
  return { ...sharing, codebook, sharedWeights: weights.slice(), distortion: 0 };
}
