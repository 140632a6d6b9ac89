// A sweep's points on the worker pool. A job is a group of points with one count structure (schedule.ts), run
// with one SearchCache, so that every thread builds each structure's candidates once. Rows leave the thread
// as each point finishes, on a BroadcastChannel named by the job, so that the main thread appends them to
// sweep.jsonl at once: a killed sweep loses only the points being evaluated. The job's own return carries
// every row too, for any message still in flight when it ends.
import { availableParallelism } from 'node:os';
import { BroadcastChannel } from 'node:worker_threads';
import { usableGlbWords } from '../hw/spec.js';
import { taskKind } from '../run/task.js';
import { runJobs } from '../run/pool.js';
import { SearchCache } from '../search/cache.js';
import { evaluatePoint, type PointRunOptions } from './evaluatePoint.js';
import type { SweepNetwork } from './networks.js';
import type { PreparedPoint } from './prepare.js';
import type { SweepRow } from './row.js';
import { reuseGroups } from './schedule.js';
import type { PointEvaluator } from './sweep.js';

export interface SweepJob {
  readonly channel: string;
  readonly points: readonly PreparedPoint[];
  /** The sweep's networks; points name theirs by index. */
  readonly networks: readonly SweepNetwork[];
  readonly options: Omit<PointRunOptions, 'cache'>;
}

export function runSweepJob(job: SweepJob): SweepRow[] {
  const channel = new BroadcastChannel(job.channel);
  const cache = new SearchCache();
  try {
    return job.points.map((p) => {
      const row = evaluatePoint(p, job.networks[p.network], { ...job.options, cache });
      channel.postMessage(row);
      return row;
    });
  } finally {
    channel.close();
  }
}

export const SWEEP_TASK = taskKind(import.meta.url, runSweepJob);

let channels = 0;

/** Relative cost of a group: its points, times the array size (more PEs, more pass shapes to bound). */
const groupCost = (job: SweepJob): number => job.points.length * job.points[0].hw.peArray.rows * job.points[0].hw.peArray.cols;

/**
 * With fewer groups than threads some would idle: the largest group is halved, at a change of network or
 * buffer size (the candidates are then built once per thread, the rest still once), until every thread has
 * work or no group can be split.
 */
function splitForThreads(groups: PreparedPoint[][], threads: number): PreparedPoint[][] {
  const jobs = [...groups];
  const blockKey = (p: PreparedPoint) => `${p.network}/${usableGlbWords(p.hw)}`;
  while (jobs.length < threads) {
    // The boundary between blocks nearest the middle of each group; the largest group that has one is split.
    const middleCut = (g: PreparedPoint[]) =>
      g.reduce(
        (best, p, j) =>
          j > 0 && blockKey(p) !== blockKey(g[j - 1]) && (best < 0 || Math.abs(j - g.length / 2) < Math.abs(best - g.length / 2))
            ? j
            : best,
        -1,
      );
    const splittable = jobs
      .map((g, i) => ({ i, cut: middleCut(g) }))
      .filter((c) => c.cut > 0)
      .sort((a, b) => jobs[b.i].length - jobs[a.i].length)[0];
    if (!splittable) break;
    const g = jobs[splittable.i];
    jobs.splice(splittable.i, 1, g.slice(0, splittable.cut), g.slice(splittable.cut));
  }
  return jobs;
}

/** Points on `threads` worker threads, one job per reuse group; rows reach onRow as they finish. */
export function poolEvaluator(
  networks: readonly SweepNetwork[],
  options: Omit<PointRunOptions, 'cache'>,
  threads?: number,
): PointEvaluator {
  return async (points, onRow) => {
    const name = `dkm-sim-sweep-${process.pid}-${channels++}`;
    const seen = new Set<number>();
    const deliver = (row: SweepRow) => {
      if (seen.has(row.point)) return;
      seen.add(row.point);
      onRow(row);
    };
    const listener = new BroadcastChannel(name);
    listener.onmessage = (event) => deliver((event as { data: SweepRow }).data);
    try {
      const jobs = splitForThreads(reuseGroups(points), threads ?? availableParallelism()).map((group): SweepJob => ({
        channel: name,
        points: group,
        networks,
        options,
      }));
      await runJobs(SWEEP_TASK, jobs, { threads, cost: groupCost, onDone: ({ value }) => value.forEach(deliver) });
    } finally {
      listener.close();
    }
  };
}
