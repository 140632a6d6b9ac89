// The project's own weights format: a JSON header `<name>.json` and a little-endian float32 payload `<name>.bin`
// beside it. Every layer's filters are stored in OIHW order ([M, C/groups, R, S]), its optional bias (M values)
// anywhere else in the payload; `offset`s are in bytes from the start of the payload.
//
//   { "format": "dkm-sim-weights", "version": 1, "network"?: "<name>", "seed"?: <generator seed>,
//     "layers": [{ "name": "conv1", "shape": [M, C/groups, R, S], "offset": 0, "bias"?: { "offset": 600 } }, ...] }
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Network } from '../layer.js';
import { checkFinite } from './check.js';
import { schemaError, weightsError } from './errors.js';
import { filterShape, float32LEBytes, formatShape, readFloat32LE, sameShape, shapeSize } from './layout.js';
import { matchLayers } from './match.js';
import { readBinary, readJsonFile } from './readFiles.js';
import type { LayerWeights, LoadWeightsOptions, NetworkWeights } from './types.js';

export const OWN_FORMAT = 'dkm-sim-weights';
export const OWN_VERSION = 1;

const HEADER_SHAPE = `a dkm-sim weights header {"format": "${OWN_FORMAT}", "version": ${OWN_VERSION}, "layers": [...]} with its .bin payload beside it`;

/** The payload beside a header: `a/b.json` -> `a/b.bin`. */
export const payloadPath = (header: string): string => `${header.replace(/\.json$/i, '')}.bin`;

const positive = z.int().positive();
const offset = z.int().nonnegative();

const layerSchema = z.strictObject({
  name: z.string().min(1),
  shape: z.tuple([positive, positive, positive, positive]),
  offset,
  bias: z.strictObject({ offset }).optional(),
});

const headerSchema = z.strictObject({
  format: z.literal(OWN_FORMAT),
  version: z.literal(OWN_VERSION),
  network: z.string().optional(),
  seed: z.number().optional(),
  layers: z.array(layerSchema),
});

type HeaderLayer = z.infer<typeof layerSchema>;

const EXPECTED: Record<string, string> = {
  name: 'the network layer name, a non-empty string',
  shape: 'the OIHW filter shape [M, C/groups, R, S] of positive integers',
  offset: 'a byte offset into the .bin payload, a non-negative integer',
  bias: 'an object {"offset": <byte offset of M float32 values>}',
  network: 'the network name, a string',
  seed: 'a number',
  layers: 'an array of {"name", "shape", "offset", "bias"?}',
};

function expected(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return HEADER_SHAPE;
  if (typeof last === 'number') return 'a layer object {"name", "shape": [M, C/groups, R, S], "offset", "bias"?: {"offset"}}';
  if (path.length >= 2 && path[path.length - 2] === 'bias') return 'a byte offset into the .bin payload, a non-negative integer';
  return EXPECTED[String(last)] ?? `one of the fields ${Object.keys(EXPECTED).join(', ')}`;
}

/** Validates a parsed header against the network and reads its payload. `file` is the header's path. */
export function parseOwnWeights(doc: unknown, file: string, network: Network, options: LoadWeightsOptions = {}): NetworkWeights {
  const top = doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : undefined;
  if (top !== undefined && top['format'] !== OWN_FORMAT) {
    const found = top['format'] === undefined ? 'nothing (the field is missing)' : JSON.stringify(top['format']);
    throw weightsError(
      file,
      'format',
      `"${OWN_FORMAT}", a header written by saveWeights (${HEADER_SHAPE}); loadWeights also reads TensorFlow.js layers models`,
      found,
    );
  }
  const version = top?.['version'];
  if (version !== OWN_VERSION && typeof version === 'number') {
    throw weightsError(
      file,
      'version',
      `version ${OWN_VERSION}, the one this dkm-sim reads (save the weights again with it)`,
      `version ${version}, which is not supported`,
    );
  }
  const parsed = headerSchema.safeParse(doc);
  if (!parsed.success) throw schemaError(file, doc, parsed.error.issues, expected);
  const header = parsed.data;

  const firstIndex = new Map<string, number>();
  const fileLayers = header.layers.map((l, i) => {
    const seen = firstIndex.get(l.name);
    if (seen !== undefined) {
      throw weightsError(
        file,
        `layers[${i}].name`,
        'one entry per layer',
        `layer "${l.name}" again (layers[${seen}] and layers[${i}])`,
        l.name,
      );
    }
    firstIndex.set(l.name, i);
    return { ...l, jsonPath: `layers[${i}]` };
  });
  const matched = matchLayers(file, network, fileLayers, options);

  for (const layer of network.layers) {
    const fl = matched.get(layer.name)!;
    const want = filterShape(layer);
    if (!sameShape(fl.shape, want)) {
      throw weightsError(
        file,
        `${fl.jsonPath}.shape`,
        `the filters [M, C/groups, R, S] = ${formatShape(want)} of network layer "${layer.name}" (or load the weights for the network they were saved for)`,
        `${formatShape(fl.shape)} (layer "${fl.name}")`,
        layer.name,
      );
    }
  }

  const bin = payloadPath(file);
  const payload = readBinary(file, '$', bin, `the .bin payload beside its header ("${bin}")`);
  const read = (fl: HeaderLayer & { jsonPath: string }, at: string, byteOffset: number, count: number, what: string): Float32Array => {
    const end = byteOffset + 4 * count;
    if (end > payload.length) {
      throw weightsError(
        file,
        at,
        `a payload "${bin}" of at least ${end} bytes, for the ${what} of layer "${fl.name}" (${count} float32 at bytes ${byteOffset}..${end}); save the weights again`,
        `${payload.length} bytes (the payload was cut short or belongs to another header)`,
        fl.name,
      );
    }
    return readFloat32LE(payload, byteOffset, count);
  };

  const layers = new Map<string, LayerWeights>();
  for (const layer of network.layers) {
    const fl = matched.get(layer.name)!;
    const weights = read(fl, `${fl.jsonPath}.offset`, fl.offset, shapeSize(fl.shape), 'filters');
    checkFinite(file, fl.jsonPath, layer.name, 'weights', weights, fl.shape);
    let bias: Float32Array | undefined;
    if (fl.bias !== undefined) {
      bias = read(fl, `${fl.jsonPath}.bias.offset`, fl.bias.offset, layer.M, 'bias values');
      checkFinite(file, `${fl.jsonPath}.bias`, layer.name, 'bias', bias, [layer.M]);
    }
    layers.set(layer.name, bias === undefined ? { layer: layer.name, weights } : { layer: layer.name, weights, bias });
  }
  return header.seed === undefined ? { source: 'file', file, layers } : { source: 'file', file, seed: header.seed, layers };
}

/** Reads a dkm-sim weights header (`<name>.json`) and its payload (`<name>.bin`) for `network`. */
export function loadOwnWeights(file: string, network: Network, options: LoadWeightsOptions = {}): NetworkWeights {
  return parseOwnWeights(readJsonFile(file, HEADER_SHAPE), file, network, options);
}

export interface SavedWeightsFiles {
  readonly header: string;
  readonly payload: string;
}

/**
 * Checks in-memory weights against the network they are saved for: every layer present, sizes right, finite.
 * A problem here is a bug of the caller, not of a file, so it is a plain RangeError naming the layer.
 */
function checkForSave(weights: NetworkWeights, network: Network): void {
  const names = new Set(network.layers.map((l) => l.name));
  for (const name of weights.layers.keys()) {
    if (!names.has(name)) throw new RangeError(`saveWeights: layer "${name}" is not a layer of network "${network.name}"`);
  }
  for (const layer of network.layers) {
    const lw = weights.layers.get(layer.name);
    if (lw === undefined) throw new RangeError(`saveWeights: network "${network.name}" layer "${layer.name}" has no weights`);
    const want = shapeSize(filterShape(layer));
    if (lw.weights.length !== want) {
      throw new RangeError(
        `saveWeights: layer "${layer.name}" has ${lw.weights.length} weights, its filters ${formatShape(filterShape(layer))} need ${want}`,
      );
    }
    if (lw.bias !== undefined && lw.bias.length !== layer.M) {
      throw new RangeError(`saveWeights: layer "${layer.name}" has ${lw.bias.length} bias values, expected M = ${layer.M}`);
    }
    for (const [what, a] of [
      ['weights', lw.weights],
      ['bias', lw.bias],
    ] as const) {
      const bad = a === undefined ? -1 : a.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0)
        throw new RangeError(`saveWeights: layer "${layer.name}" ${what}[${bad}] is ${a![bad]}; only finite weights can be saved`);
    }
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

let tempCounter = 0;

/**
 * Saves `weights` of `network` as `<base>.json` + `<base>.bin` (a trailing `.json` on `base` is dropped), layers
 * in network order, each bias right after its filters. Both files are written under temporary names and renamed
 * into place, the header (which names the layout) last, so a reader never sees a half-written file; on failure the
 * temporary files are removed.
 */
export function saveWeights(base: string, weights: NetworkWeights, network: Network): SavedWeightsFiles {
  checkForSave(weights, network);
  const stem = base.replace(/\.json$/i, '');
  const header = `${stem}.json`;
  const payload = payloadPath(header);
  mkdirSync(dirname(header), { recursive: true });

  const entries: string[] = [];
  const chunks: Uint8Array[] = [];
  let byteOffset = 0;
  for (const layer of network.layers) {
    const lw = weights.layers.get(layer.name)!;
    const entry: Record<string, unknown> = { name: layer.name, shape: filterShape(layer), offset: byteOffset };
    chunks.push(float32LEBytes(lw.weights));
    byteOffset += lw.weights.byteLength;
    if (lw.bias !== undefined) {
      entry['bias'] = { offset: byteOffset };
      chunks.push(float32LEBytes(lw.bias));
      byteOffset += lw.bias.byteLength;
    }
    entries.push(`    ${JSON.stringify(entry)}`);
  }
  const top = [`  "format": ${JSON.stringify(OWN_FORMAT)}`, `  "version": ${OWN_VERSION}`, `  "network": ${JSON.stringify(network.name)}`];
  if (weights.seed !== undefined && Number.isFinite(weights.seed)) top.push(`  "seed": ${JSON.stringify(weights.seed)}`);
  const text = `{\n${top.join(',\n')},\n  "layers": [\n${entries.join(',\n')}\n  ]\n}\n`;

  const suffix = `.tmp-${process.pid}-${tempCounter++}`;
  const tmpPayload = payload + suffix;
  const tmpHeader = header + suffix;
  try {
    const fd = openSync(tmpPayload, 'w');
    try {
      for (const chunk of chunks) writeAll(fd, chunk);
    } finally {
      closeSync(fd);
    }
    writeFileSync(tmpHeader, text);
    renameSync(tmpPayload, payload);
    renameSync(tmpHeader, header);
  } catch (e) {
    rmSync(tmpPayload, { force: true });
    rmSync(tmpHeader, { force: true });
    throw e;
  }
  return { header, payload };
}
