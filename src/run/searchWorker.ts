// Worker-thread side of the parallel layer jobs: runs the jobs it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { runLayerJob } from './layerJob.js';
import type { SearchRequest, SearchReply } from './parallelSearch.js';

parentPort?.on('message', (req: SearchRequest) => {
  let reply: SearchReply;
  try {
    reply = { id: req.id, outcome: runLayerJob(req.layer, req.options) };
  } catch (err) {
    const e = err as Error & { layer?: string; constraint?: string };
    reply = { id: req.id, error: { name: e.name, message: e.message, layer: e.layer, constraint: e.constraint } };
  }
  parentPort?.postMessage(reply);
});
