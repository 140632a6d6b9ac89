// Worker-thread side of the parallel mapping search: searches the layers it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { searchMapping } from '../mapping/search.js';
import type { SearchRequest, SearchReply } from './parallelSearch.js';

parentPort?.on('message', (req: SearchRequest) => {
  let reply: SearchReply;
  try {
    reply = { id: req.id, best: searchMapping(req.layer, req.hw, req.objective, req.limit).best };
  } catch (err) {
    const e = err as Error & { layer?: string; constraint?: string };
    reply = { id: req.id, error: { name: e.name, message: e.message, layer: e.layer, constraint: e.constraint } };
  }
  parentPort?.postMessage(reply);
});
