// Backward pass of a k x k max pool with stride k ('valid': a partial window at the edge is dropped), on NHWC
// data. Each window's gradient goes to its first largest input in row-major order, the tie rule of tfjs' cpu
// MaxPoolGrad. Written out in JavaScript because the wasm backend's MaxPoolGrad takes about twice as long on
// LeNet's conv1 output (64 x 24 x 24 x 20).
import * as tf from '@tensorflow/tfjs-core';

export function maxPoolGradient(dy: tf.Tensor4D, x: tf.Tensor4D, k: number): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const oh = Math.floor(h / k);
  const ow = Math.floor(w / k);
  if (dy.shape[1] !== oh || dy.shape[2] !== ow)
    throw new Error(`maxPoolGradient: dy is ${dy.shape.join('x')}, the pool of ${x.shape.join('x')} by ${k} gives ${oh}x${ow}`);
  const xs = x.dataSync();
  const ds = dy.dataSync();
  const dx = new Float32Array(xs.length);
  let o = 0;
  for (let b = 0; b < n; b++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let ch = 0; ch < c; ch++, o++) {
          let best = -Infinity;
          let at = -1;
          for (let di = 0; di < k; di++) {
            const rowStart = ((b * h + i * k + di) * w + j * k) * c + ch;
            for (let dj = 0; dj < k; dj++) {
              const p = rowStart + dj * c;
              if (xs[p] > best || at < 0) {
                best = xs[p];
                at = p;
              }
            }
          }
          dx[at] = ds[o];
        }
      }
    }
  }
  return tf.tensor4d(dx, x.shape);
}
