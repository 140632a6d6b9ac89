// The one worker pool of the project (piscina): independent jobs of one task kind spread over worker threads,
// one per core. Jobs are handed out costliest first, so that no thread is left with a long job at the end;
// results come back in job order whatever the order they finish in, and the error reported is the first
// failing job's in job order, as an inline run would report it. With fewer than two threads or jobs the jobs
// run inline, on the calling thread.
import { availableParallelism } from 'node:os';
import { compiledModuleUrl } from './compiledModule.js';
import type { TaskKind } from './task.js';
import type { TaskReply, TaskRequest } from './poolWorker.js';
import { fromPlainError } from './threadError.js';

/** A job that finished without error, as the pool reports it (e.g. to stream results as they come). */
export interface FinishedJob<Out> {
  readonly index: number;
  readonly value: Out;
  /** How many jobs have finished so far, this one included. */
  readonly done: number;
  /** The thread it ran on (0, the main thread, when inline). */
  readonly threadId: number;
}

export interface JobOptions<In, Out> {
  /** Worker threads (default: one per core). Below 2 the jobs run inline. */
  readonly threads?: number;
  /** Relative cost of a job; costlier jobs start first (default: job order). */
  readonly cost?: (input: In) => number;
  /** Called as each job finishes without error, in the order they finish (for progress, or streaming). */
  readonly onDone?: (job: FinishedJob<Out>) => void;
}

/** Every job's result, in job order. Rejects with the first failing job's error (in job order). */
export async function runJobs<In, Out>(task: TaskKind<In, Out>, inputs: readonly In[], o: JobOptions<In, Out> = {}): Promise<Out[]> {
  const threads = Math.min(o.threads ?? availableParallelism(), inputs.length);
  let done = 0;
  if (threads < 2) {
    const results: Out[] = [];
    for (const [i, input] of inputs.entries()) {
      const value = await task.run(input);
      results.push(value);
      o.onDone?.({ index: i, value, done: ++done, threadId: 0 });
    }
    return results;
  }
  // Resolved before any thread starts, so that a missing build fails at once and in the calling thread.
  const workerUrl = compiledModuleUrl(new URL(`./poolWorker${extensionOf(import.meta.url)}`, import.meta.url).href);
  const moduleUrl = compiledModuleUrl(task.moduleUrl);
  // piscina is imported here so that inline runs (and the CLI's start-up) never load it.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<TaskRequest, TaskReply>({ filename: workerUrl, minThreads: threads, maxThreads: threads });
  const costs = inputs.map((input) => o.cost?.(input) ?? 0);
  // piscina's queue is first in, first out: submitting in cost order starts the costliest first.
  const order = inputs.map((_, i) => i).sort((a, b) => costs[b] - costs[a] || a - b);
  const replies = new Array<TaskReply>(inputs.length);
  // A job's error comes back as a reply; only a crashed thread (a bug, or out of memory) rejects at once.
  try {
    await Promise.all(
      order.map(async (i) => {
        const reply = await pool.run({ moduleUrl, exportName: task.exportName, input: inputs[i] });
        replies[i] = reply;
        if ('value' in reply) o.onDone?.({ index: i, value: reply.value as Out, done: ++done, threadId: reply.threadId });
      }),
    );
  } finally {
    await pool.destroy();
  }
  const failed = replies.find((r) => 'error' in r);
  if (failed && 'error' in failed) throw fromPlainError(failed.error);
  return replies.map((r) => (r as { value: Out }).value);
}

/** `.ts` when this module runs from the sources, `.js` when compiled. */
const extensionOf = (url: string): string => url.slice(url.lastIndexOf('.'));
