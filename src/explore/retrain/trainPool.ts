// Training runs spread over worker threads, one per core: the re-training runs of a retrain experiment are
// independent and each runs single-threaded on the wasm backend, so two cores finish them in about half the
// time. Results do not depend on which worker ran what. Even a single job runs on a worker, which keeps the
// main thread free to draw progress. Workers run the compiled JavaScript; where it is absent (tests running
// the TypeScript sources) the jobs run inline, one after the other.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LabelledImages } from '../../train/data/dataset.js';
import { runTrainJob, type JobData, type JobEvent, type TrainJob, type TrainJobResult } from './trainJob.js';

export type WorkerReply =
  | { readonly id: number; readonly event: JobEvent }
  | { readonly id: number; readonly result: TrainJobResult }
  | { readonly id: number; readonly error: string };

export interface WorkerRequest {
  readonly id: number;
  readonly job: TrainJob;
}

/** The images in shared memory, so that every worker reads the same copy (Fashion-MNIST is 190 MB of floats). */
function inSharedMemory(set: LabelledImages): LabelledImages {
  const images = new Float32Array(new SharedArrayBuffer(set.images.byteLength));
  images.set(set.images);
  const labels = new Uint8Array(new SharedArrayBuffer(set.labels.byteLength));
  labels.set(set.labels);
  return { images, labels };
}

/** Runs `jobs` (results in the order given); `onEvent` hears each job's progress, tagged with its index. */
export async function runTrainJobs(
  jobs: readonly TrainJob[],
  data: JobData,
  onEvent: (job: number, e: JobEvent) => void,
  threads = availableParallelism(),
): Promise<TrainJobResult[]> {
  const script = fileURLToPath(new URL('./trainWorker.js', import.meta.url));
  if (!existsSync(script) || threads < 1) return jobs.map((job, i) => runTrainJob(job, data, (e) => onEvent(i, e)));
  if (jobs.length === 0) return [];
  const shared: JobData = { train: inSharedMemory(data.train), test: inSharedMemory(data.test) };
  return new Promise((resolve, reject) => {
    const results = new Array<TrainJobResult>(jobs.length);
    const queue = jobs.map((_, i) => i);
    const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(script, { workerData: shared }));
    let pending = jobs.length;
    let failed = false;
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      if (err) reject(err);
      else resolve(results);
    };
    const feed = (w: Worker) => {
      const id = queue.shift();
      if (id !== undefined) w.postMessage({ id, job: jobs[id] } satisfies WorkerRequest);
    };
    for (const w of workers) {
      w.on('message', (reply: WorkerReply) => {
        if (failed) return;
        if ('event' in reply) return onEvent(reply.id, reply.event);
        if ('error' in reply) {
          failed = true;
          return finish(new Error(`training run "${jobs[reply.id].phase}" failed: ${reply.error}`));
        }
        results[reply.id] = reply.result;
        if (--pending === 0) finish();
        else feed(w);
        return undefined;
      });
      w.on('error', (err) => {
        if (!failed) {
          failed = true;
          finish(err);
        }
      });
      feed(w);
    }
  });
}
