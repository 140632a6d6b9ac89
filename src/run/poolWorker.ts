// Worker-thread side of the pool: piscina calls the default export once per job. It imports the job's task
// module (once per thread: imports are cached) and runs the named function. The reply is plain data either
// way, with this thread's id so that callers can tell a threaded run from an inline one.
import { threadId } from 'node:worker_threads';
import { toPlainError, type PlainError } from './threadError.js';

export interface TaskRequest {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly input: unknown;
}

export type TaskReply = { readonly threadId: number; readonly value: unknown } | { readonly threadId: number; readonly error: PlainError };

export default async function runTask(req: TaskRequest): Promise<TaskReply> {
  try {
    const module = (await import(req.moduleUrl)) as Record<string, unknown>;
    const run = module[req.exportName];
    if (typeof run !== 'function') throw new Error(`${req.moduleUrl} exports no function named ${req.exportName}`);
    return { threadId, value: await (run as (input: unknown) => unknown)(req.input) };
  } catch (err) {
    return { threadId, error: toPlainError(err) };
  }
}
