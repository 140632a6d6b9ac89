// One model's validation as scatter plots (report/scatterChart.ts): the metric against a reference's energy
// (the detailed model, or the paper's setup), one labelled point per cluster rate and a faint one for the
// dense layers, the least-squares line and its equation, R^2 in the title; and the energy of both references
// against the dense layers' over the cluster rates.
import { si } from '../report/numbers.js';
import { renderScatterChart } from '../report/scatterChart.js';
import { energyScale } from '../report/objectiveScale.js';
import type { LineFit } from './leastSquares.js';
import type { ValidationPoint } from './point.js';
import type { ModelReport, ValidationReport } from './report.js';

const LINE_COLOR = '#D55E00';
const DENSE_COLOR = '#009E73';
const PAPER_COLOR = '#777777';

/** The exact text the title gives R^2 as (tests read it back). */
export const r2Text = (r2: number): string => `R^2 = ${r2.toFixed(4)}`;

export type FitReference = 'simulated' | 'paperSetup';

const REFERENCE: {
  readonly [R in FitReference]: {
    readonly name: string;
    /** Short, for the axis title. */
    readonly axis: string;
    readonly energy: (p: ValidationPoint) => number;
    readonly fit: (m: ModelReport) => LineFit;
  };
} = {
  simulated: { name: 'the detailed model', axis: 'detailed-model energy', energy: (p) => p.simulated.total, fit: (m) => m.fit },
  paperSetup: {
    name: 'the paper setup (dense counts, index bits)',
    axis: 'paper-setup energy',
    energy: (p) => p.paperSetup.indexBits.total,
    fit: (m) => m.fitPaperSetup,
  },
};

export function renderFitChart(report: ValidationReport, model: ModelReport, reference: FitReference = 'simulated'): string {
  const energyUnit = report.hardware.energyUnit;
  const { name, axis, energy: energyOf, fit: fitOf } = REFERENCE[reference];
  // pJ shown in the joule unit every point reads at least 1 in; the fit line scales with the axis.
  const scale = energyScale(energyUnit, [...model.points.map(energyOf), model.dense.energy.total]);
  const unit = scale.unit;
  const energy = (p: ValidationPoint) => energyOf(p) / scale.factor;
  const raw = fitOf(model);
  const fit = { ...raw, slope: raw.slope / scale.factor, intercept: raw.intercept / scale.factor };
  return renderScatterChart({
    id: `${model.model}-${reference}`,
    title: `${model.model} conv layers: ${name} vs the Deep k-Means metric, ${r2Text(fit.r2)}`,
    subtitle:
      `${report.hardware.name}, synthetic He-normal weights (seed ${report.weights.seed}), metric at ` +
      `${report.metric.weightBits}-bit; paper: R^2 = ${model.paperR2.toFixed(4)} against the Eyeriss energy tool`,
    x: { title: 'Deep k-Means metric (MAC units, storage CR with fixed-length indices)' },
    y: { title: `${axis} (${unit})` },
    points: [
      ...model.points.map((p) => ({
        x: p.metric.fixed.total,
        y: energy(p),
        label: `rate ${p.rate}`,
        tooltip: `cluster rate ${p.rate}: metric ${si(p.metric.fixed.total, 4)} MAC units, energy ${si(energy(p), 4)} ${unit}`,
        data: { rate: p.rate },
      })),
      {
        x: model.dense.metric.total,
        y: model.dense.energy.total / scale.factor,
        label: 'dense',
        faint: true,
        tooltip: `dense layers (rate 1, not in the fit): metric ${si(model.dense.metric.total, 4)} MAC units, energy ${si(model.dense.energy.total / scale.factor, 4)} ${unit}`,
        data: { rate: 1 },
      },
    ],
    lines: [{ className: 'fit', color: LINE_COLOR, dashed: true, slope: fit.slope, intercept: fit.intercept }],
    note: {
      className: 'fit-label',
      color: LINE_COLOR,
      text: `least-squares fit (shared rates): energy${scale.factor === 1 ? '' : ` (${unit})`} = ${fit.slope.toPrecision(4)} x metric ${fit.intercept < 0 ? '-' : '+'} ${si(Math.abs(fit.intercept), 4)}`,
    },
  });
}

/** Conv energy against the dense layers' per cluster rate: the detailed model (strong) and the paper setup (faint). */
export function renderVsDenseChart(report: ValidationReport, model: ModelReport): string {
  // Percentages on both axes: the tick labels of the chart are SI numbers, which suit 1..100 better than 0.01..1.
  const change = (e: number, p: ValidationPoint) => (e / p.dense.total - 1) * 100;
  const point = (p: ValidationPoint, e: number, faint: boolean) => ({
    x: p.rate * 100,
    y: change(e, p),
    ...(faint ? { faint } : { label: `${change(e, p).toFixed(1)}%` }),
    tooltip: `cluster rate ${p.rate}: ${faint ? 'paper setup' : 'detailed model'} ${change(e, p).toFixed(2)}% against dense`,
    data: { rate: p.rate, reference: faint ? 'paperSetup' : 'simulated' },
  });
  const byRate = [...model.points].sort((a, b) => a.rate - b.rate);
  const line = (energy: (p: ValidationPoint) => number) => byRate.map((p) => [p.rate * 100, change(energy(p), p)] as const);
  return renderScatterChart({
    id: `${model.model}-vs-dense`,
    title: `${model.model} conv layers: energy against the same layers dense, per cluster rate`,
    subtitle: `${report.hardware.name}; solid: the detailed model; dashed grey, faint points: the paper setup (index bits)`,
    x: { title: 'cluster rate K/N of every conv layer (%)', scale: 'log' },
    y: { title: 'conv energy against dense (%)' },
    points: [
      ...model.points.map((p) => point(p, p.simulated.total, false)),
      ...model.points.map((p) => point(p, p.paperSetup.indexBits.total, true)),
      { x: 100, y: 0, label: 'dense', data: { rate: 1, reference: 'dense' } },
    ],
    lines: [
      {
        className: 'dense',
        color: DENSE_COLOR,
        dashed: true,
        through: [
          [byRate[0].rate * 100, 0],
          [100, 0],
        ],
      },
      { className: 'simulated', color: LINE_COLOR, through: line((p) => p.simulated.total) },
      { className: 'paper-setup', color: PAPER_COLOR, dashed: true, through: line((p) => p.paperSetup.indexBits.total) },
    ],
  });
}
