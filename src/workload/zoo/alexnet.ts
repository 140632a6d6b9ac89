// AlexNet as in Krizhevsky et al. 2012: the two-GPU split survives as groups = 2 on CONV2, CONV4 and CONV5
// (each half sees only its own GPU's channels). 227x227 input, the size that makes CONV1's 11x11/4 exact.
import type { LayerShape } from '../layer.js';
import { input, NetBuilder, pool } from './builder.js';

export function alexnet(): LayerShape[] {
  const b = new NetBuilder();
  let x = input(3, 227);
  x = b.conv(x, 'CONV1', 96, 11, { stride: 4 }); // 55x55
  x = pool(x, 3, 2); // 27x27 (overlapping max pool)
  x = b.conv(x, 'CONV2', 256, 5, { padding: 2, groups: 2 });
  x = pool(x, 3, 2); // 13x13
  x = b.conv(x, 'CONV3', 384, 3, { padding: 1 }); // CONV3 reads both halves: not grouped
  x = b.conv(x, 'CONV4', 384, 3, { padding: 1, groups: 2 });
  x = b.conv(x, 'CONV5', 256, 3, { padding: 1, groups: 2 });
  x = pool(x, 3, 2); // 6x6
  x = b.fc(x, 'FC6', 4096);
  x = b.fc(x, 'FC7', 4096);
  b.fc(x, 'FC8', 1000);
  return b.build();
}
