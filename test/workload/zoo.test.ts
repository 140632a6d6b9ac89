// Every expected number below is computed by hand from the published architecture (formula written out as
// E * F * M * (C / groups) * R * S), never by calling the code under test.
import { describe, expect, it } from 'vitest';
import { layerMacs, type Layer, type Network } from '../../src/workload/layer.js';
import { listModels, resolveModel, ZOO } from '../../src/workload/zoo/index.js';

const net = (name: string, batch = 1): Network => resolveModel(name, batch);
const layer = (n: Network, name: string): Layer => {
  const l = n.layers.find((x) => x.name === name);
  if (l === undefined) throw new Error(`${n.name} has no layer ${name}`);
  return l;
};
const macs = (n: Network, name: string): number => layerMacs(layer(n, name));
const totalMacs = (n: Network): number => n.layers.reduce((s, l) => s + layerMacs(l), 0);

describe('zoo', () => {
  it('lists every model and all layer names are unique', () => {
    expect(listModels()).toEqual(['alexnet', 'vgg16', 'googlenet', 'resnet18', 'resnet50', 'mobilenet-v1', 'wrn-16-4', 'lenet5']);
    for (const name of listModels()) {
      const names = ZOO[name]().map((l) => l.name);
      expect(new Set(names).size, name).toBe(names.length);
    }
  });

  it('unknown names throw and list the available models', () => {
    expect(() => net('alexnet2')).toThrow(/unknown model "alexnet2".*alexnet, vgg16, googlenet/);
    expect(() => net('no/such/file.json')).toThrow(/does not exist.*resnet50/);
  });

  it('AlexNet (grouped CONV2/4/5): per-layer MACs and output sizes', () => {
    const a = net('alexnet');
    expect(a.layers.map((l) => l.name)).toEqual(['CONV1', 'CONV2', 'CONV3', 'CONV4', 'CONV5', 'FC6', 'FC7', 'FC8']);
    expect(macs(a, 'CONV1')).toBe(55 * 55 * 96 * 3 * 11 * 11); // 105,415,200
    expect(macs(a, 'CONV1')).toBe(105_415_200);
    expect(macs(a, 'CONV2')).toBe(223_948_800); // 27*27*256*(96/2)*5*5
    expect(macs(a, 'CONV3')).toBe(149_520_384); // 13*13*384*256*3*3
    expect(macs(a, 'CONV4')).toBe(112_140_288); // 13*13*384*(384/2)*3*3
    expect(macs(a, 'CONV5')).toBe(74_760_192); // 13*13*256*(384/2)*3*3
    expect(macs(a, 'FC6')).toBe(4096 * 256 * 6 * 6);
    expect(macs(a, 'FC7')).toBe(4096 * 4096);
    expect(macs(a, 'FC8')).toBe(1000 * 4096);
    expect([a.layers[0].E, a.layers[1].E, a.layers[4].F, a.layers[5].E]).toEqual([55, 27, 13, 1]);
    expect(layer(a, 'FC6')).toMatchObject({ kind: 'fc', C: 256, H: 6, W: 6, R: 6, S: 6, M: 4096, E: 1, F: 1 });
    expect(layer(a, 'FC7')).toMatchObject({ C: 4096, H: 1, R: 1 });
  });

  it('VGG-16: conv1_1 and total 15,470,264,320 MACs', () => {
    const v = net('vgg16');
    expect(v.layers).toHaveLength(16);
    expect(macs(v, 'conv1_1')).toBe(224 * 224 * 64 * 3 * 9); // 86,704,128
    expect(macs(v, 'conv1_1')).toBe(86_704_128);
    expect(macs(v, 'conv5_3')).toBe(14 * 14 * 512 * 512 * 9);
    expect(layer(v, 'fc6')).toMatchObject({ C: 512, H: 7, R: 7, E: 1 });
    // Conv: 224^2*(3*64 + 64*64)*9 + 112^2*(64*128 + 128*128)*9 + 56^2*(128*256 + 2*256*256)*9
    //     + 28^2*(256*512 + 2*512*512)*9 + 14^2*3*512*512*9 = 15,346,630,656; FC: 25088*4096 + 4096^2 + 4096*1000.
    const conv =
      224 * 224 * (3 * 64 + 64 * 64) * 9 +
      112 * 112 * (64 * 128 + 128 * 128) * 9 +
      56 * 56 * (128 * 256 + 2 * 256 * 256) * 9 +
      28 * 28 * (256 * 512 + 2 * 512 * 512) * 9 +
      14 * 14 * 3 * 512 * 512 * 9;
    expect(conv).toBe(15_346_630_656);
    expect(totalMacs(v)).toBe(conv + 25088 * 4096 + 4096 * 4096 + 4096 * 1000);
    expect(totalMacs(v)).toBe(15_470_264_320);
  });

  it('GoogLeNet v1 (original 5x5 branch): sizes, per-layer MACs and total 1,582,671,872', () => {
    const g = net('googlenet');
    expect(g.layers).toHaveLength(3 + 9 * 6 + 1);
    expect(layer(g, 'conv2/3x3').E).toBe(56);
    expect(layer(g, 'inception_3a/1x1')).toMatchObject({ H: 28, C: 192 });
    expect(layer(g, 'inception_4a/5x5')).toMatchObject({ H: 14, R: 5, padding: 2, E: 14 });
    expect(layer(g, 'inception_5b/pool_proj')).toMatchObject({ C: 832, H: 7, E: 7 });
    expect(layer(g, 'loss3/classifier')).toMatchObject({ C: 1024, H: 1, M: 1000 });
    expect(macs(g, 'conv1/7x7_s2')).toBe(112 * 112 * 64 * 3 * 7 * 7);
    expect(macs(g, 'inception_3a/5x5')).toBe(28 * 28 * 32 * 16 * 5 * 5);
    // Paper's Table 1, recomputed independently: [size, in, #1x1, #3x3r, #3x3, #5x5r, #5x5, pool proj].
    const table = [
      [28, 192, 64, 96, 128, 16, 32, 32],
      [28, 256, 128, 128, 192, 32, 96, 64],
      [14, 480, 192, 96, 208, 16, 48, 64],
      [14, 512, 160, 112, 224, 24, 64, 64],
      [14, 512, 128, 128, 256, 24, 64, 64],
      [14, 512, 112, 144, 288, 32, 64, 64],
      [14, 528, 256, 160, 320, 32, 128, 128],
      [7, 832, 256, 160, 320, 32, 128, 128],
      [7, 832, 384, 192, 384, 48, 128, 128],
    ] as const;
    const inception = table.reduce(
      (s, [hw, c, a, r3, b3, r5, b5, pp]) => s + hw * hw * (c * (a + r3 + r5 + pp) + r3 * b3 * 9 + r5 * b5 * 25),
      0,
    );
    const stem = 112 * 112 * 64 * 3 * 49 + 56 * 56 * 64 * 64 + 56 * 56 * 192 * 64 * 9; // 477,675,520
    expect(stem + inception + 1024 * 1000).toBe(1_582_671_872);
    expect(totalMacs(g)).toBe(1_582_671_872);
  });

  it('ResNet-18: per-layer MACs and total 1,814,073,344', () => {
    const r = net('resnet18');
    expect(r.layers).toHaveLength(1 + 16 + 3 + 1);
    expect(macs(r, 'conv1')).toBe(112 * 112 * 64 * 3 * 7 * 7); // 118,013,952
    expect(macs(r, 'layer1.0.conv1')).toBe(56 * 56 * 64 * 64 * 9);
    expect(macs(r, 'layer2.0.conv1')).toBe(28 * 28 * 128 * 64 * 9);
    expect(macs(r, 'layer2.0.downsample.0')).toBe(28 * 28 * 128 * 64);
    expect(r.layers.some((l) => l.name === 'layer1.0.downsample.0')).toBe(false);
    // stem + 4 stages of (first 3x3, three more 3x3 at the new width) + downsamples + FC
    const stage = (hw: number, cin: number, w: number): number => hw * hw * w * 9 * (cin + 3 * w);
    const total =
      118_013_952 +
      stage(56, 64, 64) +
      stage(28, 64, 128) +
      stage(14, 128, 256) +
      stage(7, 256, 512) +
      28 * 28 * 64 * 128 +
      14 * 14 * 128 * 256 +
      7 * 7 * 256 * 512 +
      512 * 1000;
    expect(total).toBe(1_814_073_344);
    expect(totalMacs(r)).toBe(1_814_073_344);
  });

  it('ResNet-50 (v1.5): per-layer MACs, sizes and total 4,089,184,256', () => {
    const r = net('resnet50');
    expect(r.layers).toHaveLength(1 + 16 * 3 + 4 + 1);
    expect(macs(r, 'layer1.0.conv1')).toBe(56 * 56 * 64 * 64); // 12,845,056
    expect(macs(r, 'layer1.0.downsample.0')).toBe(56 * 56 * 256 * 64);
    expect(layer(r, 'layer2.0.conv1')).toMatchObject({ C: 256, M: 128, H: 56, stride: 1, E: 56 });
    expect(layer(r, 'layer2.0.conv2')).toMatchObject({ H: 56, stride: 2, E: 28, F: 28 }); // stride on the 3x3
    expect(macs(r, 'layer2.0.conv2')).toBe(28 * 28 * 128 * 128 * 9); // 115,605,504
    expect(layer(r, 'layer4.0.downsample.0')).toMatchObject({ C: 1024, M: 2048, H: 14, E: 7 });
    expect(macs(r, 'layer4.2.conv3')).toBe(7 * 7 * 2048 * 512);
    expect(macs(r, 'fc')).toBe(2048 * 1000);
    expect(totalMacs(r)).toBe(4_089_184_256);
  });

  it('MobileNet v1: depthwise as groups = C and total 568,740,352', () => {
    const m = net('mobilenet-v1');
    expect(m.layers).toHaveLength(1 + 26 + 1);
    expect(layer(m, 'conv2_dw')).toMatchObject({ C: 64, M: 64, groups: 64, stride: 2, H: 112, E: 56 });
    expect(macs(m, 'conv2_dw')).toBe(56 * 56 * 64 * 1 * 9);
    expect(macs(m, 'conv2_pw')).toBe(56 * 56 * 128 * 64);
    expect(layer(m, 'conv13_dw')).toMatchObject({ H: 7, stride: 1, E: 7 });
    // conv0 10,838,016 + depthwise 17,385,984 + pointwise 539,492,352 + FC 1,024,000
    const dw =
      112 * 112 * 32 * 9 + 56 * 56 * (64 + 128) * 9 + 28 * 28 * (128 + 256) * 9 + 14 * 14 * (256 + 5 * 512) * 9 + 7 * 7 * (512 + 1024) * 9;
    const pw =
      112 * 112 * 32 * 64 +
      56 * 56 * (64 * 128 + 128 * 128) +
      28 * 28 * (128 * 256 + 256 * 256) +
      14 * 14 * (256 * 512 + 5 * 512 * 512) +
      7 * 7 * (512 * 1024 + 1024 * 1024);
    expect([dw, pw]).toEqual([17_385_984, 539_492_352]);
    expect(112 * 112 * 32 * 3 * 9 + dw + pw + 1024 * 1000).toBe(568_740_352);
    expect(totalMacs(m)).toBe(568_740_352);
  });

  it('WRN-16-4: filter-row counts N = R * (C/groups) * M in the Deep k-Means order', () => {
    const w = net('wrn-16-4');
    const convs = w.layers.filter((l) => l.kind === 'conv');
    expect(convs.map((l) => l.R * (l.C / l.groups) * l.M)).toEqual([
      144, 3072, 12288, 1024, 12288, 12288, 24576, 49152, 8192, 49152, 49152, 98304, 196608, 32768, 196608, 196608,
    ]);
    expect(layer(w, 'block3.layer.0.convShortcut')).toMatchObject({ C: 128, M: 256, H: 16, R: 1, stride: 2, E: 8 });
    expect(layer(w, 'block1.layer.1.conv2')).toMatchObject({ H: 32, E: 32 });
    expect(layer(w, 'fc')).toMatchObject({ kind: 'fc', C: 256, M: 10, H: 1 });
    expect(macs(w, 'block2.layer.0.conv1')).toBe(16 * 16 * 128 * 64 * 9);
  });

  it('LeNet-5 (Caffe): sizes and MACs', () => {
    const l = net('lenet5');
    expect(l.layers.map((x) => [x.name, x.H, x.E])).toEqual([
      ['conv1', 28, 24],
      ['conv2', 12, 8],
      ['fc1', 4, 1],
      ['fc2', 1, 1],
    ]);
    expect(layer(l, 'fc1')).toMatchObject({ C: 50, H: 4, R: 4, M: 500 }); // 800 -> 500
    expect(macs(l, 'conv1')).toBe(24 * 24 * 20 * 1 * 25); // 288,000
    expect(macs(l, 'conv2')).toBe(8 * 8 * 50 * 20 * 25); // 1,600,000
    expect(totalMacs(l)).toBe(288_000 + 1_600_000 + 800 * 500 + 500 * 10); // 2,293,000
  });

  it('MACs scale linearly with the batch', () => {
    for (const name of listModels()) {
      const one = net(name, 1);
      const eight = net(name, 8);
      expect(eight.layers.every((l) => l.N === 8)).toBe(true);
      expect(totalMacs(eight), name).toBe(8 * totalMacs(one));
    }
  });
});
