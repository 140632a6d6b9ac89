// The one entry point for weights files: looks at the JSON the user passed and hands it to the loader of its
// format (a dkm-sim weights header, or a TensorFlow.js layers model.json).
import type { Network } from '../layer.js';
import { weightsError } from './errors.js';
import { OWN_FORMAT, parseOwnWeights } from './ownFormat.js';
import { readJsonFile } from './readFiles.js';
import { parseTfjsLayersWeights } from './tfjsLayers.js';
import type { LoadWeightsOptions, NetworkWeights } from './types.js';

export { WeightsFileError } from './errors.js';
export type { LayerWeights, LoadWeightsOptions, NetworkWeights } from './types.js';

const FORMATS =
  `a dkm-sim weights header (.json with "format": "${OWN_FORMAT}", as saveWeights writes it) ` +
  'or a TensorFlow.js layers model.json (with "modelTopology" and "weightsManifest")';

/**
 * The weights of every layer of `network` from `file`, in OIHW, or a WeightsFileError naming the file, the
 * JSON path, the layer and the fix. Either every layer is loaded or nothing is.
 */
export function loadWeights(file: string, network: Network, options: LoadWeightsOptions = {}): NetworkWeights {
  const doc = readJsonFile(file, FORMATS);
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const obj = doc as Record<string, unknown>;
    if (obj['format'] === OWN_FORMAT) return parseOwnWeights(doc, file, network, options);
    if (obj['format'] === 'graph-model') {
      throw weightsError(
        file,
        'format',
        'a TensorFlow.js layers model (convert the Keras model with tensorflowjs_converter --output_format tfjs_layers_model)',
        'a graph model, whose weights carry no layer structure',
      );
    }
    if ('modelTopology' in obj) return parseTfjsLayersWeights(doc, file, network, options);
    if ('weightsManifest' in obj) {
      throw weightsError(
        file,
        '$',
        'a "modelTopology" beside the weights manifest, to match its weights to layers (model.save writes both)',
        'a weights manifest alone',
      );
    }
  }
  const seen =
    doc !== null && typeof doc === 'object' && !Array.isArray(doc)
      ? `an object with fields ${
          Object.keys(doc)
            .slice(0, 8)
            .map((k) => `"${k}"`)
            .join(', ') || 'none'
        }`
      : `${JSON.stringify(doc)?.slice(0, 40)}`;
  throw weightsError(file, '$', FORMATS, `an unknown weights format (${seen})`);
}
