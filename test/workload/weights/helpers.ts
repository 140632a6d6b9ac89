// Test helpers: a tiny network with every supported layer kind, a TensorFlow.js layers model of it written
// into a temp dir (model.json + shards), and a checker for WeightsFileErrors.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { makeLayer, type Network } from '../../../src/workload/layer.js';
import { WeightsFileError } from '../../../src/workload/weights/load.js';
import { arrayAt, objectAt, stringAt, type JsonObject } from '../../jsonValue.js';

const root = mkdtempSync(join(tmpdir(), 'dkm-weights-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dirs = 0;
/** A fresh directory for one test's files. */
export function freshDir(): string {
  const dir = join(root, `t${dirs++}`);
  mkdirSync(dir);
  return dir;
}

/**
 * conv1: a plain conv with R != S; gconv: groups = 2; dw: depthwise with depth multiplier 2 (M = 2C);
 * fc1: an fc over a 2x2x3 input (R = H, S = W); fc2: an fc after it (1x1), without bias in the tfjs model.
 */
export function tinyNetwork(): Network {
  const shapes = [
    { name: 'conv1', kind: 'conv', C: 2, M: 4, H: 6, W: 6, R: 3, S: 2, stride: 1, padding: 0, groups: 1 },
    { name: 'gconv', kind: 'conv', C: 4, M: 6, H: 4, W: 5, R: 2, S: 2, stride: 1, padding: 0, groups: 2 },
    { name: 'dw', kind: 'conv', C: 6, M: 12, H: 3, W: 4, R: 3, S: 3, stride: 1, padding: 1, groups: 6 },
    { name: 'fc1', kind: 'fc', C: 3, M: 5, H: 2, W: 2, R: 2, S: 2, stride: 1, padding: 0, groups: 1 },
    { name: 'fc2', kind: 'fc', C: 5, M: 3, H: 1, W: 1, R: 1, S: 1, stride: 1, padding: 0, groups: 1 },
  ] as const;
  return { name: 'tiny', layers: shapes.map((s) => makeLayer(s, 1)) };
}

export interface Tensor {
  name: string;
  shape: number[];
  data: Float32Array;
  dtype?: string;
}

/** `count` values id*1000 + i: every element says which layer and which file position it came from. */
export const tagged = (id: number, count: number, base = 0): Float32Array =>
  Float32Array.from({ length: count }, (_, i) => id * 1000 + base + i);

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
const t = (name: string, shape: number[], id: number, base = 0): Tensor => ({ name, shape, data: tagged(id, size(shape), base) });

/** A Keras-converter style model.json of tinyNetwork (and its tensors), to edit before writing. */
export function tinyTfjs(): { json: JsonObject; tensors: Tensor[] } {
  const layers: JsonObject[] = [
    { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 6, 2], dtype: 'float32', name: 'input_1' } },
    {
      class_name: 'Conv2D',
      config: {
        name: 'conv1',
        filters: 4,
        kernel_size: [3, 2],
        strides: [1, 1],
        padding: 'valid',
        data_format: 'channels_last',
        use_bias: true,
      },
    },
    { class_name: 'BatchNormalization', config: { name: 'bn1', axis: -1 } },
    { class_name: 'Conv2D', config: { name: 'gconv', filters: 6, kernel_size: [2, 2], groups: 2, use_bias: true } },
    { class_name: 'DepthwiseConv2D', config: { name: 'dw', kernel_size: [3, 3], depth_multiplier: 2, padding: 'same', use_bias: true } },
    { class_name: 'MaxPooling2D', config: { name: 'pool', pool_size: [2, 2] } },
    { class_name: 'Flatten', config: { name: 'flatten', data_format: 'channels_last' } },
    { class_name: 'Dense', config: { name: 'fc1', units: 5, activation: 'relu', use_bias: true } },
    { class_name: 'Dense', config: { name: 'fc2', units: 3, use_bias: false } },
  ];
  const tensors = [
    t('conv1/kernel', [3, 2, 2, 4], 1),
    t('conv1/bias', [4], 1, 500),
    t('bn1/gamma', [4], 9),
    t('bn1/beta', [4], 9, 100),
    t('bn1/moving_mean', [4], 9, 200),
    t('bn1/moving_variance', [4], 9, 300),
    t('gconv/kernel', [2, 2, 2, 6], 2),
    t('gconv/bias', [6], 2, 500),
    t('dw/depthwise_kernel', [3, 3, 6, 2], 3),
    t('dw/bias', [12], 3, 500),
    t('fc1/kernel', [12, 5], 4),
    t('fc1/bias', [5], 4, 500),
    t('fc2/kernel', [5, 3], 5),
  ];
  const json: JsonObject = {
    format: 'layers-model',
    generatedBy: 'keras v2.15.0',
    convertedBy: 'TensorFlow.js Converter v4.22.0',
    modelTopology: {
      keras_version: '2.15.0',
      backend: 'tensorflow',
      model_config: { class_name: 'Sequential', config: { name: 'tiny', layers } },
    },
    weightsManifest: [{ paths: ['group1-shard1of1.bin'], weights: [] }],
  };
  return { json, tensors };
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4 };

/** The little-endian bytes of the tensors, back to back. */
export function tensorBytes(tensors: readonly Tensor[]): Buffer {
  const parts = tensors.map((x) => {
    const b = Buffer.alloc(size(x.shape) * (DTYPE_BYTES[x.dtype ?? 'float32'] ?? 4));
    x.data.forEach((v, i) => (x.dtype === 'int32' ? b.writeInt32LE(v, 4 * i) : b.writeFloatLE(v, 4 * i)));
    return b;
  });
  return Buffer.concat(parts);
}

/**
 * Writes model.json (its manifest's `weights` filled from `tensors` unless already set) and the shard bytes
 * split over the group's `paths`; `mangle` may change the bytes before they are split. Returns model.json's path.
 */
export function writeTfjs(dir: string, json: JsonObject, tensors: readonly Tensor[], mangle: (bytes: Buffer) => Buffer = (b) => b): string {
  const group = objectAt(json, 'weightsManifest', 0);
  if (arrayAt(group, 'weights').length === 0) {
    group.weights = tensors.map((x) => ({ name: x.name, shape: x.shape, dtype: x.dtype ?? 'float32' }));
  }
  const bytes = mangle(tensorBytes(tensors));
  const paths = arrayAt(group, 'paths').map((p) => stringAt(p));
  const per = Math.ceil(bytes.length / paths.length);
  paths.forEach((p, i) => writeFileSync(join(dir, p), bytes.subarray(i * per, Math.min(bytes.length, (i + 1) * per))));
  const file = join(dir, 'model.json');
  writeFileSync(file, JSON.stringify(json, null, 2));
  return file;
}

/**
 * Runs `load` expecting a WeightsFileError for `file`: checks that the message names the file, its JSON path
 * and layer, and says what is expected and what was found, and returns it.
 */
export function expectWeightsError(
  load: () => unknown,
  file: string,
  want: { jsonPath?: string; layer?: string; matches?: RegExp[] } = {},
): WeightsFileError {
  let caught: unknown;
  try {
    load();
  } catch (e) {
    caught = e;
  }
  expect(caught, 'expected the load to throw').toBeInstanceOf(WeightsFileError);
  const err = caught as WeightsFileError;
  expect(err.file).toBe(file);
  // The form every input file's errors take: file, JSON path, what is expected and what was found.
  expect(err.message.startsWith(`${file}: ${err.jsonPath}: `)).toBe(true);
  for (const line of err.message.split('\n')) expect(line).toMatch(/^.+?: \S+: (expected .+, got .+|unknown key; .+)$/s);
  if (want.jsonPath !== undefined) expect(err.jsonPath).toBe(want.jsonPath);
  if (want.layer !== undefined) {
    expect(err.layer).toBe(want.layer);
    expect(err.message).toContain(`"${want.layer}"`);
  }
  for (const re of want.matches ?? []) expect(err.message).toMatch(re);
  return err;
}
