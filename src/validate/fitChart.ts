// One model's validation as a scatter plot (report/scatterChart.ts): the metric against the simulated energy,
// one labelled point per cluster rate, the least-squares line and its equation, R^2 in the title.
import { si } from '../report/numbers.js';
import { renderScatterChart } from '../report/scatterChart.js';
import { energyUnitLabel } from '../report/units.js';
import type { ModelReport, ValidationReport } from './report.js';

const LINE_COLOR = '#D55E00';

/** The exact text the title gives R^2 as (tests read it back). */
export const r2Text = (r2: number): string => `R^2 = ${r2.toFixed(4)}`;

export function renderFitChart(report: ValidationReport, model: ModelReport): string {
  const unit = energyUnitLabel(report.hardware.energyUnit);
  const { fit, points } = model;
  return renderScatterChart({
    id: model.model,
    title: `${model.model} conv layers: simulated energy vs the Deep k-Means metric, ${r2Text(fit.r2)}`,
    subtitle: `${report.hardware.name}, synthetic He-normal weights (seed ${report.weights.seed}), metric at `
      + `${report.metric.weightBits}-bit; paper: R^2 = ${model.paperR2.toFixed(4)} against the Eyeriss energy tool`,
    x: { title: 'Deep k-Means metric (MAC units, fixed-length-index CR)' },
    y: { title: `simulated energy (${unit})` },
    points: points.map((p) => ({
      x: p.metric.fixed.total,
      y: p.simulated.total,
      label: `rate ${p.rate}`,
      tooltip: `cluster rate ${p.rate}: metric ${si(p.metric.fixed.total, 4)} MAC units, simulated ${si(p.simulated.total, 4)} ${unit}`,
      data: { rate: p.rate },
    })),
    lines: [{ className: 'fit', color: LINE_COLOR, dashed: true, slope: fit.slope, intercept: fit.intercept }],
    note: {
      className: 'fit-label',
      color: LINE_COLOR,
      text: `least-squares fit: energy = ${fit.slope.toPrecision(4)} x metric ${fit.intercept < 0 ? '-' : '+'} ${si(Math.abs(fit.intercept), 4)}`,
    },
  });
}
