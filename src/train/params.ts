// A network's trainable parameters as plain data: per layer its filters in the project's OIHW layout (which is
// the row matrix k-means clusters, see compress/rowVectors.ts) and one bias per filter. The same shape as
// loaded weights (workload/weights), so a saved model comes back as parameters.
import { filterWords } from '../workload/layer.js';
import type { NetworkWeights } from '../workload/weights/types.js';
import { createRng } from '../random/rng.js';
import type { TrainableNet } from './trainableNet.js';

export interface LayerParams {
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** Layer name -> parameters, in network order. */
export type Params = Map<string, LayerParams>;

/**
 * Caffe's "xavier" filler, as its LeNet uses: weights uniform in +-sqrt(3 / fan_in) with fan_in = C R S (the
 * inputs of one output), biases 0. Layers draw in network order from one generator.
 */
export function xavierParams(net: TrainableNet, seed: number): Params {
  const rng = createRng(seed);
  const params: Params = new Map();
  for (const { layer } of net.stages) {
    const limit = Math.sqrt(3 / (layer.C * layer.R * layer.S));
    const weights = Float32Array.from({ length: filterWords(layer) }, () => (2 * rng.uniform() - 1) * limit);
    params.set(layer.name, { weights, bias: new Float32Array(layer.M) });
  }
  return params;
}

export function cloneParams(params: Params): Params {
  return new Map([...params].map(([name, p]) => [name, { weights: p.weights.slice(), bias: p.bias.slice() }]));
}

/** Loaded weights as parameters; a layer stored without bias gets zeros (Keras use_bias: false). */
export function paramsFromWeights(net: TrainableNet, weights: NetworkWeights): Params {
  return new Map(
    net.stages.map(({ layer }) => {
      const lw = weights.layers.get(layer.name);
      if (lw === undefined) throw new Error(`weights for "${net.name}" lack layer "${layer.name}"`);
      return [layer.name, { weights: lw.weights.slice(), bias: lw.bias?.slice() ?? new Float32Array(layer.M) }];
    }),
  );
}
