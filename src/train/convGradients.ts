// Gradients of a conv layer (NHWC activations, HWIO filters [R, S, C, M]) for the hand-written backward pass.
// The filter gradient goes through the Conv2DBackpropFilter kernel of the active backend (the wasm one is
// convFilterGradientKernel.ts). The input gradient at stride 1 is itself a forward convolution, of dy with
// the filter turned by 180 degrees and its channels swapped, which on wasm is several times faster than the
// backend's own Conv2DBackpropInput; other strides use that kernel.
import * as tf from '@tensorflow/tfjs-core';

export type Shape4 = [number, number, number, number];

/**
 * Symmetric zero padding written out per side. tfjs sizes a numerically padded output with the filter height
 * in both directions, wrong for R != S; the explicit form is sized per direction.
 */
export const explicitPadding = (padding: number): tf.backend_util.ExplicitPadding => [
  [0, 0],
  [padding, padding],
  [padding, padding],
  [0, 0],
];

export function convFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: Shape4, stride: number, padding: number): tf.Tensor4D {
  const attrs = { strides: stride, pad: explicitPadding(padding), dataFormat: 'NHWC', filterShape };
  return tf.engine().runKernel<tf.Tensor4D>('Conv2DBackpropFilter', { x, dy }, attrs);
}

export function convInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, xShape: Shape4, stride: number, padding: number): tf.Tensor4D {
  const [R, S] = filter.shape;
  if (stride !== 1 || padding > R - 1 || padding > S - 1) return tf.conv2dTranspose(dy, filter, xShape, stride, explicitPadding(padding));
  return tf.tidy(() => {
    const turned = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [R, S, M, C]
    const pr = R - 1 - padding;
    const ps = S - 1 - padding;
    return tf.conv2d(dy, turned, 1, [
      [0, 0],
      [pr, pr],
      [ps, ps],
      [0, 0],
    ]);
  });
}
