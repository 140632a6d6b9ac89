// GoogLeNet (Inception v1) in torchvision's layout: 224x224, ceil_mode max pools, no LRN (not a layer here),
// auxiliary classifiers left out (they only run in training). Layer names follow Caffe's bvlc_googlenet.
// One deliberate difference from torchvision: torchvision's "5x5" branch is really a 3x3 conv (a known
// discrepancy of its port); here that branch is the ORIGINAL paper's 5x5 conv with padding 2, because the
// Deep k-Means paper evaluates the original network.
import type { LayerShape } from '../layer.js';
import { concat, globalPool, input, NetBuilder, pool, type Act } from './builder.js';

/** Szegedy et al. 2015, Table 1: #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj. */
type Inception = readonly [name: string, c1: number, c3r: number, c3: number, c5r: number, c5: number, pp: number];

function inception(b: NetBuilder, x: Act, [name, c1, c3r, c3, c5r, c5, pp]: Inception): Act {
  const p = `inception_${name}`;
  const b1 = b.conv(x, `${p}/1x1`, c1, 1);
  const b2 = b.conv(b.conv(x, `${p}/3x3_reduce`, c3r, 1), `${p}/3x3`, c3, 3, { padding: 1 });
  const b3 = b.conv(b.conv(x, `${p}/5x5_reduce`, c5r, 1), `${p}/5x5`, c5, 5, { padding: 2 });
  const b4 = b.conv(pool(x, 3, 1, { padding: 1, ceil: true }), `${p}/pool_proj`, pp, 1);
  return concat(b1, b2, b3, b4);
}

export function googlenet(): LayerShape[] {
  const b = new NetBuilder();
  let x = input(3, 224);
  x = b.conv(x, 'conv1/7x7_s2', 64, 7, { stride: 2, padding: 3 }); // 112
  x = pool(x, 3, 2, { ceil: true }); // 56
  x = b.conv(x, 'conv2/3x3_reduce', 64, 1);
  x = b.conv(x, 'conv2/3x3', 192, 3, { padding: 1 });
  x = pool(x, 3, 2, { ceil: true }); // 28
  x = inception(b, x, ['3a', 64, 96, 128, 16, 32, 32]);
  x = inception(b, x, ['3b', 128, 128, 192, 32, 96, 64]);
  x = pool(x, 3, 2, { ceil: true }); // 14
  x = inception(b, x, ['4a', 192, 96, 208, 16, 48, 64]);
  x = inception(b, x, ['4b', 160, 112, 224, 24, 64, 64]);
  x = inception(b, x, ['4c', 128, 128, 256, 24, 64, 64]);
  x = inception(b, x, ['4d', 112, 144, 288, 32, 64, 64]);
  x = inception(b, x, ['4e', 256, 160, 320, 32, 128, 128]);
  x = pool(x, 2, 2, { ceil: true }); // 7 (torchvision's maxpool4 is 2x2/2)
  x = inception(b, x, ['5a', 256, 160, 320, 32, 128, 128]);
  x = inception(b, x, ['5b', 384, 192, 384, 48, 128, 128]);
  b.fc(globalPool(x), 'loss3/classifier', 1000); // 1024 -> 1000
  return b.build();
}
