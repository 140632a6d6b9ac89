// WRN-16-4 for CIFAR-10 (32x32) as in the Deep k-Means authors' code (the common PyTorch WideResNet):
// depth 16 = 3 groups x 2 pre-activation blocks, widths 16*4 / 32*4 / 64*4. The group stride (1, 2, 2) sits on
// the block's first 3x3 conv and on its 1x1 shortcut conv, which exists only where the shape changes (the first
// block of each group). Layer order and names match that code's parameter order: conv1, conv2, convShortcut.
import type { LayerShape } from '../layer.js';
import { add, globalPool, input, NetBuilder, type Act } from './builder.js';

function block(b: NetBuilder, x: Act, name: string, width: number, stride: number): Act {
  const y = b.conv(b.conv(x, `${name}.conv1`, width, 3, { stride, padding: 1 }), `${name}.conv2`, width, 3, { padding: 1 });
  const shortcut = x.c !== width ? b.conv(x, `${name}.convShortcut`, width, 1, { stride }) : x;
  return add(y, shortcut);
}

export function wrn16_4(): LayerShape[] {
  const b = new NetBuilder();
  let x = b.conv(input(3, 32), 'conv1', 16, 3, { padding: 1 });
  [64, 128, 256].forEach((width, g) => {
    for (let i = 0; i < 2; i++) x = block(b, x, `block${g + 1}.layer.${i}`, width, i === 0 && g > 0 ? 2 : 1);
  });
  b.fc(globalPool(x), 'fc', 10); // 8x8 average pool, 256 -> 10
  return b.build();
}
