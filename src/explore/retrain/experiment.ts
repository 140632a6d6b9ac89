// The retrain experiment: a network pretrained (or loaded), then for every sharing plan every method that
// leads to a shared network, each judged by test accuracy and by energy and latency on the accelerator:
//   kmeans                 k-means sharing of the pretrained weights, no re-training;
//   trained-quantization   that sharing, then the centroids trained with the assignments fixed;
//   dkm-spectral/indicator re-training with the Deep k-Means penalty, then k-means sharing.
// The re-training methods start from the same pretrained weights with the same seed (the same batches), the
// same solver and the same number of epochs; they run side by side on worker threads (trainPool.ts). After
// every epoch the k-means distortion of the shared conv rows is recorded (do assignments get harder?).
import { paretoFront } from '../pareto.js';
import { convLayers } from '../../compress/plan.js';
import { rowLength } from '../../compress/rowVectors.js';
import type { Dataset } from '../../train/data/dataset.js';
import type { RefreshRecord } from '../../train/deepKMeans.js';
import { xavierParams, type Params } from '../../train/params.js';
import type { Solver } from '../../train/solver.js';
import type { BatchProgress, EpochRecord } from '../../train/train.js';
import type { TrainableNet } from '../../train/trainableNet.js';
import type { Network } from '../../workload/layer.js';
import { evaluate, type Evaluation, type EvaluationContext } from './evaluate.js';
import { degenerateNote } from './notes.js';
import { RETRAIN_METHODS, retrains, type RetrainMethod } from './methods.js';
import { checkPlan, type RetrainPlan } from './plans.js';
import { relativeDistortion, shareParams, withTrainedCodebook } from './shareParams.js';
import type { TrainJob } from './trainJob.js';
import { runTrainJobs } from './trainPool.js';
import type { HardwareSpec } from '../../hw/spec.js';

export type RetrainEvent =
  | { readonly kind: 'phase'; readonly text: string }
  | { readonly kind: 'batch'; readonly phase: string; readonly progress: BatchProgress }
  | { readonly kind: 'epoch'; readonly phase: string; readonly record: EpochRecord }
  | { readonly kind: 'note'; readonly text: string };

export interface RetrainSettings {
  readonly net: TrainableNet;
  readonly network: Network;
  readonly dataset: Dataset;
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
  /** Pretrained parameters (from --pretrained); absent: pretrain for `pretrainEpochs`. */
  readonly pretrained?: { readonly params: Params; readonly file: string };
  readonly pretrainEpochs: number;
  readonly epochs: number;
  readonly solver: Solver;
  readonly retrainSolver: Solver;
  readonly lambda: number;
  readonly fEvery: number;
  readonly seed: number;
  readonly plans: readonly RetrainPlan[];
  readonly methods: readonly RetrainMethod[];
  readonly onEvent?: (e: RetrainEvent) => void;
}

export interface RetrainResult {
  readonly method: RetrainMethod | 'pretrained';
  readonly plan?: RetrainPlan;
  /** K per conv layer as k-means used it (fewer when a layer has fewer distinct rows). */
  readonly k?: readonly number[];
  readonly evaluation: Evaluation;
  /** Relative k-means distortion of the shared conv rows at the start (index 0) and after every epoch. */
  readonly distortion?: readonly number[];
  readonly history?: readonly EpochRecord[];
  readonly refreshes?: readonly RefreshRecord[];
  readonly note?: string;
}

export interface RetrainReport {
  readonly pretrained: {
    readonly params: Params;
    readonly source: 'trained' | 'file';
    readonly file?: string;
    readonly history: readonly EpochRecord[];
  };
  /** The pretrained network first, then plan by plan, method by method. */
  readonly results: readonly RetrainResult[];
  /** Indices into results of the accuracy-energy Pareto front (higher accuracy, lower energy). */
  readonly front: readonly number[];
  readonly notes: readonly string[];
}

/** The shared conv layers of a plan (K < N) with their row length, K and k-means seed. */
function sharedLayers(network: Network, plan: RetrainPlan) {
  return convLayers(network.layers).flatMap((layer, i) => {
    const rows = layer.M * (layer.C / layer.groups) * layer.R;
    return plan.k[i] < rows ? [{ layer: layer.name, rowLength: rowLength(layer), k: plan.k[i], seed: 1000 + i }] : [];
  });
}

export async function runRetrain(s: RetrainSettings): Promise<RetrainReport> {
  for (const plan of s.plans) checkPlan(s.network, plan);
  const emit = (e: RetrainEvent) => s.onEvent?.(e);
  const ctx: EvaluationContext = { net: s.net, network: s.network, test: s.dataset.test, hw: s.hw, hardwareFile: s.hardwareFile };
  const data = { train: s.dataset.train, test: s.dataset.test };
  const run = (jobs: readonly TrainJob[]) =>
    runTrainJobs(jobs, data, (i, e) => {
      const phase = jobs[i].phase;
      if (e.kind === 'note') emit(e);
      else if (e.kind === 'batch') emit({ kind: 'batch', phase, progress: e.progress });
      else emit({ kind: 'epoch', phase, record: e.record });
    });
  const job = (
    phase: string,
    start: Params,
    epochs: number,
    solver: Solver,
    transform: TrainJob['transform'],
    plan?: RetrainPlan,
  ): TrainJob => ({ phase, model: s.net.name, start, epochs, solver, seed: s.seed, transform, ...(plan && { distortionPlan: plan }) });

  let pretrained: RetrainReport['pretrained'];
  if (s.pretrained) {
    pretrained = { params: s.pretrained.params, source: 'file', file: s.pretrained.file, history: [] };
  } else {
    emit({ kind: 'phase', text: `pretraining ${s.net.name} on ${s.dataset.name} for ${s.pretrainEpochs} epochs` });
    const [r] = await run([job('pretrain', xavierParams(s.net, s.seed), s.pretrainEpochs, s.solver, { kind: 'none' })]);
    pretrained = { params: r.params, source: 'trained', history: r.history };
  }

  // k-means sharing of the pretrained weights, and every re-training run of every plan, run together.
  const methods = RETRAIN_METHODS.filter((m) => s.methods.includes(m));
  const shared = s.plans.map((plan) => shareParams(s.network, pretrained.params, plan));
  const work = s.plans.flatMap((plan, p) =>
    methods.filter(retrains).map((method) => {
      const phase = `${method} ${plan.label}`;
      if (method === 'trained-quantization') {
        const layers = shared[p].sharings
          .filter((x) => x.k < x.rows)
          .map((x) => ({ layer: x.layer, rowLength: x.rowLength, k: x.k, index: x.index }));
        return {
          plan: p,
          method,
          job: job(phase, shared[p].params, s.epochs, s.retrainSolver, { kind: 'trained-quantization', layers }, plan),
        };
      }
      const variant = method === 'dkm-spectral' ? ('spectral' as const) : ('indicator' as const);
      const settings = { variant, lambda: s.lambda, fEvery: s.fEvery, layers: sharedLayers(s.network, plan) };
      return { plan: p, method, job: job(phase, pretrained.params, s.epochs, s.retrainSolver, { kind: 'deep-k-means', settings }, plan) };
    }),
  );
  if (work.length > 0) {
    emit({
      kind: 'phase',
      text: `re-training: ${work.length} run${work.length > 1 ? 's' : ''} of ${s.epochs} epoch${s.epochs > 1 ? 's' : ''} (${work.map((w) => w.job.phase).join('; ')})`,
    });
  }
  const trained = await run(work.map((w) => w.job));

  emit({ kind: 'phase', text: 'sharing and evaluating every network (test accuracy; energy and latency on the accelerator)' });
  const results: RetrainResult[] = [{ method: 'pretrained', evaluation: evaluate(ctx, pretrained.params) }];
  const notes: string[] = [];
  s.plans.forEach((plan, p) => {
    for (const method of methods) {
      if (method === 'kmeans') {
        const { sharings, params } = shared[p];
        const distortion = [relativeDistortion(s.network, pretrained.params, plan)];
        results.push({ method, plan, k: sharings.map((x) => x.k), evaluation: evaluate(ctx, params, sharings), distortion });
        continue;
      }
      const r = trained[work.findIndex((w) => w.plan === p && w.method === method)];
      const base = { method, plan, distortion: r.distortion, history: r.history };
      if (method === 'trained-quantization') {
        const sharings = shared[p].sharings.map((x) => (x.k < x.rows ? withTrainedCodebook(x, r.params.get(x.layer)!.weights) : x));
        results.push({ ...base, k: sharings.map((x) => x.k), evaluation: evaluate(ctx, r.params, sharings) });
        continue;
      }
      const after = shareParams(s.network, r.params, plan);
      const note = degenerateNote(`${method} ${plan.label}`, r.refreshes);
      if (note) notes.push(note);
      results.push({
        ...base,
        k: after.sharings.map((x) => x.k),
        evaluation: evaluate(ctx, after.params, after.sharings),
        refreshes: r.refreshes,
        ...(note && { note }),
      });
    }
  });
  const front = paretoFront(results.map((r) => [-r.evaluation.testAccuracy, r.evaluation.energy]));
  return { pretrained, results, front, notes };
}
