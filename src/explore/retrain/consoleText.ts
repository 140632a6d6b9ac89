// What `dkm-sim retrain` prints when it is done: one line per network, the notes, the files.
import { si } from '../../report/numbers.js';
import { energyUnitLabel } from '../../report/units.js';
import type { RetrainReport } from './experiment.js';

export function consoleText(report: RetrainReport, energyUnit: 'pJ' | 'MAC', files: readonly string[]): string {
  const base = report.results[0].evaluation.testAccuracy;
  const head = [
    'method'.padEnd(22),
    'plan'.padEnd(14),
    'CR conv fixed'.padStart(13),
    'entropy'.padStart(8),
    'accuracy %'.padStart(11),
    'change'.padStart(7),
    'energy'.padStart(8),
    'latency ms'.padStart(11),
    'front'.padStart(6),
  ].join(' ');
  const lines = report.results.map((r, i) => {
    const e = r.evaluation;
    return [
      r.method.padEnd(22),
      (r.plan?.label ?? '').padEnd(14),
      e.compression.convFixed.toFixed(2).padStart(13),
      e.compression.convEntropy.toFixed(2).padStart(8),
      (100 * e.testAccuracy).toFixed(2).padStart(11),
      (i === 0 ? '' : (100 * (e.testAccuracy - base)).toFixed(2)).padStart(7),
      si(e.energy, 4).padStart(8),
      e.latencyMs.toFixed(3).padStart(11),
      (report.front.includes(i) ? '*' : '').padStart(6),
    ].join(' ');
  });
  return [
    head,
    ...lines,
    `energy in ${energyUnitLabel(energyUnit)} per image; change: accuracy points against the pretrained network; * on the accuracy-energy Pareto front`,
    ...report.notes.map((n) => `note: ${n}`),
    `wrote ${files.join(', ')}`,
    '',
  ].join('\n');
}
