// The model zoo: name -> batch-free layer shapes, and the one place a CLI argument becomes a Network
// (a zoo name, or a path to a JSON model file).
import { existsSync, statSync } from 'node:fs';
import { makeLayer, type LayerShape, type Network } from '../layer.js';
import { loadModelFile } from '../modelFile.js';
import { alexnet } from './alexnet.js';
import { googlenet } from './googlenet.js';
import { lenet5 } from './lenet5.js';
import { mobilenetV1 } from './mobilenetV1.js';
import { resnet18 } from './resnet18.js';
import { resnet50 } from './resnet50.js';
import { vgg16 } from './vgg16.js';
import { wrn16_4 } from './wrn16_4.js';

export const ZOO: Readonly<Record<string, () => LayerShape[]>> = {
  alexnet,
  vgg16,
  googlenet,
  resnet18,
  resnet50,
  'mobilenet-v1': mobilenetV1,
  'wrn-16-4': wrn16_4,
  lenet5,
};

export function listModels(): string[] {
  return Object.keys(ZOO);
}

const isFile = (path: string): boolean => existsSync(path) && statSync(path).isFile();

/** The --model argument names neither a zoo model nor an existing model file. */
export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
}

/** A zoo model by name, else an existing `.json` model file; anything else throws, listing the zoo. */
export function resolveModel(nameOrFile: string, batch: number): Network {
  const build = Object.hasOwn(ZOO, nameOrFile) ? ZOO[nameOrFile] : undefined;
  if (build !== undefined) return { name: nameOrFile, layers: build().map((shape) => makeLayer(shape, batch)) };
  if (nameOrFile.toLowerCase().endsWith('.json') && isFile(nameOrFile)) return loadModelFile(nameOrFile, batch);
  const what = nameOrFile.toLowerCase().endsWith('.json') ? `model file "${nameOrFile}" does not exist` : `unknown model "${nameOrFile}"`;
  throw new UnknownModelError(`${what}; available models: ${listModels().join(', ')} (or a path to a .json model file)`);
}
