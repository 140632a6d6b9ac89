// ResNet-18 in torchvision's layout: BasicBlocks (two 3x3 convs); the first block of stages 2-4 halves the
// size on its first conv and has a 1x1 stride-2 downsample conv on the shortcut. Names follow torchvision.
import type { LayerShape } from '../layer.js';
import { add, globalPool, input, NetBuilder, pool, type Act } from './builder.js';

function basicBlock(b: NetBuilder, x: Act, name: string, width: number, stride: number): Act {
  const y = b.conv(b.conv(x, `${name}.conv1`, width, 3, { stride, padding: 1 }), `${name}.conv2`, width, 3, { padding: 1 });
  const shortcut = stride !== 1 || x.c !== width ? b.conv(x, `${name}.downsample.0`, width, 1, { stride }) : x;
  return add(y, shortcut);
}

export function resnet18(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(3, 224), 'conv1', 64, 7, { stride: 2, padding: 3 }); // 112
  x = pool(x, 3, 2, { padding: 1 }); // 56
  [64, 128, 256, 512].forEach((width, s) => {
    for (let i = 0; i < 2; i++) x = basicBlock(b, x, `layer${s + 1}.${i}`, width, i === 0 && s > 0 ? 2 : 1);
  });
  b.fc(globalPool(x), 'fc', 1000); // 512 -> 1000
  return b.build();
}
