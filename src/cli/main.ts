#!/usr/bin/env node
// dkm-sim command line. Input errors (bad hardware or model file, a layer with no legal mapping) print one
// message naming the file and field and exit with code 2; anything else is a bug and exits with 1.
// Each command's module is imported when that command runs: the main command's charts (d3-node) and the
// rest cost a few hundred ms that `--help`, `compress` or a usage error should not pay.
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { DEFAULT_WORD_BITS } from '../hw/spec.js';
import { OBJECTIVES } from '../search/objective.js';
import { DEFAULT_REFINE, DEFAULT_SEARCH_LIMIT } from '../search/search.js';
import { listModels } from '../workload/zoo/index.js';
import { registerRetrain } from './retrainCommand.js';
import { COMPRESS_METHODS } from './compressedRun.js';
import { DEFAULT_WEIGHT_SEED, sharingPlanOptions } from './sharingOptions.js';

const INPUT_ERROR_EXIT = 2;

/** A bad option value, reported like yargs' own usage errors. */
class UsageError extends Error {}

/** The input errors' classes, imported only once an error is to be told apart (their modules are loaded by then). */
async function isInputError(err: unknown): Promise<boolean> {
  const [{ HardwareFileError }, { NoLegalMappingError }, { ModelFileError }, { UnknownModelError }, { OptionError }, { MappingFileError }, { WeightsFileError }] =
    await Promise.all([import('../hw/errors.js'), import('../mapping/legality.js'), import('../workload/modelFile.js'),
      import('../workload/zoo/index.js'), import('./optionError.js'), import('./mappingFile.js'), import('../workload/weights/errors.js')]);
  const [{ VaryError }, { SweepFolderError }, { RecordsError }, { OutputFolderError }, { ResultRangeError }] = await Promise.all([
    import('../explore/vary.js'), import('../explore/sweep.js'), import('../explore/records.js'), import('../report/outputFolder.js'),
    import('../run/resultRange.js'),
  ]);
  return err instanceof HardwareFileError || err instanceof ModelFileError || err instanceof NoLegalMappingError ||
    err instanceof UnknownModelError || err instanceof OptionError || err instanceof MappingFileError ||
    err instanceof WeightsFileError || err instanceof VaryError || err instanceof SweepFolderError || err instanceof RecordsError ||
    err instanceof OutputFolderError || err instanceof ResultRangeError;
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
        .option('refine', { type: 'number', default: DEFAULT_REFINE, describe: 'with --engine cycle and --objective latency or edp: simulate the K best mappings of the analytical ranking per layer and keep the best by simulated cycles; 1 = the analytical choice' })
        .option('decode', { type: 'string', describe: 'with --compress: where shared weights are decoded, pe (in the PEs), glb (at the global buffer), dense (off-chip: the layer runs dense), or auto (the mapping search picks per layer, among what the hardware supports) [default: auto]' })
        .option('compress', { type: 'string', describe: `also run the network weight-shared by ${COMPRESS_METHODS.join('|')} (Deep k-Means; plan from --cluster-rate or --k as in dkm-sim compress) and compare the two` }))
        .check((a) => {
          if (!Number.isInteger(a.batch) || a.batch < 1) throw new UsageError(`--batch must be a positive integer, got ${a.batch}`);
          if (!Number.isInteger(a.seed)) throw new UsageError(`--seed must be an integer, got ${a.seed}`);
          if (!Number.isInteger(a['search-limit']) || a['search-limit'] < 0) throw new UsageError('--search-limit must be a non-negative integer (0 = exhaustive)');
          if (!Number.isInteger(a.refine) || a.refine < 1) throw new UsageError(`--refine must be a positive integer (1 = the analytical choice), got ${a.refine}`);
          return true;
        }),
      async (a) => (await import('./simulate.js')).runSimulate({
        hw: a.hw, model: a.model, batch: a.batch, objective: a.objective, engine: a.engine, layer: a.layer, mapping: a.mapping,
        out: a.out, json: a.json, searchLimit: a['search-limit'], refine: a.refine, functional: a.functional, seed: a.seed,
        compression: {
          compress: a.compress, clusterRate: a['cluster-rate'], k: a.k, sparsity: a.sparsity, firstLayerRate: a['first-layer-rate'], keepFirst: a['keep-first'],
          weights: a.weights, weightSeed: a['weight-seed'], decode: a.decode,
        },
      }),
    )
    .command(
      'compress',
      'Deep k-Means weight sharing of the conv layers: codebooks, index bits and compression ratios',
      (y) => sharingPlanOptions(y
        .option('model', { type: 'string', demandOption: true, describe: `zoo model (${listModels().join(', ')}) or a model JSON file` }))
        .option('out', { type: 'string', describe: 'output folder [default: results/<model>-compress/]' })
        .option('json', { type: 'boolean', default: false, describe: 'print compression.json to stdout instead of the table' })
        .option('word-bits', { type: 'number', default: DEFAULT_WORD_BITS, describe: 'bits of one accelerator word (a hardware file\'s wordBits): the on-chip compression ratio counts filters and codebook in these words' })
        .check((a) => {
          const bits = a['word-bits'];
          if (!Number.isInteger(bits) || bits < 1) throw new UsageError(`--word-bits must be a positive integer, got ${bits}`);
          return true;
        }),
      async (a) => (await import('./compress.js')).runCompress({
        model: a.model, clusterRate: a['cluster-rate'], k: a.k, sparsity: a.sparsity, firstLayerRate: a['first-layer-rate'], keepFirst: a['keep-first'],
        weights: a.weights, weightSeed: a['weight-seed'] ?? DEFAULT_WEIGHT_SEED, out: a.out, json: a.json, wordBits: a['word-bits'],
      }),
    )
    .command(
      'validate',
      'the paper\'s check of its energy metric: R^2 of the metric against the paper\'s setup (Eyeriss method, dense counts, index bits) and the detailed model, with an ablation, over the cluster rates of AlexNet and GoogLeNet v1 conv layers',
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
      async (a) => (await import('./validate.js')).runValidate({ hw: a.hw, out: a.out, batch: a.batch, weightSeed: a['weight-seed'], json: a.json }),
    )
    .command(
      'sweep',
      'a design-space sweep: every combination of --vary values, each point a whole-network run; Pareto front, plots and report.html',
      (y) => y
        .option('hw', { type: 'string', demandOption: true, describe: 'base hardware file (JSON); each point changes the fields named by --vary' })
        .option('model', { type: 'string', demandOption: true, describe: `zoo model (${listModels().join(', ')}) or a model JSON file` })
        .option('vary', { type: 'string', array: true, demandOption: true, describe: 'PATH=VALUES: a list (glb.capacityBytes=32KiB,64KiB), a range (rf.filterWords=64:512:x2, noc.wordsPerCycle.ifmap=2:8:+2), array shapes (peArray=12x14,16x16) or cluster rates (compress.clusterRate=0.5,0.1); repeat for more axes' })
        .option('batch', { type: 'number', default: 1, describe: 'batch size N (images per run)' })
        .option('objective', { choices: OBJECTIVES, default: 'energy' as const, describe: 'what the mapping search minimizes per layer at every point' })
        .option('objectives', { type: 'string', describe: 'objectives of the Pareto front, comma-separated from energy, latency, area, edp [default: energy,latency,area; energy,latency without an area model]' })
        .option('engine', { choices: ['analytical', 'cycle'] as const, default: 'analytical' as const, describe: 'cycles from the analytical estimate or the cycle-level simulation' })
        .option('out', { type: 'string', describe: 'output folder [default: results/sweep-<model>-<hardware>/]' })
        .option('resume', { type: 'boolean', default: false, describe: 'continue the sweep in --out: evaluate only the points missing from its sweep.jsonl' })
        .option('shard', { type: 'string', describe: 'I/N: evaluate only slice I (0-based) of N of the points, e.g. for a Slurm job array; join the folders with dkm-sim merge' })
        .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
        .option('search-limit', { type: 'number', default: DEFAULT_SEARCH_LIMIT, describe: 'pass tiles completed per layer, best bound first; 0 = exhaustive' })
        .option('weights', { type: 'string', describe: 'trained weights for the compress.clusterRate axis [default: synthetic He-normal]' })
        .option('weight-seed', { type: 'number', default: DEFAULT_WEIGHT_SEED, describe: 'seed of the synthetic weights (conv layer i uses seed + i)' })
        .option('threads', { type: 'number', describe: 'worker threads [default: one per core]; 1 evaluates every point in the main thread' })
        .check((a) => {
          if (!Number.isInteger(a.batch) || a.batch < 1) throw new UsageError(`--batch must be a positive integer, got ${a.batch}`);
          if (a.threads !== undefined && !(Number.isInteger(a.threads) && a.threads >= 1)) throw new UsageError(`--threads must be a positive integer, got ${a.threads}`);
          if (!Number.isInteger(a['search-limit']) || a['search-limit'] < 0) throw new UsageError('--search-limit must be a non-negative integer (0 = exhaustive)');
          if (!Number.isInteger(a['weight-seed'])) throw new UsageError(`--weight-seed must be an integer, got ${a['weight-seed']}`);
          return true;
        }),
      async (a) => (await import('./sweep.js')).runSweepCommand({
        hw: a.hw, model: a.model, batch: a.batch, engine: a.engine, objective: a.objective, vary: a.vary, objectives: a.objectives,
        out: a.out, resume: a.resume, shard: a.shard, quiet: a.quiet, searchLimit: a['search-limit'], weights: a.weights, weightSeed: a['weight-seed'], threads: a.threads,
      }),
    )
    .command(
      'merge <dirs..>',
      'join the folders of a sharded sweep (--shard i/n) into the files one unsharded run writes',
      (y) => y
        .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shard folders' })
        .option('out', { type: 'string', demandOption: true, describe: 'output folder of the merged sweep' }),
      async (a) => (await import('./merge.js')).runMerge(a.dirs as string[], a.out),
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

main(hideBin(process.argv)).catch(async (err: unknown) => {
  if (err instanceof Error && await isInputError(err)) {
    process.stderr.write(`dkm-sim: ${err.message}\n`);
    process.exit(INPUT_ERROR_EXIT);
  }
  process.stderr.write(`dkm-sim: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
