// Layer jobs (search, evaluation, simulation) of independent layers spread over worker threads, one per
// core. Workers run the compiled JavaScript; where it is absent (tests running the TypeScript sources)
// the jobs run inline.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { HardwareSpec } from '../hw/spec.js';
import { NoLegalMappingError } from '../mapping/legality.js';
import type { Layer } from '../workload/layer.js';
import { runLayerJob, type LayerJobOptions, type LayerOutcome } from './layerJob.js';

export interface SearchRequest {
  readonly id: number;
  readonly layer: Layer;
  readonly options: LayerJobOptions;
}

export type SearchReply =
  | { readonly id: number; readonly outcome: LayerOutcome }
  | { readonly id: number; readonly error: { name: string; message: string; layer?: string; constraint?: string } };

export type LayerRunner = (layers: readonly Layer[], onDone: (layer: Layer) => void) => Promise<LayerOutcome[]>;

export function inlineRunner(options: LayerJobOptions): LayerRunner {
  return async (layers, onDone) => layers.map((layer) => {
    const outcome = runLayerJob(layer, options);
    onDone(layer);
    return outcome;
  });
}

/**
 * Rough relative cost of a layer's search: the pass-shape count grows with the channels a PE can
 * interleave (ifmap spad / S) and the channel replicas that fit the column (rows / R).
 */
function searchCost(layer: Layer, hw: HardwareSpec): number {
  return Math.floor(hw.rf.ifmapWords / layer.S) * Math.floor(hw.peArray.rows / layer.R) * Math.min(layer.E, hw.peArray.cols);
}

/** Searches on up to `threads` workers, costliest layers first so that no worker is left with a long tail. */
export function workerRunner(options: LayerJobOptions, threads = availableParallelism()): LayerRunner {
  const script = fileURLToPath(new URL('./searchWorker.js', import.meta.url));
  if (!existsSync(script) || threads < 2) return inlineRunner(options);
  const { hw } = options;
  return (layers, onDone) => new Promise((resolve, reject) => {
    const results: LayerOutcome[] = new Array(layers.length);
    const queue = layers.map((_, i) => i).sort((a, b) => searchCost(layers[b], hw) - searchCost(layers[a], hw) || a - b);
    const workers = Array.from({ length: Math.min(threads, layers.length) }, () => new Worker(script));
    let pending = layers.length;
    let crashed = false;
    // Layer errors are kept until every job is done, so the error reported is always the first layer's
    // in network order, as in an inline run, whichever worker finished first.
    const layerErrors = new Map<number, Error>();
    const finish = (err?: Error) => {
      for (const w of workers) void w.terminate();
      const first = [...layerErrors.keys()].sort((a, b) => a - b)[0];
      if (err) reject(err);
      else if (first !== undefined) reject(layerErrors.get(first));
      else resolve(results);
    };
    const feed = (w: Worker) => {
      const id = queue.shift();
      if (id !== undefined) w.postMessage({ id, layer: layers[id], options } satisfies SearchRequest);
    };
    for (const w of workers) {
      w.on('message', (reply: SearchReply) => {
        if (crashed) return;
        if ('error' in reply) {
          const { error } = reply;
          layerErrors.set(reply.id, error.name === 'NoLegalMappingError' && error.layer && error.constraint
            ? new NoLegalMappingError(error.layer, error.constraint)
            : new Error(error.message));
        } else {
          results[reply.id] = reply.outcome;
          onDone(layers[reply.id]);
        }
        if (--pending === 0) finish();
        else feed(w);
      });
      w.on('error', (err) => {
        if (!crashed) {
          crashed = true;
          finish(err);
        }
      });
      feed(w);
    }
    if (layers.length === 0) finish();
  });
}
