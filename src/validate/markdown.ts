// validation.md: the validation for people. Setup and the two references, the R^2 of both and the ablation,
// per model the points (with the dense baseline), the shared-vs-dense energy of every layer, where the energy
// and the metric change (by level, by part), what the metric does not model, and the disagreement in words.
// Every sentence is built from the numbers of the report, so it stays true when the model or the hardware changes.
import { formatChange, relativeChange } from '../report/compressedRun.js';
import { LEVEL_LABELS } from '../report/levels.js';
import { si } from '../report/numbers.js';
import { energyUnitLabel } from '../report/units.js';
import type { MetricPart } from './analysis.js';
import { r2Line } from './consoleText.js';
import { executionsText } from './disagreement.js';
import type { ModelReport, ValidationReport } from './report.js';

const PART_LABELS: { readonly [P in MetricPart]: string } = {
  computational: 'computational (FA of the dot products)',
  weightRepresentational: 'weight representational (GLB loads of weights / CR)',
  activationRepresentational: 'activation representational (GLB loads of activations)',
};

const LEVEL_NOTES: { readonly [L in keyof typeof LEVEL_LABELS]: string } = {
  mac: 'MAC (incl. psum additions)',
  rf: 'RF (incl. codebook look-ups)',
  noc: 'NoC',
  glb: 'GLB',
  dram: 'DRAM',
};

/** One letter per execution in the per-layer table. */
const EXECUTION_MARK = { 'pe-streamed': 's', 'pe-resident': 'r', glb: 'g', dense: 'd' } as const;

const pct = (f: number): string => `${(f * 100).toFixed(1)}%`;
const change = (from: number, to: number): string => formatChange(relativeChange(from, to));
const signed = (n: number): string => (n < 0 ? `-${si(-n, 4)}` : `+${si(n, 4)}`);
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const tableOf = (head: readonly string[], rows: readonly (readonly (string | number)[])[]): string[] => [
  row(head),
  row(head.map(() => '---')),
  ...rows.map(row),
];
const r2Cell = (r2: number | null): string => (r2 === null ? 'n/a (same energy at every rate)' : r2.toFixed(4));

function pointsTable(m: ModelReport, unit: string): string[] {
  const dense = m.dense;
  return tableOf(
    [
      'cluster rate',
      'K total',
      'CR fixed (storage)',
      'CR entropy (storage)',
      'CR on-chip',
      'metric (MAC units)',
      `paper setup (${unit})`,
      `detailed model (${unit})`,
      'vs dense',
      'shared layers run as',
      'residual (detailed)',
    ],
    [
      [
        '1 (dense)',
        m.points[0].rowsTotal,
        '1',
        '1',
        '1',
        si(dense.metric.total, 4),
        si(dense.energy.total, 4),
        si(dense.energy.total, 4),
        '0%',
        '-',
        '',
      ],
      ...m.points.map((p, i) => [
        p.rate,
        p.kTotal,
        p.cr.fixed.toFixed(3),
        p.cr.entropy.toFixed(3),
        p.cr.onChip.toFixed(3),
        si(p.metric.fixed.total, 4),
        si(p.paperSetup.indexBits.total, 4),
        si(p.simulated.total, 4),
        change(p.dense.total, p.simulated.total),
        executionsText(p),
        signed(m.fit.residuals[i]),
      ]),
    ],
  );
}

/** Per conv layer and rate: the detailed model's energy against the same layer dense, and how it runs. */
function layersTable(m: ModelReport): string[] {
  return tableOf(
    ['layer', ...m.points.map((p) => `rate ${p.rate}`)],
    m.points[0].layers.map((l, i) => [
      l.name,
      ...m.points.map((p) => {
        const layer = p.layers[i];
        return `${change(layer.dense.total, layer.simulated.total)} ${layer.execution ? EXECUTION_MARK[layer.execution] : ''}`.trim();
      }),
    ]),
  );
}

function levelTable(m: ModelReport, hi: number, lo: number): string[] {
  return tableOf(
    [
      'level',
      `at rate ${hi}`,
      `at rate ${lo}`,
      'change',
      'share of the simulated change',
      'R^2 against the metric',
      'slope (energy per MAC unit of metric)',
    ],
    m.levels.map((l) => [
      LEVEL_NOTES[l.level],
      si(l.atHighestRate, 4),
      si(l.atLowestRate, 4),
      `${signed(l.change)} (${pct(l.relativeChange)})`,
      pct(l.shareOfTotalChange),
      l.fitToMetric ? l.fitToMetric.r2.toFixed(4) : 'constant',
      l.fitToMetric ? l.fitToMetric.slope.toPrecision(3) : '-',
    ]),
  );
}

function partTable(m: ModelReport, hi: number, lo: number): string[] {
  return tableOf(
    ['metric part', `at rate ${hi}`, `at rate ${lo}`, 'change', 'share of the metric change'],
    m.metricParts.map((p) => [
      PART_LABELS[p.part],
      si(p.atHighestRate, 4),
      si(p.atLowestRate, 4),
      `${signed(p.change)} (${pct(p.relativeChange)})`,
      pct(p.shareOfTotalChange),
    ]),
  );
}

function notModelledTable(m: ModelReport, hi: number, lo: number, unit: string): string[] {
  return tableOf(
    ['not in the metric', `energy at rate ${hi} (${unit})`, 'share of simulated total', `energy at rate ${lo}`, 'share of simulated total'],
    m.notModelled.map((n) => [
      n.what,
      si(n.energyAtHighestRate, 4),
      pct(n.shareAtHighestRate),
      si(n.energyAtLowestRate, 4),
      pct(n.shareAtLowestRate),
    ]),
  );
}

function ablationTable(r: ValidationReport): string[] {
  const first = r.models[0];
  return tableOf(
    ['the detailed model with', ...r.models.map((m) => `${m.model} R^2`), 'layer-points on the fallback'],
    [
      ['nothing switched', ...r.models.map((m) => m.r2.simulated.toFixed(4)), ''],
      ...first.ablation.map((a, i) => [
        a.label,
        ...r.models.map((m) => r2Cell(m.ablation[i].r2)),
        r.models.map((m) => `${m.model} ${m.ablation[i].fallbacks}`).join(', '),
      ]),
    ],
  );
}

function modelSection(m: ModelReport, unit: string): string[] {
  const hi = m.points[0].rate;
  const lo = m.points[m.points.length - 1].rate;
  return [
    `## ${m.model}`,
    '',
    `${r2Line(m)}; with entropy-coded CR: R^2 = ${m.fitEntropy.r2.toFixed(4)}; with the on-chip CR: R^2 = ${m.fitOnChip.r2.toFixed(4)}. ` +
      `Fit: detailed-model energy = ${m.fit.slope.toPrecision(4)} x metric ${m.fit.intercept < 0 ? '-' : '+'} ${si(Math.abs(m.fit.intercept), 4)} ${unit}.`,
    '',
    ...pointsTable(m, unit),
    '',
    '### Shared against dense, layer by layer',
    '',
    "The detailed model's energy of each conv layer against the same layer dense (its own best mapping), and how the layer runs: " +
      's = decoded in the PEs, codebook streamed; r = decoded in the PEs, codebook resident in the GLB; g = decoded at the GLB; d = dense.',
    '',
    ...layersTable(m),
    '',
    '### Where the simulated energy changes, level by level',
    '',
    ...levelTable(m, hi, lo),
    '',
    '### Where the metric changes, part by part',
    '',
    ...partTable(m, hi, lo),
    '',
    '### What the metric does not model',
    '',
    ...notModelledTable(m, hi, lo, unit),
    '',
    '### Where and why they disagree',
    '',
    ...m.disagreement.map((sentence) => `- ${sentence}`),
    '',
  ];
}

export function validationMarkdown(r: ValidationReport): string {
  const unit = energyUnitLabel(r.hardware.energyUnit);
  const lines = [
    '# The Deep k-Means energy metric against two references',
    '',
    'The paper (Wu et al., ICML 2018, sec. 3) fits its metric to the Eyeriss energy estimation tool over the conv layers of AlexNet and ' +
      `GoogLeNet v1 at several cluster rates. Here every conv layer (the first included) is k-means-shared at the rate and the metric is ` +
      `fitted to two references on ${r.hardware.name} (${r.hardware.file}), batch ${r.batch}:`,
    '',
    `- **paper setup**: ${r.references.paperSetup}.`,
    `- **detailed model**: ${r.references.simulated}.`,
    `- Weights: **synthetic** He-normal (seed ${r.weights.seed}; conv layer i uses seed + i), not trained ones.`,
    `- k-means: k-means++ seeding, at most ${r.kmeans.maxIterations} Lloyd steps, seed ${r.kmeans.seedBase} + conv layer index.`,
    `- Metric: ${r.metric.note}. Unit: ${r.metric.unit}.`,
    `- Energies in ${unit} (the hardware file's energy table); MAC energy includes psum additions, RF energy codebook look-ups.`,
    "- R^2: least-squares line of a reference's total energy against the metric over the rates of one model.",
    '',
    tableOf(
      ['model', 'R^2 paper setup (index bits)', 'R^2 detailed model', 'R^2 paper setup (effective bits, circular)', 'paper R^2'],
      r.models.map((m) => [
        m.model,
        m.r2.paperSetup.toFixed(4),
        m.r2.simulated.toFixed(4),
        m.r2.paperSetupEffectiveBits.toFixed(4),
        m.paperR2.toFixed(4),
      ]),
    ).join('\n'),
    '',
    '## What moves R^2, and what cannot',
    '',
    "R^2 is the share of a reference's variation over the rates that a straight line in the metric explains. Energy that is the same at " +
      'every rate (an offset a) or proportional to the metric (b x metric) changes no R^2: a + b x metric is a line. Whole levels the metric ' +
      'leaves out (DRAM, on-chip reuse) or prices differently (a GLB access per operand) therefore lower R^2 only through the part of them ' +
      `that changes with the rate out of step with the metric. The ablation: ${r.references.ablation}.`,
    '',
    ...ablationTable(r),
    '',
    ...r.models.flatMap((m) => modelSection(m, unit)),
  ];
  return lines.join('\n');
}
