// The training loop shared by pre-training and every re-training method: epochs of seeded shuffled batches,
// the hand-written backward pass, the method's gradient transform, Caffe's SGD. One generator (the run's seed)
// orders the batches, so methods given the same seed see the same batches in the same order.
import { createRng } from '../random/rng.js';
import { lossAndGradients } from './backprop.js';
import type { LabelledImages } from './data/dataset.js';
import { countCorrect } from './forward.js';
import type { GradientTransform } from './gradientTransform.js';
import { cloneParams, type Params } from './params.js';
import { MomentumSgd, type Solver } from './solver.js';
import type { TrainableNet } from './trainableNet.js';

export interface BatchProgress {
  readonly epoch: number;
  readonly epochs: number;
  readonly batch: number;
  readonly batches: number;
  /** Mean cross-entropy over the epoch's batches so far. */
  readonly loss: number;
  /** Training accuracy over the epoch's batches so far, in [0, 1]. */
  readonly accuracy: number;
}

export interface EpochRecord {
  /** 1-based: the epoch just finished. */
  readonly epoch: number;
  readonly loss: number;
  readonly trainAccuracy: number;
  /** Mean penalty of the gradient transform over the epoch's batches (0 without one). */
  readonly penalty: number;
  /** Accuracy on the test images after the epoch, when they were given. */
  readonly testAccuracy?: number;
  /** Wall time of the epoch's batches (the test evaluation not included). */
  readonly seconds: number;
}

export interface TrainOptions {
  readonly net: TrainableNet;
  readonly solver: Solver;
  readonly epochs: number;
  readonly seed: number;
  readonly train: LabelledImages;
  readonly test?: LabelledImages;
  readonly transform?: GradientTransform;
  readonly onBatch?: (p: BatchProgress) => void;
  /** After each epoch, with the parameters as they are then. */
  readonly onEpoch?: (record: EpochRecord, params: Params) => void;
}

export interface TrainResult {
  readonly params: Params;
  readonly history: readonly EpochRecord[];
}

/** Seeded Fisher-Yates order of 0..n-1. */
function permutation(n: number, rng: ReturnType<typeof createRng>): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

export const accuracyOf = (net: TrainableNet, params: Params, set: LabelledImages): number =>
  countCorrect(net, params, set.images, set.labels) / set.labels.length;

/** Trains a copy of `start`; `start` itself is left as it is. */
export function train(start: Params, o: TrainOptions): TrainResult {
  const params = cloneParams(start);
  const sgd = new MomentumSgd(o.solver);
  const rng = createRng(o.seed);
  const count = o.train.labels.length;
  if (count === 0) throw new Error('training: the training set is empty');
  const pixels = o.train.images.length / count;
  const size = o.solver.batchSize;
  const batches = Math.ceil(count / size);
  const history: EpochRecord[] = [];
  let iteration = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const started = performance.now();
    o.transform?.startEpoch?.(epoch, params);
    const order = permutation(count, rng);
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    let penaltySum = 0;
    for (let b = 0; b < batches; b++) {
      const idx = order.subarray(b * size, Math.min(count, (b + 1) * size));
      const images = new Float32Array(idx.length * pixels);
      idx.forEach((src, i) => images.set(o.train.images.subarray(src * pixels, (src + 1) * pixels), i * pixels));
      const labels = Uint8Array.from(idx, (src) => o.train.labels[src]);
      const step = lossAndGradients(o.net, params, { images, labels });
      penaltySum += o.transform?.adjust(params, step.gradients) ?? 0;
      sgd.step(params, step.gradients, iteration++);
      lossSum += step.loss * idx.length;
      correct += step.correct;
      seen += idx.length;
      o.onBatch?.({ epoch: epoch + 1, epochs: o.epochs, batch: b + 1, batches, loss: lossSum / seen, accuracy: correct / seen });
    }
    const seconds = (performance.now() - started) / 1000;
    const record: EpochRecord = {
      epoch: epoch + 1,
      loss: lossSum / seen,
      trainAccuracy: correct / seen,
      penalty: penaltySum / batches,
      ...(o.test && { testAccuracy: accuracyOf(o.net, params, o.test) }),
      seconds,
    };
    history.push(record);
    o.onEpoch?.(record, params);
  }
  return { params, history };
}
