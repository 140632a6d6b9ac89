// MobileNet v1 (Howard et al. 2017), 224x224, width multiplier 1.0: a 3x3/2 conv, then 13 depthwise-separable
// pairs (depthwise 3x3 = a conv with groups = C, then a pointwise 1x1), global average pool, FC 1024 -> 1000.
// The paper's table lists the last depthwise conv as stride 2 on a 7x7 input; every implementation (and the
// paper's own 7x7 output) uses stride 1 there, so stride 1 it is.
import type { LayerShape } from '../layer.js';
import { globalPool, input, NetBuilder } from './builder.js';

/** [pointwise output channels, depthwise stride] of the 13 separable blocks. */
const BLOCKS: readonly (readonly [m: number, stride: number])[] = [
  [64, 1],
  [128, 2],
  [128, 1],
  [256, 2],
  [256, 1],
  [512, 2],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [512, 1],
  [1024, 2],
  [1024, 1],
];

export function mobilenetV1(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(3, 224), 'conv0', 32, 3, { stride: 2, padding: 1 }); // 112
  BLOCKS.forEach(([m, stride], i) => {
    x = b.conv(x, `conv${i + 1}_dw`, x.c, 3, { stride, padding: 1, groups: x.c });
    x = b.conv(x, `conv${i + 1}_pw`, m, 1);
  });
  b.fc(globalPool(x), 'fc', 1000);
  return b.build();
}
