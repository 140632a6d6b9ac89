// The training recipe of Caffe's LeNet (examples/mnist/lenet_solver.prototxt and the net's lr_mult): SGD with
// momentum 0.9 and weight decay 5e-4 on batches of 64, learning rate 0.01 decaying by the "inv" policy
// lr = 0.01 (1 + 1e-4 iteration)^-0.75, biases at twice the rate. Caffe's update, per parameter array:
//   v = momentum v + lr (gradient + decay w);   w = w - v
import type { Params } from './params.js';

export interface Solver {
  readonly baseLr: number;
  readonly momentum: number;
  readonly weightDecay: number;
  readonly gamma: number;
  readonly power: number;
  readonly biasLrMultiplier: number;
  readonly batchSize: number;
}

export const CAFFE_LENET_SOLVER: Solver = {
  baseLr: 0.01,
  momentum: 0.9,
  weightDecay: 5e-4,
  gamma: 1e-4,
  power: 0.75,
  biasLrMultiplier: 2,
  batchSize: 64,
};

export const learningRate = (s: Solver, iteration: number): number => s.baseLr * (1 + s.gamma * iteration) ** -s.power;

/** The momentum buffers of one training run, one per parameter array, starting at zero. */
export class MomentumSgd {
  private readonly velocity = new Map<Float32Array, Float32Array>();

  constructor(private readonly solver: Solver) {}

  /** One step on every array of `params` (in place) with the matching arrays of `gradients`. */
  step(params: Params, gradients: Params, iteration: number): void {
    const lr = learningRate(this.solver, iteration);
    for (const [name, p] of params) {
      const g = gradients.get(name)!;
      this.update(p.weights, g.weights, lr);
      this.update(p.bias, g.bias, lr * this.solver.biasLrMultiplier);
    }
  }

  private update(w: Float32Array, g: Float32Array, lr: number): void {
    let v = this.velocity.get(w);
    if (v === undefined) {
      v = new Float32Array(w.length);
      this.velocity.set(w, v);
    }
    const { momentum, weightDecay } = this.solver;
    for (let i = 0; i < w.length; i++) {
      v[i] = momentum * v[i] + lr * (g[i] + weightDecay * w[i]);
      w[i] -= v[i];
    }
  }
}
