// What `dkm-sim validate` prints: per model the R^2 line (with the paper's) and a small table of the points.
import { si } from '../report/numbers.js';
import { energyUnitLabel } from '../report/units.js';
import type { ModelReport, ValidationReport } from './report.js';

/** "alexnet: R^2 = 0.9931 (paper: 0.9931)", 4 decimals. */
export const r2Line = (m: ModelReport): string => `${m.model}: R^2 = ${m.fit.r2.toFixed(4)} (paper: ${m.paperR2.toFixed(4)})`;

const signed = (n: number): string => (n < 0 ? `-${si(-n, 4)}` : `+${si(n, 4)}`);

function table(m: ModelReport, unit: string): string[] {
  const head: [string, number][] = [
    ['rate', 6], ['K total', 9], ['CR fixed', 9], ['CR entropy', 11], ['metric (MAC units)', 19], [`simulated (${unit})`, 34], ['residual', 10],
  ];
  const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padStart(head[i][1])).join(' ');
  const rows = m.points.map((p, i) => line([
    String(p.rate), String(p.kTotal), p.cr.fixed.toFixed(3), p.cr.entropy.toFixed(3),
    si(p.metric.fixed.total, 4), si(p.simulated.total, 4), signed(m.fit.residuals[i]),
  ]));
  return [line(head.map(([h]) => h)), ...rows];
}

export function consoleText(r: ValidationReport, files: readonly string[]): string {
  const unit = energyUnitLabel(r.hardware.energyUnit);
  const lines = [
    `Deep k-Means energy metric vs the cycle-level simulator: conv layers, ${r.hardware.name} (${r.hardware.file}), batch ${r.batch}`,
    `synthetic He-normal weights (seed ${r.weights.seed}), not trained ones; metric at ${r.metric.weightBits}-bit weights and activations `
      + `(the simulated machine's word), weight CR with fixed-length indices; k-means at most ${r.kmeans.maxIterations} Lloyd steps`,
  ];
  for (const m of r.models) {
    lines.push('', r2Line(m), ...table(m, unit), `  with entropy-coded CR: R^2 = ${m.fitEntropy.r2.toFixed(4)}`);
  }
  lines.push('', 'where and why the metric and the simulator disagree: validation.md', `wrote ${files.join(', ')}`);
  return lines.join('\n') + '\n';
}
