// Progress of a long command on stderr: a bar with points done, rate and ETA on a terminal, one plain line
// per point otherwise (logs of batch jobs), nothing with --quiet. stdout stays free for results.
import cliProgress from 'cli-progress';
import type { SweepRow } from '../explore/row.js';

export interface SweepProgress {
  /** A passing message (e.g. which layer k-means is clustering), shown where the bar will be. */
  note(text: string): void;
  start(done: number, todo: number): void;
  row(row: SweepRow): void;
  stop(): void;
}

const describe = (row: SweepRow): string =>
  `point ${row.point} ${Object.entries(row.params)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}: ${row.status}`;

export function sweepProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): SweepProgress {
  const silent = { note() {}, start() {}, row() {}, stop() {} };
  if (quiet) return silent;
  if (!stream.isTTY) {
    let done = 0;
    let total = 0;
    return {
      note: (text) => stream.write(`${text}\n`),
      start: (already, todo) => {
        done = already;
        total = already + todo;
        stream.write(`${todo} points to evaluate${already ? ` (${already} already in sweep.jsonl)` : ''}\n`);
      },
      row: (row) => stream.write(`[${++done}/${total}] ${describe(row)}\n`),
      stop() {},
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'sweep |{bar}| {value}/{total} points | {rate} points/s | ETA {eta_formatted} | {last}',
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = 0;
  let finished = 0;
  return {
    note: (text) => stream.write(`\r${text}\x1b[K`),
    start: (already, todo) => {
      stream.write('\r\x1b[K');
      finished = 0;
      started = performance.now();
      bar.start(already + todo, already, { rate: '0.0', last: '' });
    },
    row: (row) => {
      const rate = ++finished / ((performance.now() - started) / 1000);
      bar.increment(1, { rate: rate.toFixed(1), last: `point ${row.point} ${row.status}` });
    },
    stop: () => bar.stop(),
  };
}
