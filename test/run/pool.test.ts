// The worker pool through real worker threads: the tasks run from the compiled dist/ (test/globalSetup.ts
// builds it) and give exactly what the same tasks give inline, in job order, with the first failing job's
// error rebuilt across the thread boundary.
import { describe, expect, it } from 'vitest';
import { loadHardware } from '../../src/hw/load.js';
import { NoLegalMappingError } from '../../src/mapping/legality.js';
import { compiledModuleUrl } from '../../src/run/compiledModule.js';
import { LAYER_TASK, runLayerTask, type LayerJob, type LayerOutcome } from '../../src/run/layerJob.js';
import { runJobs, type FinishedJob } from '../../src/run/pool.js';
import { taskKind, type TaskKind } from '../../src/run/task.js';
import { POINT_TASK, runPoint, type PointJob } from '../../src/validate/point.js';
import { mappingView } from '../../src/workload/layer.js';
import { resolveModel } from '../../src/workload/zoo/index.js';
import { probe, waitThen } from './probeTask.mjs';

const HW_FILE = 'hardware/eyeriss.json';
const hw = loadHardware(HW_FILE);
const PROBE = taskKind(new URL('./probeTask.mjs', import.meta.url).href, probe);
const WAIT = taskKind(new URL('./probeTask.mjs', import.meta.url).href, waitThen);
const LEGALITY_URL = compiledModuleUrl(new URL('../../src/mapping/legality.ts', import.meta.url).href);

const layerJobs: LayerJob[] = resolveModel('lenet5', 2).layers.map((layer) => ({
  layer: mappingView(layer),
  options: { hw, objective: 'energy', engine: 'cycle' },
}));
const pointJobs: PointJob[] = [0.5, 0.1].map((rate) => ({
  model: 'lenet5',
  rate,
  batch: 1,
  weightSeed: 1,
  hw,
  hardwareFile: HW_FILE,
  kmeansMaxIterations: 20,
}));

/** Jobs that run `task` inside `probe` on a thread. */
const probed = <In, Out>(task: TaskKind<In, Out>, inputs: readonly In[]) =>
  inputs.map((input) => ({ moduleUrl: compiledModuleUrl(task.moduleUrl), exportName: task.exportName, input }));

describe('worker pool', () => {
  it('runs layer jobs on worker threads with the outcomes of inline runs, reporting each job as it finishes', async () => {
    const finished: FinishedJob<LayerOutcome>[] = [];
    const threaded = await runJobs(LAYER_TASK, layerJobs, { threads: 2, onDone: (job) => finished.push(job) });
    expect(finished.map((job) => job.done)).toEqual(layerJobs.map((_, i) => i + 1));
    expect(finished.every((job) => job.threadId > 0 && job.value === threaded[job.index])).toBe(true);
    expect(finished.map((job) => job.index).sort()).toEqual(layerJobs.map((_, i) => i));
    const inlineThreads: number[] = [];
    const inline = await runJobs(LAYER_TASK, layerJobs, { threads: 1, onDone: (job) => inlineThreads.push(job.threadId) });
    expect(inlineThreads.every((id) => id === 0)).toBe(true);
    expect(threaded).toEqual(inline);
    expect(inline).toEqual(layerJobs.map(runLayerTask));
  });

  it('runs validation points and layer jobs on threads that never load mathjs, identical to inline', async () => {
    const points = await runJobs(PROBE, probed(POINT_TASK, pointJobs), { threads: 2 });
    const layers = await runJobs(PROBE, probed(LAYER_TASK, layerJobs), { threads: 2 });
    for (const r of [...points, ...layers]) {
      expect(r.threadId).toBeGreaterThan(0);
      expect(r.mathjsLoaded).toBe(false);
    }
    expect(points.map((r) => r.value)).toEqual(pointJobs.map(runPoint));
    expect(layers.map((r) => r.value)).toEqual(layerJobs.map(runLayerTask));
  });

  it('sees mathjs loaded on a thread that parses a hardware file (the check above can fail)', async () => {
    const loadHw = {
      moduleUrl: compiledModuleUrl(new URL('../../src/hw/load.ts', import.meta.url).href),
      exportName: 'loadHardware',
      input: HW_FILE,
    };
    const results = await runJobs(PROBE, [loadHw, loadHw], { threads: 2 });
    expect(results.map((r) => r.mathjsLoaded)).toEqual([true, true]);
    expect(results[0].value).toEqual(hw);
  });

  it('starts the costliest jobs first and returns results in job order whatever order they finish in', async () => {
    // Two threads take jobs 3 and 0 (the costliest) first (3 waits until both have started); 1 and 2 run as 3
    // ends, and 0 is held until those three are reported done.
    const tickets = new SharedArrayBuffer(8);
    const release = () => {
      const flag = new Int32Array(tickets);
      Atomics.store(flag, 1, 1);
      Atomics.notify(flag, 1);
    };
    const inputs = [
      { ms: 0, held: true, value: 'a' },
      { ms: 10, value: 'b' },
      { ms: 10, value: 'c' },
      { ms: 10, value: 'd', barrier: 2 },
    ].map((job) => ({ ...job, tickets }));
    const cost = [1, 0, 0, 5];
    const finished: number[] = [];
    const onDone = (job: { index: number }) => {
      if (finished.push(job.index) === 3) release();
    };
    const results = await runJobs(WAIT, inputs, { threads: 2, cost: (j) => cost[inputs.indexOf(j)], onDone });
    expect(results.map((r) => r.value)).toEqual(['a', 'b', 'c', 'd']);
    expect([results[0].ticket, results[3].ticket].sort()).toEqual([0, 1]);
    expect([results[1].ticket, results[2].ticket]).toEqual([2, 3]);
    expect(finished).toEqual([3, 1, 2, 0]);
  });

  it('rejects with the first failing job in job order, its class and fields rebuilt, though a later job failed first', async () => {
    const fail = (layer: string) => ({ layer, constraint: `no room for ${layer}`, hardwareFile: HW_FILE });
    const inputs = [
      { ms: 10, value: 'ok' },
      { ms: 300, value: '', fail: fail('slow'), legalityUrl: LEGALITY_URL },
      { ms: 10, value: '', fail: fail('fast'), legalityUrl: LEGALITY_URL },
    ];
    const error = await runJobs(WAIT, inputs, { threads: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoLegalMappingError);
    expect(error).toMatchObject({ layer: 'slow', constraint: 'no room for slow', hardwareFile: HW_FILE });
    expect((error as Error).message).toBe(new NoLegalMappingError('slow', 'no room for slow', HW_FILE).message);
  });

  it('rebuilds the error a real layer job throws on a thread as it is thrown inline', async () => {
    const tall = { ...layerJobs[0], layer: { ...layerJobs[0].layer, name: 'tall', R: 13, H: 40 } };
    const jobs = [layerJobs[0], tall, tall];
    const inline = await runJobs(LAYER_TASK, jobs, { threads: 1 }).catch((e: unknown) => e);
    const threaded = await runJobs(LAYER_TASK, jobs, { threads: 2 }).catch((e: unknown) => e);
    expect(inline).toBeInstanceOf(NoLegalMappingError);
    expect(threaded).toBeInstanceOf(NoLegalMappingError);
    expect({ ...(threaded as object), message: (threaded as Error).message }).toEqual({
      ...(inline as object),
      message: (inline as Error).message,
    });
  });

  it('refuses a TypeScript task module without a compiled twin, rather than running it inline', async () => {
    const missing = taskKind(new URL('../../src/run/noSuchTask.ts', import.meta.url).href, function noSuchTask() {
      return 0;
    });
    await expect(runJobs(missing, [1, 2], { threads: 2 })).rejects.toThrow(/noSuchTask\.js is missing: .*run npm run build/);
    expect(await runJobs(missing, [1, 2], { threads: 1 })).toEqual([0, 0]);
  });
});
