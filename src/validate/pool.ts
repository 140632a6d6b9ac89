// The validation points on worker threads, one whole point (k-means, mapping search, simulation, metric) per
// job: a point is seconds of single-threaded work and they are independent, so on n cores n points run at once.
// Workers run the compiled JavaScript; where it is absent (tests on the TypeScript sources) points run inline.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { NoLegalMappingError } from '../mapping/legality.js';
import { rowCount } from '../compress/rowVectors.js';
import { convLayers } from '../compress/plan.js';
import { resolveModel } from '../workload/zoo/index.js';
import { runPoint, type PointJob, type ValidationPoint } from './point.js';

export type PointReply =
  | { readonly id: number; readonly point: ValidationPoint }
  | { readonly id: number; readonly error: { name: string; message: string; layer?: string; constraint?: string } };

/** Rough cost of a point: k-means and the shared-layer search both scale with the rows clustered. */
function cost(job: PointJob): number {
  return convLayers(resolveModel(job.model, 1).layers).reduce((a, l) => a + rowCount(l), 0);
}

function rebuild(error: { name: string; message: string; layer?: string; constraint?: string }): Error {
  return error.name === 'NoLegalMappingError' && error.layer && error.constraint
    ? new NoLegalMappingError(error.layer, error.constraint)
    : new Error(error.message);
}

/** Called as each point finishes (for progress display). */
export type OnPoint = (done: number, total: number, job: PointJob) => void;

/** Every job's point, in job order; the first job (in job order) that failed rejects. */
export async function runPoints(jobs: readonly PointJob[], threads = availableParallelism(), onPoint?: OnPoint): Promise<ValidationPoint[]> {
  const script = fileURLToPath(new URL('./pointWorker.js', import.meta.url));
  let done = 0;
  if (!existsSync(script) || threads < 2 || jobs.length < 2) {
    return jobs.map((job) => {
      const point = runPoint(job);
      onPoint?.(++done, jobs.length, job);
      return point;
    });
  }
  const costs = jobs.map(cost);
  // Costliest first, so that no worker is left with a long point at the end.
  const queue = jobs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const results: ValidationPoint[] = new Array(jobs.length);
  const errors = new Map<number, Error>();
  const workers = Array.from({ length: Math.min(threads, jobs.length) }, () => new Worker(script));
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      const feed = () => {
        const id = queue.shift();
        if (id === undefined) resolve();
        else w.postMessage({ id, job: jobs[id] });
      };
      w.on('message', (reply: PointReply) => {
        if ('error' in reply) errors.set(reply.id, rebuild(reply.error));
        else results[reply.id] = reply.point;
        onPoint?.(++done, jobs.length, jobs[reply.id]);
        feed();
      });
      w.on('error', reject);
      feed();
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const first = [...errors.keys()].sort((a, b) => a - b)[0];
  if (first !== undefined) throw errors.get(first);
  return results;
}
