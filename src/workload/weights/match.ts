// Matching the layers found in a weights file to the layers of the network, by name (through the optional
// name map). Every weighted file layer must land on a distinct network layer, and every network layer must be
// covered: weights for part of a network are refused rather than silently completed.
import type { Network } from '../layer.js';
import { weightsError } from './errors.js';
import type { LoadWeightsOptions } from './types.js';

/** A weighted layer as a file describes it. */
export interface FileLayer {
  readonly name: string;
  /** Where the layer is described in the file's JSON. */
  readonly jsonPath: string;
}

/** At most `max` names, quoted, for a message. */
export function listNames(names: readonly string[], max = 12): string {
  const shown = names
    .slice(0, max)
    .map((n) => `"${n}"`)
    .join(', ');
  return names.length > max ? `${shown}, ... (${names.length} in all)` : shown;
}

/** Network layer name -> the file layer holding its weights, in the network's layer order. */
export function matchLayers<T extends FileLayer>(
  file: string,
  network: Network,
  fileLayers: readonly T[],
  options: LoadWeightsOptions,
): Map<string, T> {
  const nameMap = options.nameMap ?? {};
  const fileNames = fileLayers.map((l) => l.name);
  const networkNames = network.layers.map((l) => l.name);
  for (const key of Object.keys(nameMap)) {
    if (!fileNames.includes(key)) {
      throw weightsError(
        file,
        '$',
        `a name map of weighted layers of the file only: ${listNames(fileNames)}`,
        `a name map that renames layer "${key}", which the file does not have`,
        key,
      );
    }
  }
  const byNetworkName = new Map<string, T>();
  for (const fl of fileLayers) {
    const target = Object.hasOwn(nameMap, fl.name) ? nameMap[fl.name]! : fl.name;
    if (target === null) continue;
    const renamed = target === fl.name ? '' : ` (mapped to "${target}")`;
    if (!networkNames.includes(target)) {
      throw weightsError(
        file,
        fl.jsonPath,
        `a layer of network "${network.name}" (${listNames(networkNames, 40)}): rename the layer to the network layer it holds, ` +
          `or map it with a name map {"${fl.name}": "<network layer>"} (null to ignore it); or load the weights for the network they belong to`,
        `layer "${fl.name}"${renamed}, which is not a layer of network "${network.name}"`,
        fl.name,
      );
    }
    const earlier = byNetworkName.get(target);
    if (earlier !== undefined) {
      throw weightsError(
        file,
        fl.jsonPath,
        `one file layer per network layer (rename or map one of the two)`,
        `layers "${earlier.name}" (at ${earlier.jsonPath}) and "${fl.name}"${renamed} both holding network layer "${target}"`,
        target,
      );
    }
    byNetworkName.set(target, fl);
  }
  const missing = networkNames.filter((n) => !byNetworkName.has(n));
  if (missing.length > 0) {
    throw weightsError(
      file,
      '$',
      'weights for every conv and fc layer of the network (map differently named file layers onto them with a name map)',
      `network "${network.name}" layer${missing.length > 1 ? 's' : ''} ${listNames(missing)} ${missing.length > 1 ? 'have' : 'has'} ` +
        `no weights in the file (the file's weighted layers are ${fileNames.length === 0 ? 'none' : listNames(fileNames, 40)})`,
      missing[0],
    );
  }
  const ordered = new Map<string, T>();
  for (const n of networkNames) ordered.set(n, byNetworkName.get(n)!);
  return ordered;
}
