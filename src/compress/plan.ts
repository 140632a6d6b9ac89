// Sharing plans: the K (and sparsity p) of every conv layer of a network, and running one. Plans index conv
// layers in network order; FC layers are never shared (the paper's CR keeps them at 32 bits).
import type { Layer } from '../workload/layer.js';
import { rowCount } from './rowVectors.js';
import { kFromClusterRate, shareLayerWeights, type LayerSharing, type SharingOptions } from './sharing.js';

export interface SharingPlan {
  /** K per conv layer, in network order. K >= N leaves that layer uncompressed. */
  readonly k: readonly number[];
  /** p per conv layer (absent: no sparsity cluster anywhere). */
  readonly sparsity?: readonly number[];
}

export interface ShareNetworkOptions extends Omit<SharingOptions, 'seed' | 'sparsity'> {
  /** Conv layer i is clustered with seed seedBase + i (default 1000, as in the authors' code). */
  readonly seedBase?: number;
}

export const convLayers = (layers: readonly Layer[]): Layer[] => layers.filter((l) => l.kind === 'conv');

/** How a rate plan treats the first conv layer: kept whole (the paper's practice) or shared at its own rate. */
export type FirstLayer = 'uncompressed' | number;

/**
 * One cluster rate for every conv layer (the paper's setting), K = kFromClusterRate(N, rate). The first layer
 * gets `firstLayer`: 'uncompressed' (K = N, the paper's choice) or its own, usually higher, rate.
 */
export function ratePlan(layers: readonly Layer[], rate: number, firstLayer: FirstLayer = 'uncompressed'): SharingPlan {
  const k = convLayers(layers).map((layer, i) => {
    const n = rowCount(layer);
    if (i > 0) return kFromClusterRate(n, rate);
    return firstLayer === 'uncompressed' ? n : kFromClusterRate(n, firstLayer);
  });
  return { k };
}

/**
 * The plan of a network restricted to some of its layers (a one-layer run): the others get K = N and no
 * sparsity, which k-means passes through untouched, so the layers kept keep the seed (and so the result)
 * they have in a whole-network run.
 */
export function restrictPlan(layers: readonly Layer[], kept: ReadonlySet<string>, plan: SharingPlan): SharingPlan {
  const convs = convLayers(layers);
  return {
    k: convs.map((l, i) => (kept.has(l.name) ? plan.k[i] : rowCount(l))),
    sparsity: plan.sparsity && convs.map((l, i) => (kept.has(l.name) ? plan.sparsity![i] : 0)),
  };
}

/** Shares every conv layer as the plan says; weightsOf gives a layer's weights (layout M x C/groups x R x S). */
export function shareNetwork(
  layers: readonly Layer[],
  weightsOf: (layer: Layer, convIndex: number) => Float32Array,
  plan: SharingPlan,
  opts: ShareNetworkOptions = {},
): LayerSharing[] {
  return convLayers(layers).map((_layer, i) => shareConvLayer(layers, i, weightsOf, plan, opts));
}

/**
 * Conv layer `convIndex` shared as the plan says, exactly as shareNetwork shares it (same seed), for callers
 * that take a network's layers one at a time (a validation point keeps one layer's k-means and search state
 * alive at once).
 */
export function shareConvLayer(
  layers: readonly Layer[],
  convIndex: number,
  weightsOf: (layer: Layer, convIndex: number) => Float32Array,
  plan: SharingPlan,
  opts: ShareNetworkOptions = {},
): LayerSharing {
  const convs = convLayers(layers);
  const { seedBase = 1000, ...rest } = opts;
  if (plan.k.length !== convs.length) {
    throw new Error(`sharing plan: ${plan.k.length} K values for ${convs.length} conv layers (${convs.map((l) => l.name).join(', ')})`);
  }
  if (plan.sparsity !== undefined && plan.sparsity.length !== convs.length) {
    throw new Error(`sharing plan: ${plan.sparsity.length} sparsity values for ${convs.length} conv layers`);
  }
  const layer = convs[convIndex];
  return shareLayerWeights(
    weightsOf(layer, convIndex),
    layer,
    { k: plan.k[convIndex] },
    { ...rest, seed: seedBase + convIndex, sparsity: plan.sparsity?.[convIndex] ?? 0 },
  );
}
