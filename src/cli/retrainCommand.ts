// The yargs definition of `dkm-sim retrain` (main.ts registers it with one line).
import type { Argv, CommandModule } from 'yargs';
import { RETRAIN_METHODS } from '../explore/retrain/methods.js';
import { DATASETS } from '../train/data/load.js';
import { TRAINABLE_MODELS } from '../train/models.js';
import { integerOption, NON_NEGATIVE, numberOption, POSITIVE, SEED } from './numberOptions.js';
import { OptionError } from './optionError.js';
import { SHIPPED_HARDWARE } from './shippedFiles.js';

export const RETRAIN_DEFAULTS = { pretrainEpochs: 12, epochs: 5, retrainLr: 0.001, lambda: 1e-4, fEvery: 5, seed: 1 } as const;

function builder(y: Argv) {
  return y
    .option('model', { type: 'string', default: 'lenet5', describe: `network to train (${TRAINABLE_MODELS.join(', ')})` })
    .option('dataset', {
      type: 'string',
      default: 'mnist',
      describe: `${DATASETS.join(' or ')} (mnist: the mnist package's 10,000 digits; fashion-mnist: Debian's dataset-fashion-mnist)`,
    })
    .option('data-dir', {
      type: 'string',
      describe: 'directory with the four IDX files (train-images-idx3-ubyte[.gz], ...) instead of the default source',
    })
    .option('train-size', integerOption('train-size', POSITIVE, { describe: 'use only the first N training images' }))
    .option('test-size', integerOption('test-size', POSITIVE, { describe: 'use only the first N test images' }))
    .option('pretrained', {
      type: 'string',
      describe: 'pretrained weights (tfjs layers model.json, e.g. pretrained.json of an earlier run) instead of pretraining',
    })
    .option(
      'pretrain-epochs',
      integerOption('pretrain-epochs', NON_NEGATIVE, {
        default: RETRAIN_DEFAULTS.pretrainEpochs,
        describe: 'epochs of pretraining (without --pretrained)',
      }),
    )
    .option(
      'epochs',
      integerOption('epochs', POSITIVE, { default: RETRAIN_DEFAULTS.epochs, describe: 'epochs of every re-training method' }),
    )
    .option(
      'retrain-lr',
      numberOption('retrain-lr', {
        default: RETRAIN_DEFAULTS.retrainLr,
        describe: "base learning rate of re-training (pretraining: 0.01, Caffe's LeNet solver)",
      }),
    )
    .option('lambda', numberOption('lambda', { default: RETRAIN_DEFAULTS.lambda, describe: 'weight of the Deep k-Means penalty' }))
    .option(
      'f-every',
      integerOption('f-every', POSITIVE, { default: RETRAIN_DEFAULTS.fEvery, describe: "epochs between refreshes of the penalty's F" }),
    )
    .option('cluster-rate', {
      type: 'string',
      describe: 'plans: cluster rates K/N, comma-separated, each for every conv layer but the first',
    })
    .option('k', {
      type: 'string',
      array: true,
      describe: 'plans: K per conv layer, comma-separated; repeat --k for several plans [default for lenet5: 8,237 8,44 8,16]',
    })
    .option('methods', { type: 'string', default: RETRAIN_METHODS.join(','), describe: 'methods to run besides the pretrained network' })
    .option(
      'seed',
      integerOption('seed', SEED, { default: RETRAIN_DEFAULTS.seed, describe: 'seed of the initial weights and of the batch order' }),
    )
    .option('hw', { type: 'string', describe: `hardware file the shared networks run on [default: the shipped ${SHIPPED_HARDWARE}]` })
    .option('out', { type: 'string', describe: 'output folder [default: results/retrain-<model>-<dataset>/]' })
    .requiresArg(['model', 'dataset', 'data-dir', 'pretrained', 'cluster-rate', 'k', 'methods', 'hw', 'out'])
    .check((a) => {
      if (a.lambda < 0) throw new OptionError(`--lambda must be a finite number >= 0, got ${a.lambda}`);
      if (!(a['retrain-lr'] > 0)) throw new OptionError(`--retrain-lr must be a positive number, got ${a['retrain-lr']}`);
      return true;
    });
}

type RetrainOptions = ReturnType<typeof builder> extends Argv<infer T> ? T : never;

export function registerRetrain(): CommandModule<object, RetrainOptions> {
  return {
    command: 'retrain',
    describe:
      'Deep k-Means re-training on real data: accuracy of k-means sharing with and without re-training, beside simulated energy and latency',
    builder,
    // The training stack (tfjs, wasm) loads only when the command runs.
    handler: async (a) =>
      (await import('./retrain.js')).runRetrainCommand({
        model: a.model,
        dataset: a.dataset,
        dataDir: a.dataDir,
        trainSize: a.trainSize,
        testSize: a.testSize,
        pretrained: a.pretrained,
        pretrainEpochs: a.pretrainEpochs,
        epochs: a.epochs,
        retrainLr: a.retrainLr,
        lambda: a.lambda,
        fEvery: a.fEvery,
        clusterRate: a.clusterRate,
        k: a.k,
        methods: a.methods,
        seed: a.seed,
        hw: a.hw,
        out: a.out,
      }),
  };
}
