// The networks dkm-sim can train: a zoo network and what its layer shapes do not say (where the ReLUs are).
// LeNet-5 follows Caffe's examples/mnist net, which has no non-linearity after its convolutions and one
// ReLU after fc1.
import { resolveModel } from '../workload/zoo/index.js';
import { trainableNet, type TrainableNet } from './trainableNet.js';

const RELU_AFTER: Readonly<Record<string, readonly string[]>> = {
  lenet5: ['fc1'],
};

export const TRAINABLE_MODELS = Object.keys(RELU_AFTER);

/** The zoo network (batch 1) `name` made trainable; undefined when no recipe exists for it. */
export function trainableModel(name: string): TrainableNet | undefined {
  if (!Object.hasOwn(RELU_AFTER, name)) return undefined;
  return trainableNet(resolveModel(name, 1), RELU_AFTER[name]);
}
