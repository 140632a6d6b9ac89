// What a worker thread loads: the pool's worker entry and the task modules it imports. Hardware files are
// parsed in the main thread only, so no worker module may reach the mathjs expressions (src/hw/expressions.ts,
// which loads mathjs) nor the charts; test/run/pool.test.ts checks the same on live threads.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LAYER_TASK } from '../../src/run/layerJob.js';
import { POINT_TASK } from '../../src/validate/point.js';
import { reachable } from '../importGraph.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const WORKER_ENTRY = fileURLToPath(new URL('../../src/run/poolWorker.ts', import.meta.url));

describe('worker thread imports', () => {
  const { files, packages } = reachable([WORKER_ENTRY, ...[LAYER_TASK, POINT_TASK].map((t) => fileURLToPath(t.moduleUrl))]);
  const sources = [...files].map((f) => relative(SRC, f));

  it('follow the task modules down to the model and the simulator', () => {
    expect(sources).toEqual(expect.arrayContaining(['run/layerJob.ts', 'search/search.ts', 'sim/engine.ts', 'validate/point.ts']));
  });

  it('never reach the hardware expressions, mathjs or the charts', () => {
    expect(sources.filter((f) => f === 'hw/expressions.ts' || f === 'hw/load.ts' || f.startsWith('report/'))).toEqual([]);
    expect([...packages].filter((p) => ['mathjs', 'd3', 'd3-node', 'yargs'].includes(p))).toEqual([]);
  });
});
