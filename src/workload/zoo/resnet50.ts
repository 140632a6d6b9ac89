// ResNet-50 in torchvision's layout (v1.5): bottlenecks 1x1 -> 3x3 -> 1x1 (x4 expansion) with the stride on
// the 3x3 conv, and a 1x1 downsample conv on the first block of every stage (stage 1 too: 64 -> 256 channels).
// Names follow torchvision so imported weights line up.
import type { LayerShape } from '../layer.js';
import { add, globalPool, input, NetBuilder, pool, type Act } from './builder.js';

const EXPANSION = 4;

function bottleneck(b: NetBuilder, x: Act, name: string, width: number, stride: number): Act {
  let y = b.conv(x, `${name}.conv1`, width, 1);
  y = b.conv(y, `${name}.conv2`, width, 3, { stride, padding: 1 });
  y = b.conv(y, `${name}.conv3`, width * EXPANSION, 1);
  const out = width * EXPANSION;
  const shortcut = stride !== 1 || x.c !== out ? b.conv(x, `${name}.downsample.0`, out, 1, { stride }) : x;
  return add(y, shortcut);
}

export function resnet50(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(3, 224), 'conv1', 64, 7, { stride: 2, padding: 3 }); // 112
  x = pool(x, 3, 2, { padding: 1 }); // 56
  const stages: readonly (readonly [width: number, blocks: number])[] = [
    [64, 3],
    [128, 4],
    [256, 6],
    [512, 3],
  ];
  stages.forEach(([width, blocks], s) => {
    for (let i = 0; i < blocks; i++) x = bottleneck(b, x, `layer${s + 1}.${i}`, width, i === 0 && s > 0 ? 2 : 1);
  });
  b.fc(globalPool(x), 'fc', 1000); // 2048 -> 1000
  return b.build();
}
