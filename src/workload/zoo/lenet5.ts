// LeNet-5 in its common modern form for MNIST 28x28: conv1 pads by 2 so the 5x5 filter sees the 32x32 input of
// the original; 2x2/2 pools; the 16x5x5 map feeds FC 400 -> 120 -> 84 -> 10.
import type { LayerShape } from '../layer.js';
import { input, NetBuilder, pool } from './builder.js';

export function lenet5(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(1, 28), 'conv1', 6, 5, { padding: 2 }); // 28
  x = pool(x, 2, 2); // 14
  x = b.conv(x, 'conv2', 16, 5); // 10
  x = pool(x, 2, 2); // 5
  x = b.fc(x, 'fc1', 120); // as a 5x5x16 conv
  x = b.fc(x, 'fc2', 84);
  b.fc(x, 'fc3', 10);
  return b.build();
}
