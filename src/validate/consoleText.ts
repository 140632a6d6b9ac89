// What `dkm-sim validate` prints: per model the R^2 of both references (with the paper's), a small table of
// the points under the dense baseline, and the ablation.
import { formatChange, relativeChange } from '../report/compressedRun.js';
import { si } from '../report/numbers.js';
import { energyUnitLabel } from '../report/units.js';
import type { ModelReport, ValidationReport } from './report.js';

/** "alexnet: R^2 = 0.9812 against the paper setup, 0.4372 against the detailed model (paper: 0.9931)", 4 decimals. */
export const r2Line = (m: ModelReport): string =>
  `${m.model}: R^2 = ${m.r2.paperSetup.toFixed(4)} against the paper setup, ${m.r2.simulated.toFixed(4)} against the detailed model ` +
  `(paper: ${m.paperR2.toFixed(4)})`;

const signed = (n: number): string => (n < 0 ? `-${si(-n, 4)}` : `+${si(n, 4)}`);
const change = (from: number, to: number): string => formatChange(relativeChange(from, to));

function table(m: ModelReport): string[] {
  const head: [string, number][] = [
    ['rate', 9],
    ['K total', 9],
    ['CR fixed', 9],
    ['CR on-chip', 11],
    ['metric (MAC units)', 19],
    ['paper setup', 12],
    ['detailed model', 15],
    ['vs dense', 9],
    ['residual', 10],
  ];
  const line = (cells: string[]) => '  ' + cells.map((c, i) => c.padStart(head[i][1])).join(' ');
  const d = m.dense;
  const rows = [
    line([
      '1 (dense)',
      String(m.points[0].rowsTotal),
      '1',
      '1',
      si(d.metric.total, 4),
      si(d.energy.total, 4),
      si(d.energy.total, 4),
      '0%',
      '',
    ]),
    ...m.points.map((p, i) =>
      line([
        String(p.rate),
        String(p.kTotal),
        p.cr.fixed.toFixed(3),
        p.cr.onChip.toFixed(3),
        si(p.metric.fixed.total, 4),
        si(p.paperSetup.indexBits.total, 4),
        si(p.simulated.total, 4),
        change(p.dense.total, p.simulated.total),
        signed(m.fit.residuals[i]),
      ]),
    ),
  ];
  return [line(head.map(([h]) => h)), ...rows];
}

export function consoleText(r: ValidationReport, files: readonly string[]): string {
  const unit = energyUnitLabel(r.hardware.energyUnit);
  const lines = [
    `Deep k-Means energy metric vs the paper's setup and the detailed model: conv layers, ${r.hardware.name} (${r.hardware.file}), batch ${r.batch}`,
    `synthetic He-normal weights (seed ${r.weights.seed}), not trained ones; metric at ${r.metric.weightBits}-bit weights and activations ` +
      `(the simulated machine's word), storage CR (32-bit, fixed-length indices); k-means at most ${r.kmeans.maxIterations} Lloyd steps; energies in ${unit}`,
  ];
  for (const m of r.models) {
    lines.push(
      '',
      r2Line(m),
      ...table(m),
      `  effective bits (circular): R^2 = ${m.r2.paperSetupEffectiveBits.toFixed(4)}; entropy-coded CR: ${m.fitEntropy.r2.toFixed(4)}; on-chip CR: ${m.fitOnChip.r2.toFixed(4)}`,
    );
  }
  const width = Math.max(7, ...r.models.map((m) => m.model.length));
  const cells = (f: (m: ModelReport) => string) => r.models.map((m) => f(m).padStart(width)).join(' ');
  lines.push(
    '',
    'ablation: R^2 of the metric against the detailed model with one mechanism switched',
    `  ${cells((m) => m.model)}  mechanism`,
    `  ${cells((m) => m.r2.simulated.toFixed(4))}  nothing switched`,
  );
  r.models[0].ablation.forEach((a, i) => {
    lines.push(`  ${cells((m) => (m.ablation[i].r2 === null ? 'n/a' : m.ablation[i].r2.toFixed(4)))}  ${a.label}`);
  });
  lines.push('', 'what moves R^2 and what cannot, layer by layer against dense: validation.md', `wrote ${files.join(', ')}`);
  return lines.join('\n') + '\n';
}
