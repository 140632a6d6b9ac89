// Worker-thread side of trainPool.ts: sets up the wasm backend once, then runs the training jobs it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import { useBackend } from '../../train/backend.js';
import { runTrainJob, type JobData } from './trainJob.js';
import type { WorkerReply, WorkerRequest } from './trainPool.js';

const ready = useBackend('wasm');
const data = workerData as JobData;

parentPort?.on('message', (req: WorkerRequest) => {
  void ready.then(() => {
    let reply: WorkerReply;
    try {
      reply = {
        id: req.id,
        result: runTrainJob(req.job, data, (event) => parentPort?.postMessage({ id: req.id, event } satisfies WorkerReply)),
      };
    } catch (err) {
      reply = { id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    parentPort?.postMessage(reply);
  });
});
