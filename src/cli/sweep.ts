// `dkm-sim sweep --hw BASE.json --model M --vary PATH=VALUES ...`: the cross product of the axes, every point a
// whole-network run, streamed to sweep.jsonl / sweep.csv, then the Pareto front, plots and report.html.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadHardware } from '../hw/load.js';
import { PARETO_OBJECTIVES, axesAsWritten, type ParetoObjective, type SweepDefinition } from '../explore/manifest.js';
import { sweepNetworks } from '../explore/networks.js';
import { parseShard, preparePoints } from '../explore/prepare.js';
import { inlineEvaluator, runSweep } from '../explore/sweep.js';
import { poolEvaluator } from '../explore/sweepTask.js';
import { availableParallelism } from 'node:os';
import { parseAxes, VaryError } from '../explore/vary.js';
import type { Engine } from '../run/layerJob.js';
import type { Objective } from '../search/objective.js';
import { loadWeights } from '../workload/weights/load.js';
import { listModels, resolveModel } from '../workload/zoo/index.js';
import { OptionError } from './optionError.js';
import { sweepProgress } from './progress.js';
import { inputsIn } from './inputsKept.js';
import { fileStem } from './outDir.js';
import { checkOutputFolder } from '../report/outputFolder.js';

export interface SweepArgs {
  readonly hw: string;
  readonly model: string;
  readonly batch: number;
  readonly engine: Engine;
  readonly objective: Objective;
  readonly vary: readonly string[];
  readonly objectives?: string;
  readonly out?: string;
  readonly resume: boolean;
  readonly shard?: string;
  readonly quiet: boolean;
  readonly searchLimit: number;
  readonly weights?: string;
  readonly weightSeed: number;
  /** Worker threads (default: one per core); 1 runs every point in the main thread. */
  readonly threads?: number;
}

const sha256 = (file: string): string => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function paretoObjectives(text: string | undefined, hasArea: boolean): ParetoObjective[] {
  if (text === undefined) return hasArea ? ['energy', 'latency', 'area'] : ['energy', 'latency'];
  const list = text.split(',').map((s) => s.trim());
  const bad = list.find((o) => !(PARETO_OBJECTIVES as readonly string[]).includes(o));
  if (bad !== undefined) throw new VaryError(`--objectives: "${bad}" is not an objective; choose from ${PARETO_OBJECTIVES.join(', ')}`);
  if (new Set(list).size !== list.length || list.length < 2)
    throw new VaryError('--objectives: give two or more distinct objectives, e.g. energy,latency');
  if (list.includes('area') && !hasArea)
    throw new VaryError("--objectives: area needs an `area` section in the hardware file (see the README's area model)");
  return list as ParetoObjective[];
}

export const defaultSweepDir = (model: string, hwFile: string): string =>
  path.join('results', `sweep-${fileStem(model)}-${fileStem(hwFile)}`);

export async function runSweepCommand(args: SweepArgs): Promise<void> {
  // The options first: a typo should not wait for the hardware file's expressions.
  const axes = parseAxes(args.vary);
  const shard = args.shard === undefined ? undefined : parseShard(args.shard);
  const outDir = args.out ?? defaultSweepDir(args.model, args.hw);
  checkOutputFolder(outDir);
  const base = loadHardware(args.hw);
  const baseJson: unknown = JSON.parse(fs.readFileSync(args.hw, 'utf8').replace(/^\uFEFF/, ''));
  const model = resolveModel(args.model, args.batch);
  const rateAxis = axes.find((a) => a.kind === 'clusterRate');
  if (args.weights !== undefined && !rateAxis) {
    throw new OptionError(
      '--weights applies to a compress.clusterRate axis (the weights shared at each rate): add --vary compress.clusterRate=RATES, or drop --weights',
    );
  }
  const weights = args.weights && rateAxis ? loadWeights(args.weights, model) : undefined;
  const definition: SweepDefinition = {
    // Paths as one spelling (./hardware/x.json is hardware/x.json), so that --resume and merge recognise the sweep.
    model: listModels().includes(args.model) ? args.model : path.normalize(args.model),
    ...(!listModels().includes(args.model) && { modelSha256: sha256(args.model) }),
    batch: args.batch,
    hardware: { file: path.normalize(args.hw), sha256: sha256(args.hw) },
    engine: args.engine,
    objective: args.objective,
    searchLimit: args.searchLimit,
    weights: args.weights
      ? { source: 'file', file: path.normalize(args.weights), sha256: sha256(args.weights) }
      : { source: 'synthetic', seed: args.weightSeed },
    axes: axesAsWritten(axes),
    energyUnit: base.energy.unit,
    area: base.area !== undefined,
    objectives: paretoObjectives(args.objectives, base.area !== undefined),
  };
  const { total, points } = preparePoints(baseJson, args.hw, axes, shard);
  const progress = sweepProgress(args.quiet);
  const options = { objective: args.objective, hardwareFile: args.hw, searchLimit: args.searchLimit, engine: args.engine };
  const evaluator = () => {
    const networks = sweepNetworks(model, rateAxis?.kind === 'clusterRate' ? rateAxis.values : undefined, {
      weights,
      weightSeed: args.weightSeed,
      wordBits: base.wordBits,
      onLayer: (rate, layer, i, n) => progress.note(`k-means at rate ${rate}: ${i + 1}/${n} ${layer.name}`),
    });
    const threads = args.threads ?? availableParallelism();
    return threads < 2 ? inlineEvaluator(networks, options) : poolEvaluator(networks, options, threads);
  };
  const { rows, files } = await runSweep({ definition, total, shard, points }, evaluator, {
    outDir,
    resume: args.resume,
    keep: inputsIn(outDir, [args.weights]),
    onStart: (done, todo) => progress.start(done, todo),
    onRow: (row) => progress.row(row),
  });
  progress.stop();
  const invalid = rows.filter((r) => r.status === 'invalid').length;
  if (!args.quiet) {
    process.stdout.write(`${rows.length} points${invalid ? ` (${invalid} invalid: no legal mapping)` : ''}; wrote ${files.join(', ')}\n`);
  }
}
