import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWeights } from '../../../src/workload/weights/load.js';
import { loadTfjsLayersWeights } from '../../../src/workload/weights/tfjsLayers.js';
import { arrayAt, jsonAt, objectAt, type Json, type JsonObject } from '../../jsonValue.js';
import { expectWeightsError, freshDir, tagged, tinyNetwork, tinyTfjs, writeTfjs } from './helpers.js';

const net = tinyNetwork();

type TinyTfjs = ReturnType<typeof tinyTfjs>;

function written(edit: (m: TinyTfjs) => void = () => {}, mangle?: (b: Buffer) => Buffer): string {
  const m = tinyTfjs();
  edit(m);
  return writeTfjs(freshDir(), m.json, m.tensors, mangle);
}

/** The topology's layer list, where the Keras converter puts it. */
const topologyLayers = (m: TinyTfjs): Json[] => arrayAt(m.json, 'modelTopology', 'model_config', 'config', 'layers');
const layerOf = (m: TinyTfjs, name: string): JsonObject => {
  const layer = topologyLayers(m).find((l) => jsonAt(l, 'config', 'name') === name);
  if (layer === undefined) throw new Error(`no layer "${name}" in the topology`);
  return objectAt(layer);
};
/** The one weight group of the manifest: its shard `paths` and its `weights`. */
const groupOf = (m: TinyTfjs): JsonObject => objectAt(m.json, 'weightsManifest', 0);
const tensorOf = (m: TinyTfjs, name: string) => m.tensors.find((x) => x.name === name)!;

describe('tfjs layers models: placement into OIHW', () => {
  const file = written();
  const w = loadWeights(file, net);
  const get = (name: string) => w.layers.get(name)!;

  it('loads every network layer, in network order, from the file', () => {
    expect(w.source).toBe('file');
    expect(w.file).toBe(file);
    expect([...w.layers.keys()]).toEqual(['conv1', 'gconv', 'dw', 'fc1', 'fc2']);
    expect([...w.layers.values()].map((l) => l.weights.length)).toEqual([48, 48, 108, 60, 15]);
  });

  // Values are id*1000 + (flat index in the file's layout), so each check reads "OIHW index <- file index".
  it('Conv2D: kernel[r][s][c][m] (HWIO [3,2,2,4]) lands at ((m*C + c)*R + r)*S + s', () => {
    const k = get('conv1').weights;
    // kernel[1][0][1][2]: file ((1*2+0)*2+1)*4+2 = 22; OIHW ((2*2+1)*3+1)*2+0 = 32
    expect(k[32]).toBe(1022);
    // kernel[0][1][0][1]: file ((0*2+1)*2+0)*4+1 = 9; OIHW ((1*2+0)*3+0)*2+1 = 13
    expect(k[13]).toBe(1009);
    expect(k[0]).toBe(1000);
    expect(Array.from(get('conv1').bias!)).toEqual([1500, 1501, 1502, 1503]);
  });

  it('grouped Conv2D (groups = 2): kernel [2,2,C/groups=2,6] transposes like an ungrouped one', () => {
    // kernel[1][0][1][4]: file ((1*2+0)*2+1)*6+4 = 34; OIHW [6,2,2,2]: ((4*2+1)*2+1)*2+0 = 38
    expect(get('gconv').weights[38]).toBe(2034);
  });

  it('DepthwiseConv2D: kernel[r][s][c][k] is filter m = c*D + k of group c', () => {
    // depthwise_kernel[2][0][4][1]: file ((2*3+0)*6+4)*2+1 = 81; m = 4*2+1 = 9; OIHW [12,1,3,3]: (9*3+2)*3+0 = 87
    expect(get('dw').weights[87]).toBe(3081);
    // depthwise_kernel[0][0][1][0]: file 2; m = 2; OIHW 2*9 = 18
    expect(get('dw').weights[18]).toBe(3002);
    expect(get('dw').bias![9]).toBe(3509);
  });

  it('Dense on a flattened 2x2x3 input: input i = (h*W + w)*C + c (Keras flattens HWC) -> [M, C, H, W]', () => {
    const k = get('fc1').weights;
    // [m=4][c=2][h=1][w=0] <- i = (1*2+0)*3+2 = 8, kernel[8][4] at 8*5+4 = 44; OIHW ((4*3+2)*2+1)*2+0 = 58
    expect(k[58]).toBe(4044);
    // [m=0][c=1][h=0][w=1] <- i = (0*2+1)*3+1 = 4, kernel[4][0] at 20; OIHW ((0*3+1)*2+0)*2+1 = 5
    expect(k[5]).toBe(4020);
  });

  it('Dense after a 1x1 input: [C, M] -> [M, C, 1, 1], no bias when use_bias is false', () => {
    // [m=1][c=3] <- kernel[3][1] at 3*3+1 = 10; OIHW 1*5+3 = 8
    expect(get('fc2').weights[8]).toBe(5010);
    expect(get('fc2').bias).toBeUndefined();
  });

  it('every layer is a permutation of its kernel (nothing lost, nothing duplicated)', () => {
    const m = tinyTfjs();
    const kernels = { conv1: 'conv1/kernel', gconv: 'gconv/kernel', dw: 'dw/depthwise_kernel', fc1: 'fc1/kernel', fc2: 'fc2/kernel' };
    for (const [layer, tensor] of Object.entries(kernels)) {
      const sorted = Float32Array.from(get(layer).weights).sort();
      expect(sorted).toEqual(Float32Array.from(tensorOf(m, tensor).data).sort());
    }
  });

  it('the full conv1 kernel matches an independent nested-loop placement', () => {
    const [R, S, C, M] = [3, 2, 2, 4];
    const k = get('conv1').weights;
    for (let r = 0; r < R; r++)
      for (let s = 0; s < S; s++)
        for (let c = 0; c < C; c++)
          for (let m = 0; m < M; m++) {
            expect(k[((m * C + c) * R + r) * S + s]).toBe(1000 + ((r * S + s) * C + c) * M + m);
          }
  });
});

describe('tfjs layers models: variants', () => {
  it("flattenOrder 'chw' reads the Dense input as i = (c*H + h)*W + w", () => {
    const w = loadTfjsLayersWeights(written(), net, { flattenOrder: 'chw' });
    // [m=4][c=2][h=1][w=0] <- i = (2*2+1)*2+0 = 10, kernel[10][4] at 54
    expect(w.layers.get('fc1')!.weights[58]).toBe(4054);
  });

  it('shards of a group are concatenated in order; scoped and ":0" weight names are matched by layer', () => {
    const file = written((m) => {
      groupOf(m).paths = ['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin'];
      tensorOf(m, 'dw/depthwise_kernel').name = 'tiny/dw/depthwise_kernel';
      tensorOf(m, 'conv1/bias').name = 'conv1/bias:0';
    });
    const w = loadWeights(file, net);
    expect(w.layers.get('dw')!.weights[87]).toBe(3081);
    expect(w.layers.get('fc2')!.weights[8]).toBe(5010);
    expect(w.layers.get('conv1')!.bias![3]).toBe(1503);
  });

  it('a Keras-3 style topology without model_config, and a nested Sequential, are walked', () => {
    const file = written((m) => {
      const layers = topologyLayers(m);
      const inner = { class_name: 'Sequential', config: { name: 'head', layers: layers.slice(7) } };
      m.json.modelTopology = { class_name: 'Functional', config: { name: 'tiny', layers: [...layers.slice(0, 7), inner] } };
    });
    expect(loadWeights(file, net).layers.get('fc2')!.weights[8]).toBe(5010);
  });

  it('a name map renames file layers and null ignores one', () => {
    const file = written((m) => {
      objectAt(layerOf(m, 'conv1'), 'config').name = 'conv2d';
      tensorOf(m, 'conv1/kernel').name = 'conv2d/kernel';
      tensorOf(m, 'conv1/bias').name = 'conv2d/bias';
      topologyLayers(m).push({ class_name: 'Dense', config: { name: 'aux', units: 2, use_bias: false } });
      m.tensors.push({ name: 'aux/kernel', shape: [3, 2], data: tagged(7, 6) });
    });
    const w = loadWeights(file, net, { nameMap: { conv2d: 'conv1', aux: null } });
    expect(w.layers.get('conv1')!.weights[32]).toBe(1022);
    expectWeightsError(() => loadWeights(file, net, { nameMap: { conv2d: 'conv1' } }), file, {
      layer: 'aux',
      matches: [/got layer "aux", which is not a layer of network "tiny"$/],
    });
  });

  it('weights of skipped layers (int32 included) are stepped over by their byte size', () => {
    const file = written((m) => {
      topologyLayers(m).splice(1, 0, { class_name: 'Embedding', config: { name: 'steps' } });
      m.tensors.unshift({ name: 'steps/counter', shape: [3], data: Float32Array.of(1, 2, 3), dtype: 'int32' });
    });
    expect(loadWeights(file, net).layers.get('conv1')!.weights[32]).toBe(1022);
  });
});

describe('tfjs layers models: errors name the file, the place and the fix', () => {
  it('a missing model.json', () => {
    const file = join(freshDir(), 'model.json');
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      matches: [/expected a readable weights file: .*layers model\.json/, /got no such file$/],
    });
  });

  it('a file that is not JSON', () => {
    const file = join(freshDir(), 'model.json');
    writeFileSync(file, '{"modelTopology": {');
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      matches: [/expected valid JSON .*, got a file that ends early at line 1, column 20/],
    });
  });

  it('an unknown format', () => {
    const file = join(freshDir(), 'other.json');
    writeFileSync(file, JSON.stringify({ name: 'tiny', layers: [] }));
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      matches: [
        /expected a dkm-sim weights header .*modelTopology/,
        /got an unknown weights format \(an object with fields "name", "layers"\)$/,
      ],
    });
    writeFileSync(file, JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }));
    expectWeightsError(() => loadWeights(file, net), file, { jsonPath: 'format', matches: [/tfjs_layers_model/] });
  });

  it('a layer of the file unknown to the network names it and lists the network layers', () => {
    const file = written((m) => {
      topologyLayers(m).push({ class_name: 'Dense', config: { name: 'aux', units: 2, use_bias: false } });
      m.tensors.push({ name: 'aux/kernel', shape: [3, 2], data: tagged(7, 6) });
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'modelTopology.model_config.config.layers[9]',
      layer: 'aux',
      matches: [
        /expected a layer of network "tiny" \("conv1", "gconv", "dw", "fc1", "fc2"\)/,
        /name map \{"aux": "<network layer>"\}/,
        /got layer "aux", which is not a layer/,
      ],
    });
  });

  it('a network layer missing from the file', () => {
    const file = written((m) => {
      topologyLayers(m).pop();
      m.tensors.pop();
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      layer: 'fc2',
      matches: [/network "tiny" layer "fc2" has no weights in the file/, /"conv1", "gconv", "dw", "fc1"\)/],
    });
  });

  it('a kernel shape mismatch names the layer, the expected and the found shape', () => {
    const file = written((m) => {
      const k = tensorOf(m, 'conv1/kernel');
      k.shape = [3, 3, 2, 4];
      k.data = tagged(1, 72);
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'weightsManifest[0].weights[0].shape',
      layer: 'conv1',
      matches: [
        /expected \[R, S, C\/groups, M\] = \[3, 2, 2, 4\], what network layer "conv1"/,
        /got \[3, 3, 2, 4\] \(weight "conv1\/kernel" of layer "conv1", Conv2D\)$/,
      ],
    });
  });

  it('a Dense kernel of the wrong size names the flattened shape it needs', () => {
    const file = written((m) => {
      const k = tensorOf(m, 'fc1/kernel');
      k.shape = [3, 5];
      k.data = tagged(4, 15);
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      layer: 'fc1',
      matches: [/\[3, 5\]/, /\[C\*H\*W, M\] = \[3\*2\*2, 5\] = \[12, 5\]/],
    });
  });

  it('a bias shape mismatch', () => {
    const file = written((m) => {
      const b = tensorOf(m, 'gconv/bias');
      b.shape = [5];
      b.data = tagged(2, 5);
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'weightsManifest[0].weights[7].shape',
      layer: 'gconv',
      matches: [/expected \[M\] = \[6\], what network layer "gconv" needs/, /got \[5\] \(bias "gconv\/bias" of layer "gconv"\)$/],
    });
  });

  it('grouping and depthwise mismatches', () => {
    const ungrouped = written((m) => delete objectAt(layerOf(m, 'gconv'), 'config').groups);
    expectWeightsError(() => loadWeights(ungrouped, net), ungrouped, {
      jsonPath: 'modelTopology.model_config.config.layers[3].config.groups',
      layer: 'gconv',
      matches: [/expected groups=2, as network layer "gconv" has .*, got groups=1 \(layer "gconv", Conv2D\)$/],
    });
    const notDw = written((m) => {
      layerOf(m, 'gconv').class_name = 'DepthwiseConv2D';
    });
    expectWeightsError(() => loadWeights(notDw, net), notDw, { layer: 'gconv', matches: [/groups=2, not groups = C = 4/] });
  });

  it('NaN and infinite values name the layer and the first bad index', () => {
    const nan = written((m) => {
      tensorOf(m, 'gconv/kernel').data[34] = Number.NaN;
      tensorOf(m, 'gconv/kernel').data[40] = Infinity;
    });
    expectWeightsError(() => loadWeights(nan, net), nan, {
      jsonPath: 'weightsManifest[0].weights[6]',
      layer: 'gconv',
      matches: [
        /got NaN at "gconv\/kernel"\[1\]\[0\]\[1\]\[4\] \(flat index 34 of shape \[2, 2, 2, 6\]\) of layer "gconv", and 1 more element is not finite$/,
      ],
    });
    const inf = written((m) => {
      tensorOf(m, 'dw/bias').data[11] = -Infinity;
    });
    expectWeightsError(() => loadWeights(inf, net), inf, {
      jsonPath: 'weightsManifest[0].weights[9]',
      layer: 'dw',
      matches: [/got -Infinity at "dw\/bias"\[11\] \(flat index 11 of shape \[12\]\) of layer "dw"$/],
    });
  });

  it('a truncated shard gives the expected and the actual byte counts', () => {
    const file = written(
      () => {},
      (b) => b.subarray(0, b.length - 8),
    );
    // 48+4+16+48+6+108+12+60+5+15 = 322 floats = 1288 bytes
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'weightsManifest[0].paths',
      matches: [
        /expected shards holding the 1288 bytes the 13 weights of this group need/,
        /got 1280 bytes in "group1-shard1of1\.bin" \(truncated\)$/,
      ],
    });
    const long = written(
      () => {},
      (b) => Buffer.concat([b, Buffer.alloc(4)]),
    );
    expectWeightsError(() => loadWeights(long, net), long, {
      matches: [/expected shards holding the 1288 bytes/, /got 1292 bytes in "group1-shard1of1\.bin" \(too many\)$/],
    });
  });

  it('a missing shard file', () => {
    const file = written((m) => {
      groupOf(m).paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    });
    rmSync(join(dirname(file), 'group1-shard2of2.bin'));
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'weightsManifest[0].paths[1]',
      matches: [
        /expected the shard files listed in "paths" beside model\.json/,
        /got no readable binary weights file ".*group1-shard2of2\.bin" \(ENOENT\)$/,
      ],
    });
  });

  it('a malformed manifest names the JSON path', () => {
    const file = written((m) => {
      groupOf(m).weights = [{ name: 'conv1/kernel', shape: [3, 2, 2, 4] }];
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'weightsManifest[0].weights[0].dtype',
      matches: [/expected a dtype string such as "float32", got nothing \(the field is missing\)$/],
    });
  });

  it('unsupported weighted classes and quantized weights are refused', () => {
    const sep = written((m) => {
      layerOf(m, 'conv1').class_name = 'SeparableConv2D';
    });
    expectWeightsError(() => loadWeights(sep, net), sep, {
      jsonPath: 'modelTopology.model_config.config.layers[1]',
      layer: 'conv1',
      matches: [
        /expected a supported layer, Conv2D, DepthwiseConv2D or Dense \(a SeparableConv2D is a DepthwiseConv2D followed by a 1x1 Conv2D\)/,
        /got layer "conv1", a SeparableConv2D, which is not supported$/,
      ],
    });
    const q = written((m) => {
      groupOf(m).weights = m.tensors.map((x) => ({ name: x.name, shape: x.shape, dtype: 'float32' }));
      objectAt(groupOf(m), 'weights', 0).quantization = { dtype: 'float16' };
    });
    expectWeightsError(() => loadWeights(q, net), q, {
      jsonPath: 'weightsManifest[0].weights[0].dtype',
      layer: 'conv1',
      matches: [/expected float32 weights, without weight quantization, got float32 quantized to float16/],
    });
  });

  it('a missing bias of a use_bias layer, and a missing kernel', () => {
    const noBias = written((m) => {
      m.tensors = m.tensors.filter((x) => x.name !== 'fc1/bias');
    });
    expectWeightsError(() => loadWeights(noBias, net), noBias, {
      layer: 'fc1',
      matches: [/expected a weight "fc1\/bias" in weightsManifest/, /got layer "fc1" \(Dense\) with use_bias true and no such weight$/],
    });
    const noKernel = written((m) => {
      m.tensors = m.tensors.filter((x) => x.name !== 'dw/depthwise_kernel');
    });
    expectWeightsError(() => loadWeights(noKernel, net), noKernel, {
      layer: 'dw',
      matches: [/expected a weight "dw\/depthwise_kernel" in weightsManifest/, /without it \(its weights there: "dw\/bias"\)$/],
    });
  });
});
