// IDX files written by the tests themselves: a tiny, learnable image set (class c lights up a c-dependent
// block of the image, plus seeded noise) and ways to spoil a file.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createRng } from '../../src/random/rng.js';

/** An IDX file of unsigned bytes: magic 0x00 0x00 0x08 ndims, big-endian dims, data. */
export function idxBytes(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** `count` 28x28 images: class c has a bright 6x6 block at a position of its own; labels cycle 0..classes-1. */
export function tinyImages(count: number, classes: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(count * 28 * 28);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % classes);
  for (let i = 0; i < count; i++) {
    const c = labels[i];
    const top = 2 + 6 * Math.floor(c / 4);
    const left = 2 + 6 * (c % 4);
    for (let p = 0; p < 28 * 28; p++) images[i * 784 + p] = rng.nextUint32() % 40;
    for (let r = top; r < top + 6; r++)
      for (let col = left; col < left + 6; col++) images[i * 784 + r * 28 + col] = 200 + (rng.nextUint32() % 56);
  }
  return { images, labels };
}

/** Writes the four MNIST-named IDX files of a tiny data set into `dir` (gzipped when `gzip`). */
export function writeTinyDataset(dir: string, train: number, test: number, gzip = false): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = (name: string, bytes: Uint8Array) =>
    fs.writeFileSync(path.join(dir, gzip ? `${name}.gz` : name), gzip ? gzipSync(bytes) : bytes);
  const a = tinyImages(train, 10, 1);
  const b = tinyImages(test, 10, 2);
  write('train-images-idx3-ubyte', idxBytes([train, 28, 28], a.images));
  write('train-labels-idx1-ubyte', idxBytes([train], a.labels));
  write('t10k-images-idx3-ubyte', idxBytes([test, 28, 28], b.images));
  write('t10k-labels-idx1-ubyte', idxBytes([test], b.labels));
}
