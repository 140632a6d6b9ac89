// One training run of the experiment as plain, cloneable data (so that it can run on a worker thread), and
// running it: pretraining, trained quantization or Deep k-Means re-training, with the k-means distortion of
// the plan's conv rows recorded after every epoch.
import type { DkmSettings, RefreshRecord } from '../../train/deepKMeans.js';
import { deepKMeans } from '../../train/deepKMeans.js';
import type { LabelledImages } from '../../train/data/dataset.js';
import type { GradientTransform } from '../../train/gradientTransform.js';
import { trainableModel } from '../../train/models.js';
import type { Params } from '../../train/params.js';
import type { Solver } from '../../train/solver.js';
import { train, type BatchProgress, type EpochRecord } from '../../train/train.js';
import { trainedQuantization, type SharedLayerIndex } from '../../train/trainedQuantization.js';
import { resolveModel } from '../../workload/zoo/index.js';
import { degenerateNote } from './notes.js';
import type { RetrainPlan } from './plans.js';
import { relativeDistortion } from './shareParams.js';

export type JobTransform =
  | { readonly kind: 'none' }
  | { readonly kind: 'trained-quantization'; readonly layers: readonly SharedLayerIndex[] }
  | { readonly kind: 'deep-k-means'; readonly settings: DkmSettings };

export interface TrainJob {
  /** Shown in progress and notes, e.g. "dkm-indicator K 8,44". */
  readonly phase: string;
  readonly model: string;
  readonly start: Params;
  readonly epochs: number;
  readonly solver: Solver;
  readonly seed: number;
  readonly transform: JobTransform;
  /** Record the k-means distortion of this plan's conv rows at the start and after every epoch. */
  readonly distortionPlan?: RetrainPlan;
}

export interface TrainJobResult {
  readonly params: Params;
  readonly history: readonly EpochRecord[];
  readonly distortion: readonly number[];
  readonly refreshes: readonly RefreshRecord[];
}

export interface JobData {
  readonly train: LabelledImages;
  readonly test: LabelledImages;
}

export type JobEvent =
  | { readonly kind: 'batch'; readonly progress: BatchProgress }
  | { readonly kind: 'epoch'; readonly record: EpochRecord }
  | { readonly kind: 'note'; readonly text: string };

export function runTrainJob(job: TrainJob, data: JobData, emit: (e: JobEvent) => void): TrainJobResult {
  const net = trainableModel(job.model);
  if (net === undefined) throw new Error(`no training recipe for "${job.model}"`);
  const network = resolveModel(job.model, 1);
  const distortion: number[] = [];
  const probe = (p: Params) => {
    if (job.distortionPlan) distortion.push(relativeDistortion(network, p, job.distortionPlan));
  };
  let transform: GradientTransform | undefined;
  let refreshes: readonly RefreshRecord[] = [];
  if (job.transform.kind === 'trained-quantization') transform = trainedQuantization(job.transform.layers);
  if (job.transform.kind === 'deep-k-means') {
    const dkm = deepKMeans(job.transform.settings);
    refreshes = dkm.refreshes;
    transform = {
      startEpoch: (epoch, params) => {
        const before = dkm.refreshes.length;
        dkm.startEpoch(epoch, params);
        const note = degenerateNote(job.phase, dkm.refreshes.slice(before));
        if (note) emit({ kind: 'note', text: note });
      },
      adjust: (params, gradients) => dkm.adjust(params, gradients),
    };
  }
  probe(job.start);
  const r = train(job.start, {
    net,
    solver: job.solver,
    epochs: job.epochs,
    seed: job.seed,
    train: data.train,
    test: data.test,
    transform,
    onBatch: (progress) => emit({ kind: 'batch', progress }),
    onEpoch: (record, params) => {
      emit({ kind: 'epoch', record });
      probe(params);
    },
  });
  return { params: r.params, history: r.history, distortion, refreshes };
}
