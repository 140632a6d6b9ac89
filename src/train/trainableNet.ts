// A network of conv and fc layers (the zoo's, the very objects the hardware model runs) made trainable: what
// happens between two weighted layers is read off their shapes. When a conv layer's E x F output is larger than
// the next layer's H x W input by an integer factor k, a k x k / stride k max pool sits between them (how the
// zoo's builder wrote it); where a ReLU goes is not in the shapes and comes from the model's recipe.
import type { Layer, Network } from '../workload/layer.js';

export interface Stage {
  readonly layer: Layer;
  /** ReLU on this layer's output (before the pool). */
  readonly relu: boolean;
  /** k of the k x k / stride k max pool after it; 1 for none. */
  readonly pool: number;
}

export interface TrainableNet {
  readonly name: string;
  /** NHWC input of one image: the first layer's H x W x C. */
  readonly input: readonly [number, number, number];
  readonly classes: number;
  readonly stages: readonly Stage[];
}

/** The pool factor between `a`'s output and `b`'s input, or an error naming both layers. */
function poolBetween(a: Layer, b: Layer): number {
  const at = `layers "${a.name}" -> "${b.name}"`;
  if (b.C !== a.M) throw new Error(`${at}: "${b.name}" reads ${b.C} channels, "${a.name}" makes ${a.M}`);
  const k = a.E / b.H;
  if (!Number.isInteger(k) || a.F / b.W !== k) {
    throw new Error(`${at}: a ${a.E}x${a.F} output does not become a ${b.H}x${b.W} input by a k x k / stride k max pool`);
  }
  return k;
}

/** `reluAfter`: names of the layers followed by a ReLU. Works on a batch-1 network from the zoo. */
export function trainableNet(network: Network, reluAfter: readonly string[]): TrainableNet {
  const layers = network.layers;
  if (layers.length === 0) throw new Error(`network "${network.name}" has no layers to train`);
  for (const name of reluAfter) {
    if (!layers.some((l) => l.name === name)) throw new Error(`network "${network.name}": ReLU after unknown layer "${name}"`);
  }
  for (const l of layers) {
    if (l.groups !== 1) throw new Error(`layer "${l.name}": grouped convolutions are not trainable here (groups = ${l.groups})`);
  }
  const stages = layers.map((layer, i): Stage => ({
    layer,
    relu: reluAfter.includes(layer.name),
    pool: i + 1 < layers.length ? poolBetween(layer, layers[i + 1]) : 1,
  }));
  const last = layers[layers.length - 1];
  if (last.kind !== 'fc')
    throw new Error(`network "${network.name}": the last layer "${last.name}" must be fc (it gives the class scores)`);
  return { name: network.name, input: [layers[0].H, layers[0].W, layers[0].C], classes: last.M, stages };
}
