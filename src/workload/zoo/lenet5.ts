// LeNet-5 as the weight-sharing papers train it on MNIST (Caffe's examples/mnist LeNet, used by Han et al. 2016
// and Wu et al. 2018): conv 5x5x20, 2x2/2 max pool, conv 5x5x50, 2x2/2 max pool, fc 500, fc 10, no padding, so
// the 28x28 digit shrinks to 24, 12, 8, 4. src/train trains exactly these layers (it takes the pools from the
// shapes and adds the one ReLU, after fc1), so the hardware model runs the layers that were trained.
import type { LayerShape } from '../layer.js';
import { input, NetBuilder, pool } from './builder.js';

export function lenet5(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(1, 28), 'conv1', 20, 5); // 24
  x = pool(x, 2, 2); // 12
  x = b.conv(x, 'conv2', 50, 5); // 8
  x = pool(x, 2, 2); // 4
  x = b.fc(x, 'fc1', 500); // as a 4x4x50 conv
  b.fc(x, 'fc2', 10);
  return b.build();
}
