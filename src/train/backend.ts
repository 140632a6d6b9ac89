// The TensorFlow.js set-up of training: tfjs-core on the wasm backend (single-threaded XNNPACK kernels; about
// 30 GFLOP/s on a conv on one core here), with the conv filter gradient it lacks registered, or on the plain
// JavaScript cpu backend (the reference the tests compare with). tfjs-node would be faster but cannot be
// installed here: its install script downloads libtensorflow from a host this machine cannot reach.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvFilterGradient } from './convFilterGradientKernel.js';

export type BackendName = 'wasm' | 'cpu';

export async function useBackend(name: BackendName = 'wasm'): Promise<void> {
  // PROD silences tfjs' advice to install tfjs-node, printed on the first cpu tensor, which would land in
  // the middle of the command's output.
  tf.env().set('PROD', true);
  registerWasmConvFilterGradient();
  if (!(await tf.setBackend(name))) throw new Error(`TensorFlow.js could not start its ${name} backend`);
  await tf.ready();
}
