// validation.md: the validation for people. Setup, per model the points, where the simulated energy and the
// metric change (by level, by part), what the metric does not model, and the disagreement in words. Every
// sentence is built from the numbers of the report, so it stays true when the model or the hardware changes.
import { LEVEL_LABELS } from '../report/levels.js';
import { si } from '../report/numbers.js';
import { energyUnitLabel } from '../report/units.js';
import type { MetricPart } from './analysis.js';
import { r2Line } from './consoleText.js';
import type { ModelReport, ValidationReport } from './report.js';

const PART_LABELS: { readonly [P in MetricPart]: string } = {
  computational: 'computational (FA of the dot products)',
  weightRepresentational: 'weight representational (GLB loads of weights / CR)',
  activationRepresentational: 'activation representational (GLB loads of activations)',
};

const LEVEL_NOTES: { readonly [L in keyof typeof LEVEL_LABELS]: string } = {
  mac: 'MAC (incl. psum additions)', rf: 'RF (incl. codebook look-ups)', noc: 'NoC', glb: 'GLB', dram: 'DRAM',
};

const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;
const signed = (n: number): string => (n < 0 ? `-${si(-n, 4)}` : `+${si(n, 4)}`);
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const tableOf = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)];

function pointsTable(m: ModelReport, unit: string): string[] {
  return tableOf(
    ['cluster rate', 'K total', 'CR fixed', 'CR entropy', 'duplicate filters', 'metric (MAC units)', 'metric change', `simulated (${unit})`, 'simulated change', 'residual'],
    m.points.map((p, i) => {
      const prev = m.points[i - 1];
      return [p.rate, p.kTotal, p.cr.fixed.toFixed(3), p.cr.entropy.toFixed(3), pct(p.duplicateFilterFraction),
        si(p.metric.fixed.total, 4), prev ? signed(p.metric.fixed.total - prev.metric.fixed.total) : '',
        si(p.simulated.total, 4), prev ? signed(p.simulated.total - prev.simulated.total) : '', signed(m.fit.residuals[i])];
    }),
  );
}

function levelTable(m: ModelReport, hi: number, lo: number): string[] {
  return tableOf(
    ['level', `at rate ${hi}`, `at rate ${lo}`, 'change', 'share of the simulated change', 'R^2 against the metric', 'slope (energy per MAC unit of metric)'],
    m.levels.map((l) => [LEVEL_NOTES[l.level], si(l.atHighestRate, 4), si(l.atLowestRate, 4), `${signed(l.change)} (${pct(l.relativeChange)})`,
      pct(l.shareOfTotalChange), l.fitToMetric ? l.fitToMetric.r2.toFixed(4) : 'constant', l.fitToMetric ? l.fitToMetric.slope.toPrecision(3) : '-']),
  );
}

function partTable(m: ModelReport, hi: number, lo: number): string[] {
  return tableOf(
    ['metric part', `at rate ${hi}`, `at rate ${lo}`, 'change', 'share of the metric change'],
    m.metricParts.map((p) => [PART_LABELS[p.part], si(p.atHighestRate, 4), si(p.atLowestRate, 4), `${signed(p.change)} (${pct(p.relativeChange)})`, pct(p.shareOfTotalChange)]),
  );
}

function notModelledTable(m: ModelReport, hi: number, lo: number, unit: string): string[] {
  return tableOf(
    ['not in the metric', `energy at rate ${hi} (${unit})`, 'share of simulated total', `energy at rate ${lo}`, 'share of simulated total'],
    m.notModelled.map((n) => [n.what, si(n.energyAtHighestRate, 4), pct(n.shareAtHighestRate), si(n.energyAtLowestRate, 4), pct(n.shareAtLowestRate)]),
  );
}

function modelSection(m: ModelReport, unit: string): string[] {
  const hi = m.points[0].rate;
  const lo = m.points[m.points.length - 1].rate;
  return [
    `## ${m.model}`, '',
    `${r2Line(m)}; with entropy-coded CR: R^2 = ${m.fitEntropy.r2.toFixed(4)}. `
      + `Fit: simulated energy = ${m.fit.slope.toPrecision(4)} x metric ${m.fit.intercept < 0 ? '-' : '+'} ${si(Math.abs(m.fit.intercept), 4)} ${unit}.`, '',
    ...pointsTable(m, unit), '',
    '### Where the simulated energy changes, level by level', '',
    ...levelTable(m, hi, lo), '',
    '### Where the metric changes, part by part', '',
    ...partTable(m, hi, lo), '',
    '### What the metric does not model', '',
    ...notModelledTable(m, hi, lo, unit), '',
    '### Where and why they disagree', '',
    ...m.disagreement.map((sentence) => `- ${sentence}`), '',
  ];
}

export function validationMarkdown(r: ValidationReport): string {
  const unit = energyUnitLabel(r.hardware.energyUnit);
  const lines = [
    '# The Deep k-Means energy metric against the cycle-level simulator', '',
    `The paper (Wu et al., ICML 2018, sec. 3) fits its metric to the Eyeriss energy estimation tool over the conv layers of AlexNet and `
      + `GoogLeNet v1 at several cluster rates. Here the reference is this project's cycle-level simulator instead: every conv layer (the first `
      + `included) k-means-shared at the rate, run on ${r.hardware.name} (${r.hardware.file}, engine cycle, energy-optimal mappings), batch ${r.batch}.`, '',
    `- Weights: **synthetic** He-normal (seed ${r.weights.seed}; conv layer i uses seed + i), not trained ones.`,
    `- k-means: k-means++ seeding, at most ${r.kmeans.maxIterations} Lloyd steps, seed ${r.kmeans.seedBase} + conv layer index.`,
    `- Metric: ${r.metric.note}. Unit: ${r.metric.unit}.`,
    `- Simulated energy: in ${unit} (the hardware file's energy table); MAC energy includes psum additions, RF energy codebook look-ups.`,
    '- R^2: least-squares line of the simulated total energy against the metric over the rates of one model.', '',
    tableOf(['model', 'R^2 (fixed-length-index CR)', 'R^2 (entropy-coded CR)', 'paper R^2'],
      r.models.map((m) => [m.model, m.fit.r2.toFixed(4), m.fitEntropy.r2.toFixed(4), m.paperR2.toFixed(4)])).join('\n'), '',
    ...r.models.flatMap((m) => modelSection(m, unit)),
  ];
  return lines.join('\n');
}
