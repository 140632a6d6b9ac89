// dkm-sim's commands and options, and the one place an error becomes an exit code: input errors (a bad hardware,
// model, mapping or weights file, option or output folder; a layer with no legal mapping) print one message
// naming the file and field or option and give 2; anything else is a bug and gives 1. runCli never exits the
// process, so tests can run a command in-process; main.ts is the executable around it.
// Each command's module is imported when that command runs: the main command's charts (d3-node) and the
// rest cost a few hundred ms that `--help`, `compress` or a usage error should not pay.
import yargs from 'yargs';
import { MAX_WORD_BITS } from '../hw/fields.js';
import { DEFAULT_WORD_BITS } from '../hw/spec.js';
import { closest } from '../hw/suggest.js';
import { OBJECTIVES } from '../search/objective.js';
import { DEFAULT_REFINE, DEFAULT_SEARCH_LIMIT } from '../search/search.js';
import { listModels } from '../workload/zoo/index.js';
import { registerRetrain } from './retrainCommand.js';
import { COMPRESS_METHODS } from './compressedRun.js';
import { BATCH, integerOption, NON_NEGATIVE, SEED, UsageError } from './numberOptions.js';
import { DEFAULT_WEIGHT_SEED, sharingOptionsGiven, sharingPlanOptions } from './sharingOptions.js';
import { SHIPPED_HARDWARE } from './shippedFiles.js';

export const INPUT_ERROR_EXIT = 2;
export const INTERNAL_ERROR_EXIT = 1;

/** Simulated candidates per layer: each is a cycle-level run, so thousands would take hours on a large layer. */
const MAX_REFINE = 64;
const MAX_THREADS = 256;

const COMMANDS = ['compress', 'validate', 'sweep', 'merge', 'retrain'] as const;

/** The input errors' classes, imported only once an error is to be told apart (their modules are loaded by then). */
async function isInputError(err: unknown): Promise<boolean> {
  const [
    { HardwareFileError },
    { NoLegalMappingError },
    { ModelFileError },
    { UnknownModelError },
    { OptionError },
    { MappingFileError },
    { WeightsFileError },
  ] = await Promise.all([
    import('../hw/errors.js'),
    import('../mapping/legality.js'),
    import('../workload/modelFile.js'),
    import('../workload/zoo/index.js'),
    import('./optionError.js'),
    import('./mappingFile.js'),
    import('../workload/weights/errors.js'),
  ]);
  const [{ VaryError }, { SweepFolderError }, { RecordsError }, { OutputFolderError }, { ResultRangeError }] = await Promise.all([
    import('../explore/vary.js'),
    import('../explore/sweep.js'),
    import('../explore/records.js'),
    import('../report/outputFolder.js'),
    import('../run/resultRange.js'),
  ]);
  return (
    err instanceof HardwareFileError ||
    err instanceof ModelFileError ||
    err instanceof NoLegalMappingError ||
    err instanceof UnknownModelError ||
    err instanceof OptionError ||
    err instanceof MappingFileError ||
    err instanceof WeightsFileError ||
    err instanceof VaryError ||
    err instanceof SweepFolderError ||
    err instanceof RecordsError ||
    err instanceof OutputFolderError ||
    err instanceof ResultRangeError
  );
}

/**
 * A first word that is no command: the default command takes no words, and yargs would only say that --hw is
 * missing, so `dkm-sim compres` is answered with the command it probably means.
 */
function checkCommandName(argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || (COMMANDS as readonly string[]).includes(first)) return;
  const hint = closest(first, COMMANDS);
  const commands = `the commands are ${COMMANDS.slice(0, -1).join(', ')} and ${COMMANDS[COMMANDS.length - 1]}; the main run takes none (dkm-sim --hw FILE --model NAME)`;
  throw new UsageError(
    `unknown command "${first}"; ${hint ? `did you mean ${hint}? ${commands[0].toUpperCase()}${commands.slice(1)}` : commands}`,
  );
}

/** yargs' own words for a missing option value, in the words of the other option messages. */
const usageText = (msg: string): string => msg.replace(/^Not enough arguments following: (\S+)$/, '--$1 needs a value');

const modelOption = {
  type: 'string',
  demandOption: true,
  describe: `zoo model (${listModels().join(', ')}) or a model JSON file`,
} as const;
const batchOption = integerOption('batch', BATCH, { default: 1, describe: 'batch size N (images per run), 1 to 4096' });
const searchLimitOption = integerOption(
  'search-limit',
  { ...NON_NEGATIVE, expected: 'a non-negative integer (0 = exhaustive)' },
  { default: DEFAULT_SEARCH_LIMIT, describe: 'pass tiles completed per layer, best bound first; 0 = exhaustive' },
);

function program(argv: readonly string[]) {
  return yargs([...argv])
    .scriptName('dkm-sim')
    .usage(
      '$0 --hw FILE --model NAME|FILE [options]\n\nEnergy, access counts and cycles of a CNN on a row-stationary (Eyeriss-like) accelerator.',
    )
    .command(
      '$0',
      'map every layer of a network, report energy by level, accesses and cycles',
      (y) =>
        sharingPlanOptions(
          y
            .option('hw', { type: 'string', demandOption: true, describe: 'hardware file (JSON), e.g. hardware/eyeriss.json' })
            .option('model', modelOption)
            .option('batch', batchOption)
            .option('objective', {
              choices: OBJECTIVES,
              default: 'energy' as const,
              describe: 'what the mapping search minimizes per layer (edp = energy x cycles)',
            })
            .option('engine', {
              choices: ['analytical', 'cycle'] as const,
              default: 'analytical' as const,
              describe:
                'cycles from the analytical estimate, or from the cycle-level simulation of each mapped layer (adds stall breakdown)',
            })
            .option('layer', { type: 'string', describe: 'run only this layer; with --engine cycle also write timeline.svg' })
            .option('functional', {
              type: 'boolean',
              default: false,
              describe:
                'move real (seeded, synthetic) values through the simulated array for the --layer and check them against a plain convolution; writes output.bin and functional.json',
            })
            .option('seed', integerOption('seed', SEED, { describe: 'with --functional: seed of its synthetic values [default: 1]' }))
            .option('mapping', { type: 'string', describe: 'JSON file with the mapping to use for the --layer instead of searching' })
            .option('out', { type: 'string', describe: 'output folder [default: results/<model>-<hardware>/]' })
            .option('json', {
              type: 'boolean',
              default: false,
              describe: 'print summary.json to stdout instead of the table (files are still written)',
            })
            .option('search-limit', searchLimitOption)
            .option(
              'refine',
              integerOption(
                'refine',
                { min: 1, max: MAX_REFINE, expected: `an integer from 1 to ${MAX_REFINE} (1 = the analytical choice)` },
                {
                  default: DEFAULT_REFINE,
                  describe: `with --engine cycle and --objective latency or edp: simulate the K best mappings of the analytical ranking per layer (K up to ${MAX_REFINE}) and keep the best by simulated cycles; 1 = the analytical choice`,
                },
              ),
            )
            .option('decode', {
              type: 'string',
              describe:
                'with --compress: where shared weights are decoded, pe (in the PEs), glb (at the global buffer), dense (off-chip: the layer runs dense), or auto (the mapping search picks per layer, among what the hardware supports) [default: auto]',
            })
            .option('compress', {
              type: 'string',
              describe: `also run the network weight-shared by ${COMPRESS_METHODS.join('|')} (Deep k-Means; plan from --cluster-rate or --k as in dkm-sim compress) and compare the two`,
            })
            .requiresArg(['hw', 'model', 'objective', 'engine', 'layer', 'mapping', 'out', 'decode', 'compress']),
        ).check((a) => {
          if (a.seed !== undefined && !a.functional)
            throw new UsageError("--seed is the seed of --functional's values: add --functional, or drop --seed");
          return true;
        }),
      async (a) =>
        (await import('./simulate.js')).runSimulate({
          hw: a.hw,
          model: a.model,
          batch: a.batch,
          objective: a.objective,
          engine: a.engine,
          layer: a.layer,
          mapping: a.mapping,
          out: a.out,
          json: a.json,
          searchLimit: a['search-limit'],
          refine: a.refine,
          functional: a.functional,
          seed: a.seed ?? 1,
          compression: { compress: a.compress, ...sharingOptionsGiven(a), decode: a.decode },
        }),
    )
    .command(
      'compress',
      'Deep k-Means weight sharing of the conv layers: codebooks, index bits and compression ratios',
      (y) =>
        sharingPlanOptions(y.option('model', modelOption))
          .option('out', { type: 'string', describe: 'output folder [default: results/<model>-compress/]' })
          .option('json', { type: 'boolean', default: false, describe: 'print compression.json to stdout instead of the table' })
          .option(
            'word-bits',
            integerOption(
              'word-bits',
              { min: 1, max: MAX_WORD_BITS, expected: `an integer from 1 to ${MAX_WORD_BITS}` },
              {
                default: DEFAULT_WORD_BITS,
                describe: `bits of one accelerator word (a hardware file's wordBits, 1 to ${MAX_WORD_BITS}): the on-chip compression ratio counts filters and codebook in these words`,
              },
            ),
          )
          .requiresArg(['model', 'out']),
      async (a) =>
        (await import('./compress.js')).runCompress({
          model: a.model,
          ...sharingOptionsGiven(a),
          weightSeed: a['weight-seed'] ?? DEFAULT_WEIGHT_SEED,
          out: a.out,
          json: a.json,
          wordBits: a['word-bits'],
        }),
    )
    .command(
      'validate',
      "the paper's check of its energy metric: R^2 of the metric against the paper's setup (Eyeriss method, dense counts, index bits) and the detailed model, with an ablation, over the cluster rates of AlexNet and GoogLeNet v1 conv layers",
      (y) =>
        y
          .option('hw', { type: 'string', describe: `hardware file (JSON) [default: the shipped ${SHIPPED_HARDWARE}]` })
          .option('out', { type: 'string', default: 'results/validation', describe: 'output folder' })
          .option('batch', batchOption)
          .option(
            'weight-seed',
            integerOption('weight-seed', SEED, {
              default: 1,
              describe: 'seed of the synthetic He-normal weights (conv layer i uses seed + i)',
            }),
          )
          .option('json', { type: 'boolean', default: false, describe: 'print validation.json to stdout instead of the tables' })
          .requiresArg(['hw', 'out']),
      async (a) =>
        (await import('./validate.js')).runValidate({ hw: a.hw, out: a.out, batch: a.batch, weightSeed: a['weight-seed'], json: a.json }),
    )
    .command(
      'sweep',
      'a design-space sweep: every combination of --vary values, each point a whole-network run; Pareto front, plots and report.html',
      (y) =>
        y
          .option('hw', {
            type: 'string',
            demandOption: true,
            describe: 'base hardware file (JSON); each point changes the fields named by --vary',
          })
          .option('model', modelOption)
          .option('vary', {
            type: 'string',
            array: true,
            demandOption: true,
            describe:
              'PATH=VALUES: a list (glb.capacityBytes=32KiB,64KiB), a range (rf.filterWords=64:512:x2, noc.wordsPerCycle.ifmap=2:8:+2), array shapes (peArray=12x14,16x16) or cluster rates (compress.clusterRate=0.5,0.1); repeat for more axes',
          })
          .option('batch', batchOption)
          .option('objective', {
            choices: OBJECTIVES,
            default: 'energy' as const,
            describe: 'what the mapping search minimizes per layer at every point',
          })
          .option('objectives', {
            type: 'string',
            describe:
              'objectives of the Pareto front, comma-separated from energy, latency, area, edp [default: energy,latency,area; energy,latency without an area model]',
          })
          .option('engine', {
            choices: ['analytical', 'cycle'] as const,
            default: 'analytical' as const,
            describe: 'cycles from the analytical estimate or the cycle-level simulation',
          })
          .option('out', { type: 'string', describe: 'output folder [default: results/sweep-<model>-<hardware>/]' })
          .option('resume', {
            type: 'boolean',
            default: false,
            describe: 'continue the sweep in --out: evaluate only the points missing from its sweep.jsonl',
          })
          .option('shard', {
            type: 'string',
            describe:
              'I/N: evaluate only slice I (0-based) of N of the points, e.g. for a Slurm job array; join the folders with dkm-sim merge',
          })
          .option('quiet', { type: 'boolean', default: false, describe: 'no progress output' })
          .option('search-limit', searchLimitOption)
          .option('weights', {
            type: 'string',
            describe: 'trained weights for the compress.clusterRate axis [default: synthetic He-normal]',
          })
          .option(
            'weight-seed',
            integerOption('weight-seed', SEED, {
              default: DEFAULT_WEIGHT_SEED,
              describe: 'seed of the synthetic weights (conv layer i uses seed + i)',
            }),
          )
          .option(
            'threads',
            integerOption(
              'threads',
              { min: 1, max: MAX_THREADS, expected: `an integer from 1 to ${MAX_THREADS}` },
              {
                describe: 'worker threads, 1 to 256 [default: one per core]; 1 evaluates every point in the main thread',
              },
            ),
          )
          .requiresArg(['hw', 'model', 'vary', 'objective', 'objectives', 'engine', 'out', 'shard', 'weights']),
      async (a) =>
        (await import('./sweep.js')).runSweepCommand({
          hw: a.hw,
          model: a.model,
          batch: a.batch,
          engine: a.engine,
          objective: a.objective,
          vary: a.vary,
          objectives: a.objectives,
          out: a.out,
          resume: a.resume,
          shard: a.shard,
          quiet: a.quiet,
          searchLimit: a['search-limit'],
          weights: a.weights,
          weightSeed: a['weight-seed'],
          threads: a.threads,
        }),
    )
    .command(
      'merge <dirs..>',
      'join the folders of a sharded sweep (--shard i/n) into the files one unsharded run writes',
      (y) =>
        y
          .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'the shard folders' })
          .option('out', { type: 'string', demandOption: true, requiresArg: true, describe: 'output folder of the merged sweep' }),
      async (a) => (await import('./merge.js')).runMerge(a.dirs, a.out),
    )
    .command(registerRetrain())
    .strict()
    .help()
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs hands over its own validation failures (YError, or no error at all) and the errors of our checks
      // and option parsers; anything else was thrown by a command and is reported as it is.
      if (err && !(err instanceof UsageError) && err.name !== 'YError') throw err;
      throw new UsageError(usageText(msg ?? err?.message ?? 'bad usage'));
    });
}

/** Runs dkm-sim with `argv` (without node and the script); resolves to the exit code, after printing any error. */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    checkCommandName(argv);
    await program(argv).parseAsync();
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`dkm-sim: ${err.message}\nRun dkm-sim --help for the options.\n`);
      return INPUT_ERROR_EXIT;
    }
    if (err instanceof Error && (await isInputError(err))) {
      process.stderr.write(`dkm-sim: ${err.message}\n`);
      return INPUT_ERROR_EXIT;
    }
    process.stderr.write(`dkm-sim: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    return INTERNAL_ERROR_EXIT;
  }
}
