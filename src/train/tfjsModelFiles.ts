// A trained network as a TensorFlow.js layers model: <stem>.json (a Keras Sequential topology and the weights
// manifest) and one binary shard, returned as file contents for an all-or-nothing writer. It is what
// `model.save()` writes, so workload/weights/tfjsLayers.ts (`--weights`, `--pretrained`) reads it back, and
// tfjs-layers could load it too. Conv kernels are stored HWIO, Dense kernels [C*H*W, M] behind a Flatten.
import { float32LEBytes } from '../workload/weights/layout.js';
import type { Params } from './params.js';
import { oihwToDense, oihwToHwio } from './tfLayout.js';
import type { TrainableNet } from './trainableNet.js';

interface KerasLayer {
  readonly class_name: string;
  readonly config: Record<string, unknown>;
}

function topology(net: TrainableNet): KerasLayer[] {
  const out: KerasLayer[] = [];
  const [h, w, c] = net.input;
  net.stages.forEach(({ layer, relu, pool }, i) => {
    const first = i === 0 ? { batch_input_shape: [null, h, w, c], dtype: 'float32' } : {};
    const activation = relu ? 'relu' : 'linear';
    if (layer.kind === 'conv') {
      if (layer.padding > 0) {
        const p = layer.padding;
        out.push({
          class_name: 'ZeroPadding2D',
          config: {
            ...first,
            name: `${layer.name}_pad`,
            padding: [
              [p, p],
              [p, p],
            ],
            data_format: 'channels_last',
          },
        });
      }
      out.push({
        class_name: 'Conv2D',
        config: {
          ...(layer.padding > 0 ? {} : first),
          name: layer.name,
          filters: layer.M,
          kernel_size: [layer.R, layer.S],
          strides: [layer.stride, layer.stride],
          padding: 'valid',
          data_format: 'channels_last',
          dilation_rate: [1, 1],
          activation,
          use_bias: true,
        },
      });
    } else {
      if (net.stages[i - 1]?.layer.kind !== 'fc')
        out.push({ class_name: 'Flatten', config: { ...first, name: `${layer.name}_flatten`, data_format: 'channels_last' } });
      out.push({ class_name: 'Dense', config: { name: layer.name, units: layer.M, activation, use_bias: true } });
    }
    if (pool > 1) {
      out.push({
        class_name: 'MaxPooling2D',
        config: {
          name: `${layer.name}_pool`,
          pool_size: [pool, pool],
          strides: [pool, pool],
          padding: 'valid',
          data_format: 'channels_last',
        },
      });
    }
  });
  return out;
}

/** [file name, contents] of `<stem>.json` and its shard `<stem>.weights.bin`. */
export function tfjsModelFiles(net: TrainableNet, params: Params, stem = 'model'): [string, string | Uint8Array][] {
  const shard = `${stem}.weights.bin`;
  const manifest: { name: string; shape: number[]; dtype: 'float32' }[] = [];
  const chunks: Uint8Array[] = [];
  for (const { layer } of net.stages) {
    const p = params.get(layer.name)!;
    const shape = [layer.M, layer.C, layer.R, layer.S] as const;
    const kernel = layer.kind === 'conv' ? oihwToHwio(p.weights, shape) : oihwToDense(p.weights, [layer.M, layer.C, layer.H, layer.W]);
    const kernelShape = layer.kind === 'conv' ? [layer.R, layer.S, layer.C, layer.M] : [layer.C * layer.H * layer.W, layer.M];
    manifest.push(
      { name: `${layer.name}/kernel`, shape: kernelShape, dtype: 'float32' },
      { name: `${layer.name}/bias`, shape: [layer.M], dtype: 'float32' },
    );
    chunks.push(float32LEBytes(kernel).slice(), float32LEBytes(p.bias).slice());
  }
  const model = {
    format: 'layers-model',
    generatedBy: 'dkm-sim retrain',
    convertedBy: null,
    modelTopology: {
      class_name: 'Sequential',
      config: { name: net.name, layers: topology(net) },
      keras_version: 'tfjs-layers 4.22.0',
      backend: 'tensor_flow.js',
    },
    weightsManifest: [{ paths: [shard], weights: manifest }],
  };
  return [
    [`${stem}.json`, `${JSON.stringify(model, null, 1)}\n`],
    [shard, Buffer.concat(chunks)],
  ];
}
