// Weights of a TensorFlow.js LAYERS model (what `tensorflowjs_converter` makes of a Keras model, or what
// `model.save()` writes): `model.json` holding `modelTopology` (the Keras model config) and `weightsManifest`,
// plus binary shard files beside it. Parsed here without tfjs.
//
// Format facts relied on:
// - weightsManifest is a list of groups {paths, weights}; a group's weights are stored back to back, in the listed
//   order, in the concatenation of its shard files (paths relative to model.json), little-endian.
// - A weight is named "<layer name>/<variable>" (possibly behind scopes "outer/…", possibly with a ":0" suffix).
// - Keras kernels: Conv2D "kernel" [R, S, C/groups, M] (HWIO, whatever data_format), DepthwiseConv2D
//   "depthwise_kernel" [R, S, C, depthMultiplier], Dense "kernel" [C_in, M]; "bias" [M] when use_bias (default true).
//
// Supported layer classes: Conv2D, DepthwiseConv2D and Dense, matched to network layers by name. Weighted classes
// this cannot express (SeparableConv2D, transposed or 1-D/3-D convs, ...) are refused unless the name map ignores
// them; every other layer (pooling, Flatten, activations, BatchNormalization, ...) is skipped: batch-norm is not
// folded into the preceding filters.
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import type { Layer, Network } from '../layer.js';
import { checkFinite } from './check.js';
import { schemaError, weightsError } from './errors.js';
import { shown } from '../../hw/errors.js';
import { denseToOihw, depthwiseToOihw, formatShape, hwioToOihw, readFloat32LE, sameShape, shapeSize, type Shape4 } from './layout.js';
import { listNames, matchLayers } from './match.js';
import { readBinary, readJsonFile } from './readFiles.js';
import type { LayerWeights, LoadWeightsOptions, NetworkWeights } from './types.js';

const MODEL_SHAPE = 'a TensorFlow.js layers model.json {"modelTopology": {...}, "weightsManifest": [{"paths": [...], "weights": [...]}]}';

type WeightedClass = 'Conv2D' | 'DepthwiseConv2D' | 'Dense';

/** Keras class names (and their old aliases) this loader converts. */
const SUPPORTED: Readonly<Record<string, WeightedClass>> = {
  Conv2D: 'Conv2D',
  Convolution2D: 'Conv2D',
  DepthwiseConv2D: 'DepthwiseConv2D',
  Dense: 'Dense',
};

/** Weighted Keras classes whose filters have no place in a network of conv and fc layers as this loader maps them. */
const UNSUPPORTED = new Set([
  'SeparableConv2D',
  'SeparableConvolution2D',
  'SeparableConv1D',
  'Conv2DTranspose',
  'Convolution2DTranspose',
  'Conv1D',
  'Convolution1D',
  'Conv1DTranspose',
  'Conv3D',
  'Convolution3D',
  'Conv3DTranspose',
  'DepthwiseConv1D',
  'LocallyConnected1D',
  'LocallyConnected2D',
  'ConvLSTM2D',
]);

/** Classes that contain a nested model (their config holds `layers`). */
const NESTED = new Set(['Sequential', 'Model', 'Functional']);

const KERNEL_VARIABLE: Readonly<Record<WeightedClass, string>> = {
  Conv2D: 'kernel',
  DepthwiseConv2D: 'depthwise_kernel',
  Dense: 'kernel',
};

const weightSchema = z.looseObject({
  name: z.string().min(1),
  shape: z.array(z.int().nonnegative()),
  dtype: z.string(),
  quantization: z.looseObject({ dtype: z.string() }).optional(),
});

const modelJsonSchema = z.looseObject({
  format: z.string().optional(),
  modelTopology: z.looseObject({}),
  weightsManifest: z.array(z.looseObject({ paths: z.array(z.string().min(1)).min(1), weights: z.array(weightSchema) })).min(1),
});

function expected(path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  switch (last) {
    case undefined:
      return MODEL_SHAPE;
    case 'modelTopology':
      return 'the Keras model config object (as tensorflowjs_converter writes it)';
    case 'weightsManifest':
      return 'a non-empty array of {"paths": [shard file, ...], "weights": [{"name", "shape", "dtype"}, ...]}';
    case 'paths':
      return 'a non-empty array of shard file names relative to model.json';
    case 'weights':
      return 'an array of {"name", "shape", "dtype"}';
    case 'name':
      return 'a weight name "<layer>/<variable>"';
    case 'shape':
      return 'an array of non-negative integers';
    case 'dtype':
    case 'quantization':
      return 'a dtype string such as "float32"';
    case 'format':
      return '"layers-model"';
    default:
      return typeof last === 'number' ? 'an object of the kind listed in the manifest' : MODEL_SHAPE;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A weighted layer of the topology. */
interface TopologyLayer {
  readonly name: string;
  readonly className: string;
  readonly config: Readonly<Record<string, unknown>>;
  readonly jsonPath: string;
}

/** The conv-like layers of a Keras model config, nested models flattened, in config order. */
function topologyLayers(file: string, topology: Record<string, unknown>): TopologyLayer[] {
  const out: TopologyLayer[] = [];
  const walk = (model: Record<string, unknown>, at: string): void => {
    const cfg = model['config'];
    const list = Array.isArray(cfg) ? cfg : isObject(cfg) && Array.isArray(cfg['layers']) ? cfg['layers'] : undefined;
    if (list === undefined) {
      throw weightsError(
        file,
        `${at}.config`,
        'the config of a Keras Sequential or functional model, which holds "layers"',
        'no list of layers',
      );
    }
    const listPath = Array.isArray(cfg) ? `${at}.config` : `${at}.config.layers`;
    list.forEach((entry: unknown, i: number) => {
      const p = `${listPath}[${i}]`;
      if (!isObject(entry) || typeof entry['class_name'] !== 'string') {
        throw weightsError(file, p, 'a layer object {"class_name": ..., "config": {...}}', shown(entry));
      }
      const className = entry['class_name'];
      if (NESTED.has(className)) return walk(entry, p);
      if (!Object.hasOwn(SUPPORTED, className) && !UNSUPPORTED.has(className)) return undefined;
      const config = isObject(entry['config']) ? entry['config'] : {};
      const name = typeof config['name'] === 'string' ? config['name'] : entry['name'];
      if (typeof name !== 'string' || name === '') {
        throw weightsError(file, `${p}.config.name`, 'a name for every layer', `a ${className} layer without one`);
      }
      out.push({ name, className, config, jsonPath: p });
      return undefined;
    });
  };
  const root = isObject(topology['model_config']) ? topology['model_config'] : topology;
  walk(root, root === topology ? 'modelTopology' : 'modelTopology.model_config');
  return out;
}

/** One weight of the manifest with its place in its group's concatenated shards. */
interface ManifestWeight {
  readonly group: number;
  readonly name: string;
  readonly layer: string;
  readonly variable: string;
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly byteOffset: number;
  readonly jsonPath: string;
}

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1, complex64: 8, uint8: 1, uint16: 2, float16: 2 };

type Manifest = z.infer<typeof modelJsonSchema>['weightsManifest'];

/** Every weight with its byte offset; per group, the bytes its weights need. */
function manifestWeights(file: string, manifest: Manifest): { weights: ManifestWeight[]; groupBytes: number[] } {
  const weights: ManifestWeight[] = [];
  const groupBytes = manifest.map((group, g) => {
    let byteOffset = 0;
    group.weights.forEach((w, i) => {
      const jsonPath = `weightsManifest[${g}].weights[${i}]`;
      const stored = w.quantization?.dtype ?? w.dtype;
      const bytes = DTYPE_BYTES[stored];
      if (bytes === undefined) {
        throw weightsError(
          file,
          jsonPath,
          'numeric weights (float32) without string tensors',
          `weight "${w.name}" of dtype "${stored}", whose size in the shards is unknown`,
        );
      }
      const parts = w.name.replace(/:\d+$/, '').split('/');
      const dtype = w.quantization === undefined ? w.dtype : `${w.dtype} quantized to ${w.quantization.dtype}`;
      weights.push({
        group: g,
        name: w.name,
        layer: parts[parts.length - 2] ?? '',
        variable: parts[parts.length - 1],
        shape: w.shape,
        dtype,
        byteOffset,
        jsonPath,
      });
      byteOffset += bytes * shapeSize(w.shape);
    });
    return byteOffset;
  });
  return { weights, groupBytes };
}

/** The concatenated shards of each group, checked against the bytes the manifest says they hold. */
function readShards(file: string, manifest: Manifest, groupBytes: readonly number[]): Uint8Array[] {
  const dir = dirname(file);
  return manifest.map((group, g) => {
    const paths = group.paths.map((p) => resolve(dir, p));
    const data = Buffer.concat(
      paths.map((p, i) =>
        readBinary(
          file,
          `weightsManifest[${g}].paths[${i}]`,
          p,
          'the shard files listed in "paths" beside model.json (re-export the model if they are lost)',
        ),
      ),
    );
    const need = groupBytes[g];
    if (data.length !== need) {
      const files = listNames(group.paths);
      const got = `${data.length} bytes in ${files} (${data.length < need ? 'truncated' : 'too many'})`;
      throw weightsError(
        file,
        `weightsManifest[${g}].paths`,
        `shards holding the ${need} bytes the ${group.weights.length} weights of this group need: those written together with this model.json (re-export the model if they were cut short or replaced)`,
        got,
      );
    }
    return data;
  });
}

/** What a matched pair turns into: the kernel shape to expect and how to reorder it to OIHW. */
interface Plan {
  readonly kernelShape: readonly number[];
  /** The expected shape's meaning, e.g. "[R, S, C/groups, M] =". */
  readonly meaning: string;
  readonly convert: (kernel: Float32Array) => Float32Array;
}

/**
 * Checks that a `cls` layer can hold the filters of network `layer` at all (grouping, depthwise, what a Dense
 * can express) and says what kernel it must have; the kernel itself is checked against `kernelShape` later.
 */
function planFor(file: string, tl: TopologyLayer, cls: WeightedClass, layer: Layer, options: LoadWeightsOptions): Plan {
  const { M, C, H, W, R, S, groups } = layer;
  switch (cls) {
    case 'Conv2D': {
      const kGroups = tl.config['groups'] ?? 1;
      if (kGroups !== groups) {
        throw weightsError(
          file,
          `${tl.jsonPath}.config.groups`,
          `groups=${groups}, as network layer "${layer.name}" has (or map "${tl.name}" to a network layer with the same grouping)`,
          `groups=${JSON.stringify(kGroups)} (layer "${tl.name}", Conv2D)`,
          layer.name,
        );
      }
      const want: Shape4 = [R, S, C / groups, M];
      return { kernelShape: want, meaning: '[R, S, C/groups, M] =', convert: (k) => hwioToOihw(k, want) };
    }
    case 'DepthwiseConv2D': {
      if (groups !== C) {
        throw weightsError(
          file,
          tl.jsonPath,
          `a depthwise network layer (groups = C) for "${tl.name}" (DepthwiseConv2D)`,
          `network layer "${layer.name}" with groups=${groups}, not groups = C = ${C}`,
          layer.name,
        );
      }
      const want: Shape4 = [R, S, C, M / C];
      return { kernelShape: want, meaning: '[R, S, C, M/C] =', convert: (k) => depthwiseToOihw(k, want) };
    }
    case 'Dense': {
      const whole = R === H && S === W;
      if (groups !== 1 || !(whole || (R === 1 && S === 1))) {
        throw weightsError(
          file,
          tl.jsonPath,
          `an fc layer (R = H, S = W) or an ungrouped 1x1 conv for "${tl.name}" (Dense), and a Conv2D for "${layer.name}"`,
          `network layer "${layer.name}" (R=${R}, S=${S} on a ${H}x${W} input, groups=${groups}), whose filters a Dense cannot hold`,
          layer.name,
        );
      }
      const target: Shape4 = [M, C, R, S];
      return {
        kernelShape: [C * R * S, M],
        meaning: R * S > 1 ? `[C*H*W, M] = [${C}*${H}*${W}, ${M}] =` : '[C, M] =',
        convert: (k) => denseToOihw(k, target, options.flattenOrder ?? 'hwc'),
      };
    }
  }
}

/** Validates a parsed tfjs layers model.json against the network and reads its shards. */
export function parseTfjsLayersWeights(doc: unknown, file: string, network: Network, options: LoadWeightsOptions = {}): NetworkWeights {
  const parsed = modelJsonSchema.safeParse(doc);
  if (!parsed.success) throw schemaError(file, doc, parsed.error.issues, expected);
  const model = parsed.data;
  if (model.format !== undefined && model.format !== 'layers-model') {
    throw weightsError(
      file,
      'format',
      'a TensorFlow.js layers model (convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model)',
      `a "${model.format}" model`,
    );
  }

  const nameMap = options.nameMap ?? {};
  const topo = topologyLayers(file, model.modelTopology);
  for (const tl of topo) {
    if (UNSUPPORTED.has(tl.className) && nameMap[tl.name] !== null) {
      throw weightsError(
        file,
        tl.jsonPath,
        'a supported layer, Conv2D, DepthwiseConv2D or Dense (a SeparableConv2D is a DepthwiseConv2D followed by a 1x1 Conv2D), ' +
          `or the layer ignored with a name map {"${tl.name}": null}`,
        `layer "${tl.name}", a ${tl.className}, which is not supported`,
        tl.name,
      );
    }
  }
  const { weights: manifest, groupBytes } = manifestWeights(file, model.weightsManifest);
  const matched = matchLayers(
    file,
    network,
    topo.filter((tl) => !UNSUPPORTED.has(tl.className)),
    options,
  );

  const jobs = network.layers.map((layer) => {
    const tl = matched.get(layer.name)!;
    const cls = SUPPORTED[tl.className];
    const plan = planFor(file, tl, cls, layer, options);
    const own = manifest.filter((w) => w.layer === tl.name);
    const variable = KERNEL_VARIABLE[cls];
    const kernel = own.find((w) => w.variable === variable);
    const bias = own.find((w) => w.variable === 'bias');
    if (kernel === undefined) {
      throw weightsError(
        file,
        tl.jsonPath,
        `a weight "${tl.name}/${variable}" in weightsManifest (model.save or tensorflowjs_converter write the model with its weights)`,
        `layer "${tl.name}" (${cls}) without it (its weights there: ${own.length === 0 ? 'none' : listNames(own.map((w) => w.name))})`,
        layer.name,
      );
    }
    if (bias === undefined && tl.config['use_bias'] !== false) {
      throw weightsError(
        file,
        tl.jsonPath,
        `a weight "${tl.name}/bias" in weightsManifest, or "use_bias": false if the layer has none`,
        `layer "${tl.name}" (${cls}) with use_bias true and no such weight`,
        layer.name,
      );
    }
    for (const w of bias === undefined ? [kernel] : [kernel, bias]) {
      if (w.dtype !== 'float32') {
        throw weightsError(
          file,
          `${w.jsonPath}.dtype`,
          'float32 weights, without weight quantization',
          `${w.dtype} (weight "${w.name}" of layer "${tl.name}")`,
          layer.name,
        );
      }
    }
    if (!sameShape(kernel.shape, plan.kernelShape)) {
      throw weightsError(
        file,
        `${kernel.jsonPath}.shape`,
        `${plan.meaning} ${formatShape(plan.kernelShape)}, what network layer "${layer.name}" (C=${layer.C}, M=${layer.M}, R=${layer.R}, S=${layer.S}, ` +
          `groups=${layer.groups}) needs (or map "${tl.name}" to the network layer it really is)`,
        `${formatShape(kernel.shape)} (weight "${kernel.name}" of layer "${tl.name}", ${cls})`,
        layer.name,
      );
    }
    if (bias !== undefined && !sameShape(bias.shape, [layer.M])) {
      throw weightsError(
        file,
        `${bias.jsonPath}.shape`,
        `[M] = [${layer.M}], what network layer "${layer.name}" needs (or map "${tl.name}" to the network layer it really is)`,
        `${formatShape(bias.shape)} (bias "${bias.name}" of layer "${tl.name}")`,
        layer.name,
      );
    }
    return { layer, kernel, bias, plan };
  });

  const shards = readShards(file, model.weightsManifest, groupBytes);
  const layers = new Map<string, LayerWeights>();
  for (const { layer, kernel, bias, plan } of jobs) {
    const raw = readFloat32LE(shards[kernel.group], kernel.byteOffset, shapeSize(plan.kernelShape));
    checkFinite(file, kernel.jsonPath, layer.name, `"${kernel.name}"`, raw, plan.kernelShape);
    const weights = plan.convert(raw);
    if (bias === undefined) {
      layers.set(layer.name, { layer: layer.name, weights });
      continue;
    }
    const b = readFloat32LE(shards[bias.group], bias.byteOffset, layer.M);
    checkFinite(file, bias.jsonPath, layer.name, `"${bias.name}"`, b, [layer.M]);
    layers.set(layer.name, { layer: layer.name, weights, bias: b });
  }
  return { source: 'file', file, layers };
}

/** Reads a TensorFlow.js layers `model.json` and its shards for `network`. */
export function loadTfjsLayersWeights(file: string, network: Network, options: LoadWeightsOptions = {}): NetworkWeights {
  return parseTfjsLayersWeights(readJsonFile(file, MODEL_SHAPE), file, network, options);
}
