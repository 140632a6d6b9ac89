// VGG-16 (Simonyan & Zisserman, configuration D): 3x3 pad-1 convs keep the size, 2x2/2 max pools halve it.
import type { LayerShape } from '../layer.js';
import { input, NetBuilder, pool } from './builder.js';

/** Output channels per conv of each of the five stages. */
const STAGES: readonly (readonly number[])[] = [
  [64, 64],
  [128, 128],
  [256, 256, 256],
  [512, 512, 512],
  [512, 512, 512],
];

export function vgg16(): LayerShape[] {
  const b = new NetBuilder();
  let x = input(3, 224);
  STAGES.forEach((widths, s) => {
    widths.forEach((m, i) => {
      x = b.conv(x, `conv${s + 1}_${i + 1}`, m, 3, { padding: 1 });
    });
    x = pool(x, 2, 2);
  });
  x = b.fc(x, 'fc6', 4096); // 7x7x512 -> 4096
  x = b.fc(x, 'fc7', 4096);
  b.fc(x, 'fc8', 1000);
  return b.build();
}
