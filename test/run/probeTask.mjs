// Task functions for test/run/pool.test.ts, in plain JavaScript so that worker threads can import this file
// as it is. `probe` runs a real task on the thread and reports where it ran and whether mathjs was loaded
// there; the others fail or wait on demand, to check the pool's ordering and its errors.
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import { setTimeout } from 'node:timers';
import { threadId } from 'node:worker_threads';

const require = createRequire(import.meta.url);

/** mathjs is loaded by a synchronous require (src/hw/expressions.ts getMath), so it shows in require's cache. */
const mathjsLoaded = () => Object.keys(require.cache).some((file) => file.includes(`${sep}node_modules${sep}mathjs${sep}`));

/** Runs `exportName` of the (compiled) module at `moduleUrl` on `input`. */
export async function probe({ moduleUrl, exportName, input }) {
  const module = await import(moduleUrl);
  const value = await module[exportName](input);
  return { threadId, mathjsLoaded: mathjsLoaded(), value };
}

/**
 * Takes the next ticket from the shared counter `tickets[0]` (the order jobs started in, across threads),
 * waits `ms` (or, with `held`, until the main thread sets `tickets[1]`: no race with a slow machine), then
 * returns `value`, or throws NoLegalMappingError (the compiled class) when `fail` is set. With `barrier`, the
 * wait starts once that many tickets are taken: on a loaded machine a thread can start so late that another
 * finishes its job first and takes the job meant for the late one.
 */
export async function waitThen({ ms, value, fail, legalityUrl, tickets, held, barrier }) {
  const counters = tickets ? new Int32Array(tickets) : undefined;
  const ticket = counters ? Atomics.add(counters, 0, 1) : undefined;
  for (let taken = ticket + 1; barrier && taken < barrier; taken = Atomics.load(counters, 0)) Atomics.wait(counters, 0, taken, 10);
  if (held) Atomics.wait(counters, 1, 0);
  else await new Promise((resolve) => setTimeout(resolve, ms));
  if (fail) {
    const { NoLegalMappingError } = await import(legalityUrl);
    throw new NoLegalMappingError(fail.layer, fail.constraint, fail.hardwareFile);
  }
  return { threadId, value, ticket };
}
