// Loss and gradients of a TrainableNet on one batch, by a hand-written backward pass. tfjs-core's Node build
// registers no gradient functions (the ESM gradient modules do not load under Node's resolver), so the
// chain rule is spelled out here, stage by stage, on the active backend's kernels:
//   loss  = mean over the batch of -log softmax(logits)[label]; d logits = (softmax - one-hot) / batch
//   pool  -> maxPoolGradient; ReLU -> times step(z)
//   conv  -> dW from Conv2DBackpropFilter, db = sum of dz, dx = convInputGradient
//   fc    -> dW = x^T dz, db = sum of dz, dx = dz W^T (explicit transposes: wasm's transposed matMul is slow)
// Gradients come back in the parameters' OIHW layout.
import * as tf from '@tensorflow/tfjs-core';
import { denseToOihw, hwioToOihw } from '../workload/weights/layout.js';
import { convFilterGradient, convInputGradient, type Shape4 } from './convGradients.js';
import { argmaxRows, forward } from './forward.js';
import { maxPoolGradient } from './maxPoolGradient.js';
import type { Params } from './params.js';
import type { TrainableNet } from './trainableNet.js';

export interface Batch {
  /** count x H x W x C values (NHWC). */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

export interface StepResult {
  /** Mean cross-entropy of the batch. */
  readonly loss: number;
  /** Images of the batch the network (before the step) classifies right. */
  readonly correct: number;
  readonly gradients: Params;
}

/** tf.tidy for results that are plain data: every tensor made inside `fn` is freed when it returns. */
function scoped<T>(fn: () => T): T {
  tf.engine().startScope();
  try {
    return fn();
  } finally {
    tf.engine().endScope();
  }
}

export function lossAndGradients(net: TrainableNet, params: Params, batch: Batch): StepResult {
  const count = batch.labels.length;
  return scoped(() => {
    const { logits, stages } = forward(net, params, batch.images, count);
    const oneHot = tf.oneHot(tf.tensor1d(Int32Array.from(batch.labels), 'int32'), net.classes);
    const logProbs = tf.sub(logits, tf.logSumExp(logits, 1, true));
    const loss = -tf.sum(tf.mul(oneHot, logProbs)).dataSync()[0] / count;
    const predicted = argmaxRows(logits.dataSync(), net.classes);
    const correct = predicted.reduce((n, p, i) => n + (p === batch.labels[i] ? 1 : 0), 0);

    const gradients: Params = new Map();
    let d: tf.Tensor = tf.div(tf.sub(tf.exp(logProbs), oneHot), count);
    for (let i = net.stages.length - 1; i >= 0; i--) {
      const { layer, relu, pool } = net.stages[i];
      const t = stages[i];
      if (pool > 1) d = maxPoolGradient(d as tf.Tensor4D, t.activation as tf.Tensor4D, pool);
      if (relu) d = tf.mul(d, tf.step(t.z));
      const shape: Shape4 = [layer.M, layer.C, layer.R, layer.S];
      let weights: Float32Array;
      let bias: tf.Tensor;
      if (layer.kind === 'conv') {
        const hwio: Shape4 = [layer.R, layer.S, layer.C, layer.M];
        weights = hwioToOihw(
          convFilterGradient(t.input as tf.Tensor4D, d as tf.Tensor4D, hwio, layer.stride, layer.padding).dataSync() as Float32Array,
          hwio,
        );
        bias = tf.sum(d, [0, 1, 2]);
        if (i > 0) d = convInputGradient(d as tf.Tensor4D, t.kernel as tf.Tensor4D, t.input.shape as Shape4, layer.stride, layer.padding);
      } else {
        const flat = tf.reshape(t.input, [count, -1]);
        weights = denseToOihw(tf.matMul(tf.transpose(flat), d as tf.Tensor2D).dataSync() as Float32Array, shape, 'hwc');
        bias = tf.sum(d, 0);
        if (i > 0) d = tf.reshape(tf.matMul(d as tf.Tensor2D, tf.transpose(t.kernel as tf.Tensor2D)), t.input.shape);
      }
      gradients.set(layer.name, { weights, bias: (bias.dataSync() as Float32Array).slice() });
    }
    return { loss, correct, gradients: new Map([...gradients].reverse()) };
  });
}
