// `dkm-sim retrain --model lenet5 --dataset mnist`: pretrain (or load) the network, share its conv layers by
// k-means at each plan with and without re-training (trained quantization, Deep k-Means in the paper's
// spectral form and the cluster-indicator form), and judge every shared network by test accuracy and by
// energy and latency on the accelerator. Writes retrain.csv, retrain.json and three charts.
import path from 'node:path';
import { consoleText } from '../explore/retrain/consoleText.js';
import { runRetrain } from '../explore/retrain/experiment.js';
import { RETRAIN_METHODS, type RetrainMethod } from '../explore/retrain/methods.js';
import { retrainOutputs } from '../explore/retrain/outputs.js';
import { DEFAULT_PLANS, planFromK, planFromRate, type RetrainPlan } from '../explore/retrain/plans.js';
import { loadHardware } from '../hw/load.js';
import { writeFileSet } from '../report/fileSet.js';
import { useBackend } from '../train/backend.js';
import { DatasetError, type Dataset } from '../train/data/dataset.js';
import { DATASETS, loadDataset, type DatasetName } from '../train/data/load.js';
import { TRAINABLE_MODELS, trainableModel } from '../train/models.js';
import { paramsFromWeights } from '../train/params.js';
import { CAFFE_LENET_SOLVER } from '../train/solver.js';
import type { TrainableNet } from '../train/trainableNet.js';
import type { Network } from '../workload/layer.js';
import { loadWeights } from '../workload/weights/load.js';
import { resolveModel } from '../workload/zoo/index.js';
import { inputsIn } from './inputsKept.js';
import { OptionError } from './optionError.js';
import { retrainProgress } from './retrainProgress.js';
import { hardwareArg } from './shippedFiles.js';

export interface RetrainArgs {
  readonly model: string;
  readonly dataset: string;
  readonly dataDir?: string;
  readonly trainSize?: number;
  readonly testSize?: number;
  readonly pretrained?: string;
  readonly pretrainEpochs: number;
  readonly epochs: number;
  readonly retrainLr: number;
  readonly lambda: number;
  readonly fEvery: number;
  readonly clusterRate?: string;
  readonly k?: readonly string[];
  readonly methods: string;
  readonly seed: number;
  /** Absent: the shipped hardware/eyeriss.json, wherever dkm-sim is run from. */
  readonly hw?: string;
  readonly out?: string;
}

function numbers(option: string, text: string, valid: (v: number) => boolean, expected: string): number[] {
  const values = text.split(',').map((t) => Number(t.trim()));
  if (text.trim() === '' || values.some((v) => !valid(v))) throw new OptionError(`--${option} "${text}": expected ${expected}`);
  return values;
}

function plansOf(model: string, network: Network, a: RetrainArgs): RetrainPlan[] {
  if (a.clusterRate !== undefined && a.k !== undefined)
    throw new OptionError('--cluster-rate and --k both set K: give one of them (or neither, for the default plans)');
  if (a.clusterRate !== undefined) {
    return numbers('cluster-rate', a.clusterRate, (v) => v > 0 && v <= 1, 'cluster rates in (0, 1], comma-separated, e.g. 0.01,0.05').map(
      (rate) => planFromRate(network, rate),
    );
  }
  const convs = network.layers.filter((l) => l.kind === 'conv').length;
  const lists =
    a.k?.map((text) =>
      numbers('k', text, (v) => Number.isInteger(v) && v >= 1, `one positive integer K per conv layer (${convs}), comma-separated`),
    ) ??
    DEFAULT_PLANS[model]?.map((k) => [...k]) ??
    [];
  for (const k of lists) {
    if (k.length !== convs) throw new OptionError(`--k "${k.join(',')}" has ${k.length} values; ${model} has ${convs} conv layers`);
  }
  if (lists.length === 0) throw new OptionError('give --cluster-rate LIST or --k LIST');
  return lists.map(planFromK);
}

function methodsOf(text: string): RetrainMethod[] {
  const names = text.split(',').map((t) => t.trim());
  const bad = names.find((n) => !(RETRAIN_METHODS as readonly string[]).includes(n));
  if (bad !== undefined) throw new OptionError(`--methods: unknown method "${bad}"; choose from ${RETRAIN_METHODS.join(', ')}`);
  return RETRAIN_METHODS.filter((m) => names.includes(m));
}

function datasetFor(net: TrainableNet, a: RetrainArgs): Dataset {
  if (!(DATASETS as readonly string[]).includes(a.dataset))
    throw new OptionError(`--dataset "${a.dataset}": choose ${DATASETS.join(' or ')}`);
  let d: Dataset;
  try {
    d = loadDataset(a.dataset as DatasetName, { dir: a.dataDir, trainSize: a.trainSize, testSize: a.testSize });
  } catch (e) {
    if (e instanceof DatasetError) throw new OptionError(e.message);
    throw e;
  }
  const [h, w, c] = net.input;
  if (d.height !== h || d.width !== w || d.channels !== c || d.classes !== net.classes) {
    throw new OptionError(
      `--dataset ${a.dataset}: its images are ${d.height}x${d.width}x${d.channels} in ${d.classes} classes; ` +
        `${net.name} takes ${h}x${w}x${c} in ${net.classes} classes`,
    );
  }
  if (d.train.labels.length === 0 || d.test.labels.length === 0)
    throw new OptionError(`--dataset ${a.dataset}: no training or no test images`);
  return d;
}

export async function runRetrainCommand(a: RetrainArgs): Promise<void> {
  const net = trainableModel(a.model);
  if (net === undefined)
    throw new OptionError(`--model "${a.model}" cannot be trained here; trainable models: ${TRAINABLE_MODELS.join(', ')}`);
  const network = resolveModel(a.model, 1);
  const plans = plansOf(a.model, network, a);
  const methods = methodsOf(a.methods);
  const hwFile = hardwareArg(a.hw);
  const hw = loadHardware(hwFile.path);
  const dataset = datasetFor(net, a);
  const pretrained =
    a.pretrained === undefined ? undefined : { params: paramsFromWeights(net, loadWeights(a.pretrained, network)), file: a.pretrained };
  const out = a.out ?? path.join('results', `retrain-${a.model}-${a.dataset}`);

  await useBackend('wasm');
  const progress = retrainProgress(process.stderr.isTTY === true);
  const started = performance.now();
  const settings = {
    net,
    network,
    dataset,
    hw,
    hardwareFile: hwFile.label,
    pretrained,
    pretrainEpochs: a.pretrainEpochs,
    epochs: a.epochs,
    solver: CAFFE_LENET_SOLVER,
    retrainSolver: { ...CAFFE_LENET_SOLVER, baseLr: a.retrainLr },
    lambda: a.lambda,
    fEvery: a.fEvery,
    seed: a.seed,
    plans,
    methods,
    onEvent: progress.onEvent,
  };
  let report;
  try {
    report = await runRetrain(settings);
  } finally {
    progress.stop();
  }
  const files = writeFileSet(out, retrainOutputs(report, settings), { keep: inputsIn(out, [a.pretrained]) });
  process.stdout.write(consoleText(report, hw.energy.unit, files));
  process.stderr.write(`retrain took ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}
