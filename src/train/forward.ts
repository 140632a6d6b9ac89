// The forward pass of a TrainableNet on a batch of NHWC images, on the active tfjs backend. Parameters are
// uploaded from their OIHW arrays at every call (they change after every step anyway). Convolutions use
// explicit symmetric padding (see convGradients.ts); a fc layer flattens its input in NHWC order, as Keras'
// Flatten does, so a saved Dense kernel is read back correctly by workload/weights/tfjsLayers.ts.
import * as tf from '@tensorflow/tfjs-core';
import type { Layer } from '../workload/layer.js';
import { explicitPadding } from './convGradients.js';
import type { LayerParams, Params } from './params.js';
import { oihwToDense, oihwToHwio } from './tfLayout.js';
import type { TrainableNet } from './trainableNet.js';

/** What the backward pass needs of one stage. */
export interface StageTensors {
  readonly input: tf.Tensor;
  /** The kernel as tfjs computes with it: HWIO for conv, [C*H*W, M] for fc. */
  readonly kernel: tf.Tensor;
  /** Pre-activation output (before ReLU and pool). */
  readonly z: tf.Tensor;
  /** After the ReLU, before the pool. */
  readonly activation: tf.Tensor;
}

export function kernelTensor(layer: Layer, p: LayerParams): tf.Tensor {
  if (layer.kind === 'conv')
    return tf.tensor4d(oihwToHwio(p.weights, [layer.M, layer.C, layer.R, layer.S]), [layer.R, layer.S, layer.C, layer.M]);
  return tf.tensor2d(oihwToDense(p.weights, [layer.M, layer.C, layer.H, layer.W]), [layer.C * layer.H * layer.W, layer.M]);
}

/** Class scores [count, classes] and every stage's tensors (call inside tf.tidy). */
export function forward(
  net: TrainableNet,
  params: Params,
  images: Float32Array,
  count: number,
): { logits: tf.Tensor2D; stages: StageTensors[] } {
  const [h, w, c] = net.input;
  let a: tf.Tensor = tf.tensor4d(images, [count, h, w, c]);
  const stages = net.stages.map((stage): StageTensors => {
    const { layer } = stage;
    const p = params.get(layer.name)!;
    const kernel = kernelTensor(layer, p);
    const bias = tf.tensor1d(p.bias);
    const input = a;
    const z =
      layer.kind === 'conv'
        ? tf.add(tf.conv2d(input as tf.Tensor4D, kernel as tf.Tensor4D, layer.stride, explicitPadding(layer.padding)), bias)
        : tf.add(tf.matMul(tf.reshape(input, [count, -1]), kernel as tf.Tensor2D), bias);
    const activation = stage.relu ? tf.relu(z) : z;
    a = stage.pool > 1 ? tf.maxPool(activation as tf.Tensor4D, stage.pool, stage.pool, 'valid') : activation;
    return { input, kernel, z, activation };
  });
  return { logits: a as tf.Tensor2D, stages };
}

/** Index of the largest score of each row (the first one on ties). */
export function argmaxRows(scores: Float32Array | Int32Array | Uint8Array, classes: number): Uint32Array {
  const rows = scores.length / classes;
  const out = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < classes; j++) if (scores[i * classes + j] > scores[i * classes + best]) best = j;
    out[i] = best;
  }
  return out;
}

/** Correctly classified images of a labelled set, in chunks of `chunk` images. */
export function countCorrect(net: TrainableNet, params: Params, images: Float32Array, labels: Uint8Array, chunk = 500): number {
  const pixels = net.input[0] * net.input[1] * net.input[2];
  let correct = 0;
  for (let start = 0; start < labels.length; start += chunk) {
    const n = Math.min(chunk, labels.length - start);
    const scores = tf.tidy(
      () => forward(net, params, images.subarray(start * pixels, (start + n) * pixels), n).logits.dataSync() as Float32Array,
    );
    const predicted = argmaxRows(scores, net.classes);
    for (let i = 0; i < n; i++) if (predicted[i] === labels[start + i]) correct++;
  }
  return correct;
}
