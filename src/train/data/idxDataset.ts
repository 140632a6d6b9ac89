// A data set stored as the four IDX files of MNIST (train-images-idx3-ubyte, train-labels-idx1-ubyte,
// t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte, each possibly .gz), as Fashion-MNIST ships them too.
// Images become NHWC floats in [0, 1] (byte / 255); every file is checked against its partner.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DatasetError, type Dataset, type LabelledImages } from './dataset.js';
import { readIdx } from './idx.js';

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

/** The file for `stem` in `dir` (plain or .gz), or a DatasetError that says how to get it. */
function findFile(dir: string, stem: string, missingFix: string): string {
  for (const name of [stem, `${stem}.gz`]) {
    const file = path.join(dir, name);
    if (existsSync(file)) return file;
  }
  throw new DatasetError(path.join(dir, `${stem}(.gz)`), 'not found', missingFix);
}

function readSet(imagesFile: string, labelsFile: string, classes: number): { set: LabelledImages; height: number; width: number } {
  const images = readIdx(imagesFile, 3, 'image files (count x rows x columns)');
  const labels = readIdx(labelsFile, 1, 'label files (count)');
  const [count, height, width] = images.dims;
  if (labels.dims[0] !== count) {
    throw new DatasetError(
      labelsFile,
      `has ${labels.dims[0]} labels for the ${count} images of ${imagesFile}`,
      'use the label file that belongs to the images',
    );
  }
  const bad = labels.data.findIndex((l) => l >= classes);
  if (bad >= 0)
    throw new DatasetError(
      labelsFile,
      `label ${labels.data[bad]} of image ${bad} is not a class 0..${classes - 1}`,
      'use a label file of this data set',
    );
  const pixels = Float32Array.from(images.data, (b) => b / 255);
  return { set: { images: pixels, labels: Uint8Array.from(labels.data) }, height, width };
}

/** `missingFix` says how to obtain the files when they are not in `dir`. */
export function loadIdxDataset(name: string, dir: string, classes: number, missingFix: string): Dataset {
  const file = (stem: string) => findFile(dir, stem, missingFix);
  const train = readSet(file(FILES.trainImages), file(FILES.trainLabels), classes);
  const test = readSet(file(FILES.testImages), file(FILES.testLabels), classes);
  if (test.height !== train.height || test.width !== train.width) {
    throw new DatasetError(
      path.join(dir, FILES.testImages),
      `images are ${test.height}x${test.width}, the training images ${train.height}x${train.width}`,
      'use the test files of the same data set',
    );
  }
  return { name, source: dir, height: train.height, width: train.width, channels: 1, classes, train: train.set, test: test.set };
}
