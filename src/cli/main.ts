#!/usr/bin/env node
// dkm-sim command line. Input errors (bad hardware or model file, a layer with no legal mapping) print one
// message naming the file and field and exit with code 2; anything else is a bug and exits with 1.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { HardwareFileError } from '../hw/load.js';
import { OBJECTIVES } from '../search/objective.js';
import { DEFAULT_SEARCH_LIMIT } from '../search/search.js';
import { NoLegalMappingError } from '../mapping/legality.js';
import { ModelFileError } from '../workload/modelFile.js';
import { listModels, UnknownModelError } from '../workload/zoo/index.js';
import { MappingFileError } from './mappingFile.js';
import { runCompress } from './compress.js';
import { WeightsFileError } from '../workload/weights/load.js';
import { OptionError, runSimulate } from './simulate.js';
import { runValidate } from './validate.js';
import { registerRetrain } from './retrainCommand.js';
import { COMPRESS_METHODS } from './compressedRun.js';
import { DEFAULT_WEIGHT_SEED, sharingPlanOptions } from './sharingOptions.js';

const INPUT_ERROR_EXIT = 2;

/** A bad option value, reported like yargs' own usage errors. */
class UsageError extends Error {}

function isInputError(err: unknown): err is Error {
  return err instanceof HardwareFileError || err instanceof ModelFileError || err instanceof NoLegalMappingError ||
    err instanceof UnknownModelError || err instanceof OptionError || err instanceof MappingFileError ||
    err instanceof WeightsFileError;
}

export async function main(argv: string[]): Promise<void> {
  await yargs(argv)
    .scriptName('dkm-sim')
    .usage('$0 --hw FILE --model NAME|FILE [options]\n\nEnergy, access counts and cycles of a CNN on a row-stationary (Eyeriss-like) accelerator.')
    .command(
      '$0',
      'map every layer of a network, report energy by level, accesses and cycles',
      (y) => sharingPlanOptions(y
        .option('hw', { type: 'string', demandOption: true, describe: 'hardware file (JSON), e.g. hardware/eyeriss.json' })
        .option('model', { type: 'string', demandOption: true, describe: `zoo model (${listModels().join(', ')}) or a model JSON file` })
        .option('batch', { type: 'number', default: 1, describe: 'batch size N (images per run)' })
        .option('objective', { choices: OBJECTIVES, default: 'energy' as const, describe: 'what the mapping search minimizes per layer (edp = energy x cycles)' })
        .option('engine', { choices: ['analytical', 'cycle'] as const, default: 'analytical' as const, describe: 'cycles from the analytical estimate, or from the cycle-level simulation of each mapped layer (adds stall breakdown)' })
        .option('layer', { type: 'string', describe: 'run only this layer; with --engine cycle also write timeline.svg' })
        .option('functional', { type: 'boolean', default: false, describe: 'move real (seeded, synthetic) values through the simulated array for the --layer and check them against a plain convolution; writes output.bin and functional.json' })
        .option('seed', { type: 'number', default: 1, describe: 'seed of the synthetic values of --functional' })
        .option('mapping', { type: 'string', describe: 'JSON file with the mapping to use for the --layer instead of searching' })
        .option('out', { type: 'string', describe: 'output folder [default: results/<model>-<hardware>/]' })
        .option('json', { type: 'boolean', default: false, describe: 'print summary.json to stdout instead of the table (files are still written)' })
        .option('search-limit', { type: 'number', default: DEFAULT_SEARCH_LIMIT, describe: 'pass tiles completed per layer, best bound first; 0 = exhaustive' })
        .option('compress', { type: 'string', describe: `also run the network weight-shared by ${COMPRESS_METHODS.join('|')} (Deep k-Means; plan from --cluster-rate or --k as in dkm-sim compress) and compare the two` }))
        .check((a) => {
          if (!Number.isInteger(a.batch) || a.batch < 1) throw new UsageError(`--batch must be a positive integer, got ${a.batch}`);
          if (!Number.isInteger(a.seed)) throw new UsageError(`--seed must be an integer, got ${a.seed}`);
          if (!Number.isInteger(a['search-limit']) || a['search-limit'] < 0) throw new UsageError('--search-limit must be a non-negative integer (0 = exhaustive)');
          return true;
        }),
      (a) => runSimulate({
        hw: a.hw, model: a.model, batch: a.batch, objective: a.objective, engine: a.engine, layer: a.layer, mapping: a.mapping,
        out: a.out, json: a.json, searchLimit: a['search-limit'], functional: a.functional, seed: a.seed,
        compression: { compress: a.compress, clusterRate: a['cluster-rate'], k: a.k, sparsity: a.sparsity, weights: a.weights, weightSeed: a['weight-seed'] },
      }),
    )
    .command(
      'compress',
      'Deep k-Means weight sharing of the conv layers: codebooks, index bits and compression ratios',
      (y) => sharingPlanOptions(y
        .option('model', { type: 'string', demandOption: true, describe: `zoo model (${listModels().join(', ')}) or a model JSON file` }))
        .option('out', { type: 'string', describe: 'output folder [default: results/<model>-compress/]' })
        .option('json', { type: 'boolean', default: false, describe: 'print compression.json to stdout instead of the table' }),
      (a) => runCompress({
        model: a.model, clusterRate: a['cluster-rate'], k: a.k, sparsity: a.sparsity, weights: a.weights,
        weightSeed: a['weight-seed'] ?? DEFAULT_WEIGHT_SEED, out: a.out, json: a.json,
      }),
    )
    .command(
      'validate',
      'the paper\'s check of its energy metric: R^2 of the metric against the simulated energy of AlexNet and GoogLeNet v1 conv layers over cluster rates',
      (y) => y
        .option('hw', { type: 'string', default: 'hardware/eyeriss.json', describe: 'hardware file (JSON)' })
        .option('out', { type: 'string', default: 'results/validation', describe: 'output folder' })
        .option('batch', { type: 'number', default: 1, describe: 'batch size N (images per run)' })
        .option('weight-seed', { type: 'number', default: 1, describe: 'seed of the synthetic He-normal weights (conv layer i uses seed + i)' })
        .option('json', { type: 'boolean', default: false, describe: 'print validation.json to stdout instead of the tables' })
        .check((a) => {
          if (!Number.isInteger(a.batch) || a.batch < 1) throw new UsageError(`--batch must be a positive integer, got ${a.batch}`);
          if (!Number.isInteger(a['weight-seed'])) throw new UsageError(`--weight-seed must be an integer, got ${a['weight-seed']}`);
          return true;
        }),
      (a) => runValidate({ hw: a.hw, out: a.out, batch: a.batch, weightSeed: a['weight-seed'], json: a.json }),
    )
    .command(registerRetrain())
    .strict()
    .help()
    .fail((msg, err) => {
      if (err && !(err instanceof UsageError)) throw err;
      process.stderr.write(`dkm-sim: ${msg}\nRun dkm-sim --help for the options.\n`);
      process.exit(INPUT_ERROR_EXIT);
    })
    .parseAsync();
}

main(hideBin(process.argv)).catch((err: unknown) => {
  if (isInputError(err)) {
    process.stderr.write(`dkm-sim: ${err.message}\n`);
    process.exit(INPUT_ERROR_EXIT);
  }
  process.stderr.write(`dkm-sim: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
