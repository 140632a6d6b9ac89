// Worker-thread side of the validation pool: runs the points it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { runPoint, type PointJob } from './point.js';
import type { PointReply } from './pool.js';

parentPort?.on('message', ({ id, job }: { id: number; job: PointJob }) => {
  let reply: PointReply;
  try {
    reply = { id, point: runPoint(job) };
  } catch (err) {
    const e = err as Error & { layer?: string; constraint?: string };
    reply = { id, error: { name: e.name, message: e.message, layer: e.layer, constraint: e.constraint } };
  }
  parentPort?.postMessage(reply);
});
