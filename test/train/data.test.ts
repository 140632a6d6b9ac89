// Data sets: IDX files (plain and gzipped, every kind of damage refused with the file named), the mnist
// package's fixed split, and the message when Fashion-MNIST is not installed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DatasetError } from '../../src/train/data/dataset.js';
import { parseIdx } from '../../src/train/data/idx.js';
import { loadDataset } from '../../src/train/data/load.js';
import { MNIST_PACKAGE_SPLIT } from '../../src/train/data/mnistPackage.js';
import { idxBytes, writeTinyDataset } from './idxFiles.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-data-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('IDX data sets', () => {
  it('reads the four files, plain or gzipped, pixels as byte / 255', () => {
    for (const gzip of [false, true]) {
      const dir = path.join(tmp, gzip ? 'gz' : 'plain');
      writeTinyDataset(dir, 12, 5, gzip);
      const d = loadDataset('fashion-mnist', { dir });
      expect([d.height, d.width, d.channels, d.classes]).toEqual([28, 28, 1, 10]);
      expect(d.train.labels.length).toBe(12);
      expect(d.test.images.length).toBe(5 * 784);
      expect([...d.train.labels.subarray(0, 3)]).toEqual([0, 1, 2]);
      const raw = fs.readFileSync(path.join(dir, gzip ? 'train-images-idx3-ubyte.gz' : 'train-images-idx3-ubyte'));
      const bytes = gzip ? gunzipSync(raw) : raw;
      expect(d.train.images[100]).toBeCloseTo(bytes[16 + 100] / 255, 7);
    }
  });

  it('keeps only the first --train-size / --test-size images', () => {
    const dir = path.join(tmp, 'sizes');
    writeTinyDataset(dir, 12, 5);
    const d = loadDataset('mnist', { dir, trainSize: 4, testSize: 50 });
    expect([d.train.labels.length, d.test.labels.length]).toEqual([4, 5]);
    expect(d.train.images.length).toBe(4 * 784);
  });

  const header = (dims: number[]) => idxBytes(dims, new Uint8Array(dims.reduce((a, b) => a * b, 1)));
  const cases: [string, Uint8Array, RegExp][] = [
    [
      'a file cut inside its data',
      header([3, 28, 28]).subarray(0, 16 + 100),
      /is truncated: its header announces 3 x 28 x 28 = 2352 bytes of data, the file holds 100/,
    ],
    [
      'bytes after the data',
      Buffer.concat([header([1, 2, 2]), Buffer.from([1, 2])]),
      /has 2 bytes after the 1 x 2 x 2 = 4 bytes its header announces/,
    ],
    ['a file cut inside its header', header([3, 28, 28]).subarray(0, 9), /truncated inside its header \(9 of 16 bytes\)/],
    ['an empty file', new Uint8Array(0), /is 0 bytes long, too short for an IDX header/],
    ['not IDX (a PNG)', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), /not an IDX file: it starts with 0x89 0x50/],
    ['float elements', Buffer.from([0, 0, 0x0d, 3, 0, 0, 0, 0]), /holds float32 elements; images and labels must be unsigned bytes/],
    ['a label file where images belong', header([3]), /has 1 dimensions; image files \(count x rows x columns\) need 3/],
  ];
  for (const [what, bytes, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => parseIdx(bytes, 'x.idx', 3, 'image files (count x rows x columns)')).toThrow(message);
    });
  }

  it('refuses a truncated gzip file, mismatched counts and labels outside the classes, naming the file', () => {
    const cut = path.join(tmp, 'cut');
    writeTinyDataset(cut, 6, 3, true);
    const file = path.join(cut, 'train-images-idx3-ubyte.gz');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 200));
    expect(() => loadDataset('mnist', { dir: cut })).toThrow(DatasetError);
    expect(() => loadDataset('mnist', { dir: cut })).toThrow(new RegExp(`^${file.replace(/[.]/g, '\\.')}: is not a complete gzip stream`));

    const counts = path.join(tmp, 'counts');
    writeTinyDataset(counts, 6, 3);
    fs.writeFileSync(path.join(counts, 'train-labels-idx1-ubyte'), idxBytes([5], new Uint8Array(5)));
    expect(() => loadDataset('mnist', { dir: counts })).toThrow(/train-labels-idx1-ubyte: has 5 labels for the 6 images/);

    const labels = path.join(tmp, 'labels');
    writeTinyDataset(labels, 6, 3);
    fs.writeFileSync(path.join(labels, 't10k-labels-idx1-ubyte'), idxBytes([3], Uint8Array.from([1, 12, 0])));
    expect(() => loadDataset('mnist', { dir: labels })).toThrow(/t10k-labels-idx1-ubyte: label 12 of image 1 is not a class 0\.\.9/);
  });

  it('names the Debian package when Fashion-MNIST is missing', () => {
    const empty = path.join(tmp, 'empty');
    fs.mkdirSync(empty);
    expect(() => loadDataset('fashion-mnist', { dir: empty })).toThrow(
      /train-images-idx3-ubyte\(\.gz\): not found\. Fix: install Debian's dataset-fashion-mnist package/,
    );
    expect(() => loadDataset('fashion-mnist', { dir: path.join(tmp, 'nowhere') })).toThrow(
      /does not exist\. Fix: install Debian's dataset-fashion-mnist/,
    );
  });
});

describe('MNIST from the mnist package', () => {
  it('splits its 10,000 digits 8,000 / 2,000, every digit once, the same on every load', () => {
    const a = loadDataset('mnist');
    expect([a.train.labels.length, a.test.labels.length]).toEqual([MNIST_PACKAGE_SPLIT.train, MNIST_PACKAGE_SPLIT.test]);
    // The package holds 1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978 digits of classes 0..9.
    const perClass = new Array(10).fill(0);
    for (const l of [...a.train.labels, ...a.test.labels]) perClass[l]++;
    expect(perClass).toEqual([1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]);
    // Both halves hold every class (a class-sorted cut would not).
    expect(new Set(a.test.labels).size).toBe(10);
    const b = loadDataset('mnist');
    expect(b.test.labels).toEqual(a.test.labels);
    expect(b.train.images.subarray(0, 784 * 3)).toEqual(a.train.images.subarray(0, 784 * 3));
    expect(Math.max(...a.test.images.subarray(0, 784))).toBeLessThanOrEqual(1);
  });
});
