// The conv filter gradient (kernel Conv2DBackpropFilter) for the wasm backend, which ships without it. It is
// computed as one forward convolution, so it runs on the backend's fast (XNNPACK) Conv2D:
//
//   dW[r, s, c, m] = sum over n, e, f of xpad[n, e*sh + r, f*sw + s, c] * dy[n, e, f, m]
//
// is a convolution of the input seen as C images of N channels (x transposed to [C, H, W, N]) with dy seen as
// an E x F filter from N to M channels (dy transposed to [E, F, N, M]), dilated by the forward stride; its
// output [C, R, S, M] transposed to [R, S, C, M] is dW. Rows the forward pass never reached (a stride that
// does not divide the padded input) are cut off first so that the output is exactly R x S.
import * as tf from '@tensorflow/tfjs-core';

type KernelArgs = Parameters<tf.KernelFunc>[0];

function wasmKernel(name: string): tf.KernelFunc {
  const config = tf.getKernel(name, 'wasm');
  if (config === undefined) throw new Error(`the wasm backend has no ${name} kernel, which the conv filter gradient needs`);
  return config.kernelFunc;
}

function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const owner = backend as tf.KernelBackend;
  const { x, dy } = inputs as unknown as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat !== 'NHWC') throw new Error(`wasm Conv2DBackpropFilter: only NHWC data is supported, got ${dataFormat}`);
  const xShape = x.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: R, filterWidth: S, strideHeight: sh, strideWidth: sw, outHeight: E, outWidth: F } = info;
  const { top, left } = info.padInfo;
  const [, H, W] = xShape;
  // The padded input the forward pass read spans R + (E-1) sh rows from -top; pad below, or cut, to that.
  const bottom = R + (E - 1) * sh - H - top;
  const right = S + (F - 1) * sw - W - left;

  const temps: tf.TensorInfo[] = [];
  const run = (name: string, ins: Record<string, tf.TensorInfo>, at: Record<string, unknown>): tf.TensorInfo => {
    const out = wasmKernel(name)({ inputs: ins, backend, attrs: at as tf.NamedAttrMap }) as tf.TensorInfo;
    temps.push(out);
    return out;
  };
  try {
    let xt = run('Transpose', { x }, { perm: [3, 1, 2, 0] }); // [C, H, W, N]
    if (bottom < 0 || right < 0) {
      const [C, , , N] = xt.shape;
      xt = run('Slice', { x: xt }, { begin: [0, 0, 0, 0], size: [C, H + Math.min(0, bottom), W + Math.min(0, right), N] });
    }
    const dyt = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }); // [E, F, N, M]
    const explicit = [
      [0, 0],
      [top, Math.max(0, bottom)],
      [left, Math.max(0, right)],
      [0, 0],
    ];
    const crsm = run('Conv2D', { x: xt, filter: dyt }, { strides: [1, 1], pad: explicit, dilations: [sh, sw], dataFormat: 'NHWC' });
    return wasmKernel('Transpose')({ inputs: { x: crsm }, backend, attrs: { perm: [1, 2, 0, 3] } }) as tf.TensorInfo;
  } finally {
    for (const t of temps) owner.disposeData(t.dataId);
  }
}

let registered = false;

/** Registers the kernel once (idempotent: tests and the command may both set the backend up). */
export function registerWasmConvFilterGradient(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm') !== undefined) return;
  tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: 'wasm', kernelFunc: conv2DBackpropFilter });
  registered = true;
}
