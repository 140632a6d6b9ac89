import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Network } from '../../../src/workload/layer.js';
import { resolveModel } from '../../../src/workload/zoo/index.js';
import { filterShape, shapeSize } from '../../../src/workload/weights/layout.js';
import { loadWeights } from '../../../src/workload/weights/load.js';
import { loadOwnWeights, payloadPath, saveWeights } from '../../../src/workload/weights/ownFormat.js';
import type { LayerWeights, NetworkWeights } from '../../../src/workload/weights/types.js';
import { arrayAt, jsonAt, numberAt, objectAt, parseJson, type JsonObject } from '../../jsonValue.js';
import { expectWeightsError, freshDir, tinyNetwork, tinyTfjs, writeTfjs } from './helpers.js';

/** mulberry32: a small seeded generator, so the test data is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Finite float32s from random bit patterns (subnormals, -0 and huge values included), bit-exact. */
function randomFloats(next: () => number, count: number): Float32Array {
  const bits = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let b = next();
    while (((b >>> 23) & 0xff) === 0xff) b = next(); // NaN or infinity: draw again
    bits[i] = b;
  }
  return new Float32Array(bits.buffer);
}

/** Random weights for every layer; a bias on every other layer. */
function synthetic(network: Network, seed: number): NetworkWeights {
  const next = rng(seed);
  const layers = new Map<string, LayerWeights>();
  network.layers.forEach((l, i) => {
    const weights = randomFloats(next, shapeSize(filterShape(l)));
    layers.set(l.name, i % 2 === 0 ? { layer: l.name, weights, bias: randomFloats(next, l.M) } : { layer: l.name, weights });
  });
  return { source: 'synthetic', seed, layers };
}

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);

function expectBitEqual(a: NetworkWeights, b: NetworkWeights): void {
  expect([...b.layers.keys()]).toEqual([...a.layers.keys()]);
  for (const [name, la] of a.layers) {
    const lb = b.layers.get(name)!;
    expect(lb.layer).toBe(name);
    expect(bits(lb.weights)).toEqual(bits(la.weights));
    if (la.bias === undefined) expect(lb.bias).toBeUndefined();
    else expect(bits(lb.bias!)).toEqual(bits(la.bias));
  }
}

const net = tinyNetwork();

/** Saves synthetic weights of the tiny network; returns the header path. */
function saved(): string {
  return saveWeights(join(freshDir(), 'w'), synthetic(net, 7), net).header;
}

function editHeader(file: string, edit: (h: JsonObject) => void): void {
  const h = objectAt(parseJson(readFileSync(file, 'utf8')));
  edit(h);
  writeFileSync(file, JSON.stringify(h));
}

describe('own format: save then load', () => {
  it('round-trips bit for bit (tiny network with groups and depthwise, and LeNet-5)', () => {
    for (const network of [net, resolveModel('lenet5', 1)]) {
      const original = synthetic(network, 42);
      const special = original.layers.get(network.layers[0].name)!.weights;
      special.set([-0, 1.4e-45, -3.4028234663852886e38, 1.1754942e-38], 0);
      const dir = freshDir();
      const files = saveWeights(join(dir, 'weights.json'), original, network);
      expect(files).toEqual({ header: join(dir, 'weights.json'), payload: join(dir, 'weights.bin') });
      expect(readdirSync(dir).sort()).toEqual(['weights.bin', 'weights.json']); // no temporary files left
      const loaded = loadWeights(files.header, network);
      expect(loaded.source).toBe('file');
      expect(loaded.file).toBe(files.header);
      expect(loaded.seed).toBe(42);
      expectBitEqual(original, loaded);
      expect(Object.is(loaded.layers.get(network.layers[0].name)!.weights[0], -0)).toBe(true);
      expectBitEqual(original, loadOwnWeights(files.header, network));
    }
  });

  it('writes the documented header: OIHW shapes, byte offsets, each bias after its filters', () => {
    const { header, payload } = saveWeights(join(freshDir(), 'sub', 'w'), synthetic(net, 1), net);
    const h = objectAt(parseJson(readFileSync(header, 'utf8')));
    expect(h.format).toBe('dkm-sim-weights');
    expect(h.version).toBe(1);
    expect(h.network).toBe('tiny');
    expect(jsonAt(h, 'layers', 0)).toEqual({ name: 'conv1', shape: [4, 2, 3, 2], offset: 0, bias: { offset: 192 } });
    expect(jsonAt(h, 'layers', 1)).toEqual({ name: 'gconv', shape: [6, 2, 2, 2], offset: 208 });
    const shapes = arrayAt(h, 'layers').map((l) => jsonAt(l, 'shape'));
    expect(shapes).toEqual([
      [4, 2, 3, 2],
      [6, 2, 2, 2],
      [12, 1, 3, 3],
      [5, 3, 2, 2],
      [3, 5, 1, 1],
    ]);
    // 4-byte floats: 48+4 + 48 + 108+12 + 60 + 15+3
    expect(readFileSync(payload).length).toBe(4 * (48 + 4 + 48 + 108 + 12 + 60 + 15 + 3));
  });

  it('saving over existing files replaces them', () => {
    const dir = freshDir();
    saveWeights(join(dir, 'w'), synthetic(net, 1), net);
    const second = synthetic(net, 2);
    expectBitEqual(second, loadWeights(saveWeights(join(dir, 'w'), second, net).header, net));
    expect(readdirSync(dir).sort()).toEqual(['w.bin', 'w.json']);
  });

  it('refuses weights that do not fit the network, writing nothing', () => {
    const dir = freshDir();
    const good = synthetic(net, 3);
    const without = new Map(good.layers);
    without.delete('dw');
    expect(() => saveWeights(join(dir, 'w'), { ...good, layers: without }, net)).toThrow(/layer "dw" has no weights/);
    const short = new Map(good.layers).set('fc1', { layer: 'fc1', weights: new Float32Array(59) });
    expect(() => saveWeights(join(dir, 'w'), { ...good, layers: short }, net)).toThrow(/"fc1" has 59 weights.*need 60/);
    const nan = new Map(good.layers).set('fc2', { layer: 'fc2', weights: new Float32Array(15).fill(Number.NaN) });
    expect(() => saveWeights(join(dir, 'w'), { ...good, layers: nan }, net)).toThrow(/"fc2" weights\[0\] is NaN/);
    const extra = new Map(good.layers).set('aux', { layer: 'aux', weights: new Float32Array(1) });
    expect(() => saveWeights(join(dir, 'w'), { ...good, layers: extra }, net)).toThrow(/"aux" is not a layer of network "tiny"/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a name map applies to the own format too', () => {
    const file = saved();
    editHeader(file, (h) => {
      objectAt(h, 'layers', 0).name = 'first';
    });
    expect(loadWeights(file, net, { nameMap: { first: 'conv1' } }).layers.get('conv1')!.weights).toHaveLength(48);
  });
});

describe('own format: errors name the file, the place and the fix', () => {
  it('a layer unknown to the network names it and lists the network layers', () => {
    const file = saved();
    editHeader(file, (h) => {
      objectAt(h, 'layers', 1).name = 'gconv_x';
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'layers[1]',
      layer: 'gconv_x',
      matches: [
        /expected a layer of network "tiny" \("conv1", "gconv", "dw", "fc1", "fc2"\)/,
        /got layer "gconv_x", which is not a layer of network "tiny"$/,
      ],
    });
  });

  it('a network layer missing from the file', () => {
    const file = saved();
    editHeader(file, (h) => {
      arrayAt(h, 'layers').splice(4, 1);
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      layer: 'fc2',
      matches: [/expected weights for every conv and fc layer of the network/, /got network "tiny" layer "fc2" has no weights in the file/],
    });
  });

  it('a shape mismatch names the layer, the expected and the found shape', () => {
    const file = saved();
    editHeader(file, (h) => {
      objectAt(h, 'layers', 0).shape = [4, 2, 2, 3];
    });
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'layers[0].shape',
      layer: 'conv1',
      matches: [
        /expected the filters \[M, C\/groups, R, S\] = \[4, 2, 3, 2\] of network layer "conv1"/,
        /got \[4, 2, 2, 3\] \(layer "conv1"\)$/,
      ],
    });
  });

  it('NaN and infinite values name the layer and the first bad index', () => {
    const file = saved();
    const h = parseJson(readFileSync(file, 'utf8'));
    const bin = readFileSync(payloadPath(file));
    bin.writeFloatLE(Number.NaN, numberAt(h, 'layers', 1, 'offset') + 4 * 5);
    bin.writeFloatLE(Infinity, numberAt(h, 'layers', 0, 'bias', 'offset') + 4 * 2);
    writeFileSync(payloadPath(file), bin);
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'layers[0].bias',
      layer: 'conv1',
      matches: [/expected finite weights/, /got Infinity at bias\[2\] \(flat index 2 of shape \[4\]\) of layer "conv1"$/],
    });
    bin.writeFloatLE(1, numberAt(h, 'layers', 0, 'bias', 'offset') + 4 * 2);
    writeFileSync(payloadPath(file), bin);
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'layers[1]',
      layer: 'gconv',
      matches: [/got NaN at weights\[0\]\[1\]\[0\]\[1\] \(flat index 5 of shape \[6, 2, 2, 2\]\) of layer "gconv"$/],
    });
  });

  it('a truncated payload gives the expected and the actual byte counts', () => {
    const file = saved();
    const bin = readFileSync(payloadPath(file));
    writeFileSync(payloadPath(file), bin.subarray(0, bin.length - 4));
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: 'layers[4].bias.offset',
      layer: 'fc2',
      matches: [/expected a payload ".*w\.bin" of at least 1192 bytes/, /got 1188 bytes \(the payload was cut short/],
    });
  });

  it('a missing payload, a missing header, a non-JSON header', () => {
    const file = saved();
    rmSync(payloadPath(file));
    expectWeightsError(() => loadWeights(file, net), file, {
      jsonPath: '$',
      matches: [/expected the \.bin payload beside its header/, /got no readable binary weights file ".*w\.bin" \(ENOENT\)$/],
    });
    const absent = join(freshDir(), 'none.json');
    expectWeightsError(() => loadOwnWeights(absent, net), absent, {
      jsonPath: '$',
      matches: [/expected a readable weights file: a dkm-sim weights header .*"dkm-sim-weights"/, /got no such file$/],
    });
    const binary = payloadPath(saved());
    expectWeightsError(() => loadWeights(binary, net), binary, {
      jsonPath: '$',
      matches: [/expected valid JSON .*, got [\x20-\x7e]+$/, /pass the JSON header of the weights, not their binary payload/],
    });
  });

  it('an unknown version, a bad field, an unknown field, a duplicate layer', () => {
    const v2 = saved();
    editHeader(v2, (h) => {
      h.version = 2;
    });
    expectWeightsError(() => loadWeights(v2, net), v2, {
      jsonPath: 'version',
      matches: [/expected version 1, the one this dkm-sim reads .*, got version 2, which is not supported$/],
    });
    const neg = saved();
    editHeader(neg, (h) => {
      objectAt(h, 'layers', 2).offset = -4;
    });
    expectWeightsError(() => loadWeights(neg, net), neg, {
      jsonPath: 'layers[2].offset',
      matches: [/expected a byte offset into the \.bin payload, a non-negative integer, got -4$/],
    });
    const extra = saved();
    editHeader(extra, (h) => {
      objectAt(h, 'layers', 0).dtype = 'float32';
    });
    expectWeightsError(() => loadWeights(extra, net), extra, {
      jsonPath: 'layers[0].dtype',
      matches: [/layers\[0\]\.dtype: unknown key; expected a layer object/],
    });
    const dup = saved();
    editHeader(dup, (h) => {
      arrayAt(h, 'layers').push({ ...objectAt(h, 'layers', 0) });
    });
    expectWeightsError(() => loadWeights(dup, net), dup, {
      jsonPath: 'layers[5].name',
      layer: 'conv1',
      matches: [/expected one entry per layer, got layer "conv1" again \(layers\[0\] and layers\[5\]\)$/],
    });
  });

  it('loadOwnWeights on a tfjs model.json says what it expected', () => {
    const m = tinyTfjs();
    const file = writeTfjs(freshDir(), m.json, m.tensors);
    expectWeightsError(() => loadOwnWeights(file, net), file, {
      jsonPath: 'format',
      matches: [
        /expected "dkm-sim-weights", a header written by saveWeights/,
        /loadWeights also reads TensorFlow\.js layers models, got "layers-model"$/,
      ],
    });
  });
});
