// Trained quantization (Han et al. 2016, sec. 3.1): after k-means sharing the assignments stay fixed and only
// the centroids are trained, each by the sum of the gradients of the weights that share it. On the weights
// themselves that is: every row's gradient is replaced by the sum over its cluster. Rows of one cluster then
// start equal, get equal gradients, decay and momentum, and so stay bitwise equal: the layer stays shared.
import type { GradientTransform } from './gradientTransform.js';

export interface SharedLayerIndex {
  readonly layer: string;
  readonly rowLength: number;
  readonly k: number;
  /** Cluster of each filter row (compress/sharing.ts's index). */
  readonly index: Uint32Array;
}

export function trainedQuantization(layers: readonly SharedLayerIndex[]): GradientTransform {
  return {
    adjust(_params, gradients) {
      for (const { layer, rowLength: s, k, index } of layers) {
        const g = gradients.get(layer)!.weights;
        const sums = new Float64Array(k * s);
        for (let i = 0; i < index.length; i++) for (let t = 0; t < s; t++) sums[index[i] * s + t] += g[i * s + t];
        for (let i = 0; i < index.length; i++) for (let t = 0; t < s; t++) g[i * s + t] = sums[index[i] * s + t];
      }
      return 0;
    },
  };
}
