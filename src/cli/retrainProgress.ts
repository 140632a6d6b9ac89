// Progress of `dkm-sim retrain` on stderr. Every epoch ends with one plain line (what a log file keeps); on a
// terminal, each training run also has a cli-progress bar while it runs (epoch, batch, running loss and
// accuracy, ETA of the run), the runs that train side by side on worker threads one bar each.
import cliProgress from 'cli-progress';
import type { RetrainEvent } from '../explore/retrain/experiment.js';

export function retrainProgress(tty: boolean): { onEvent: (e: RetrainEvent) => void; stop: () => void } {
  const multi = tty
    ? new cliProgress.MultiBar(
        {
          format: '{phase} epoch {epoch}/{epochs} [{bar}] batch {batch}/{batches} loss {loss} accuracy {accuracy} % ETA {eta_formatted}',
          barsize: 20,
          hideCursor: true,
          clearOnComplete: true,
          stopOnComplete: false,
          stream: process.stderr,
        },
        cliProgress.Presets.shades_classic,
      )
    : undefined;
  const bars = new Map<string, cliProgress.SingleBar>();
  const line = (text: string) => {
    if (multi === undefined) return void process.stderr.write(`${text}\n`);
    multi.log(`${text}\n`);
    // Logged lines wait for the bars' next redraw, which a busy main thread (the final evaluation) would
    // never reach before stop(): draw now.
    multi.update();
  };
  const onEvent = (e: RetrainEvent): void => {
    if (e.kind === 'phase') return line(e.text);
    if (e.kind === 'note') return line(`note: ${e.text}`);
    if (e.kind === 'epoch') {
      const r = e.record;
      const test = r.testAccuracy === undefined ? '' : `, test accuracy ${(100 * r.testAccuracy).toFixed(2)} %`;
      const penalty = r.penalty > 0 ? `, penalty ${r.penalty.toPrecision(3)}` : '';
      line(
        `${e.phase} epoch ${r.epoch}: loss ${r.loss.toFixed(4)}, train accuracy ${(100 * r.trainAccuracy).toFixed(2)} %${test}${penalty}, ${r.seconds.toFixed(1)} s`,
      );
      return undefined;
    }
    if (!multi) return undefined;
    const p = e.progress;
    const value = (p.epoch - 1) * p.batches + p.batch;
    const payload = {
      phase: e.phase,
      epoch: p.epoch,
      epochs: p.epochs,
      batch: p.batch,
      batches: p.batches,
      loss: p.loss.toFixed(4),
      accuracy: (100 * p.accuracy).toFixed(1),
    };
    let bar = bars.get(e.phase);
    if (bar === undefined) {
      bar = multi.create(p.epochs * p.batches, value, payload);
      bars.set(e.phase, bar);
    } else {
      bar.update(value, payload);
    }
    if (value === p.epochs * p.batches) {
      multi.remove(bar);
      bars.delete(e.phase);
    }
    return undefined;
  };
  return { onEvent, stop: () => multi?.stop() };
}
