// The experiment's results as the plain data the chart modules of report/ draw.
import type { AccuracyCrData } from '../../report/accuracyCrChart.js';
import type { DistortionData } from '../../report/distortionChart.js';
import type { AccuracyEnergyData } from '../../report/accuracyEnergyChart.js';
import { energyScale } from '../../report/objectiveScale.js';
import type { RetrainReport, RetrainResult } from './experiment.js';
import { METHOD_LABELS, RETRAIN_METHODS, type RetrainMethod } from './methods.js';

export interface ChartContext {
  readonly model: string;
  readonly dataset: string;
  readonly hardware: string;
  readonly energyUnit: 'pJ' | 'MAC';
  readonly epochs: number;
  readonly lambda: number;
  readonly seed: number;
}

const percent = (r: RetrainResult) => 100 * r.evaluation.testAccuracy;

/** A method keeps its colour and marker whichever methods a run includes: its place in RETRAIN_METHODS; the pretrained network comes after them. */
const styleOf = (m: RetrainMethod | 'pretrained'): number => (m === 'pretrained' ? RETRAIN_METHODS.length : RETRAIN_METHODS.indexOf(m));

function methodsOf(report: RetrainReport): RetrainMethod[] {
  const seen: RetrainMethod[] = [];
  for (const r of report.results) if (r.method !== 'pretrained' && !seen.includes(r.method)) seen.push(r.method);
  return seen;
}

const settings = (c: ChartContext) => `re-training ${c.epochs} epoch${c.epochs === 1 ? '' : 's'}, lambda ${c.lambda}, seed ${c.seed}`;

export function accuracyCrData(report: RetrainReport, c: ChartContext): AccuracyCrData {
  const pretrained = report.results[0];
  return {
    title: `${c.model} on ${c.dataset}: test accuracy against the compression ratio of the conv layers`,
    subtitle: `pretrained ${percent(pretrained).toFixed(2)} %; ${settings(c)}; CR with fixed-length indices and 32-bit codebooks`,
    xTitle: 'compression ratio of the conv layers (fixed-length indices)',
    reference: { name: METHOD_LABELS.pretrained, accuracyPercent: percent(pretrained) },
    series: methodsOf(report).map((m) => ({
      name: METHOD_LABELS[m],
      style: styleOf(m),
      points: report.results
        .filter((r) => r.method === m)
        .map((r) => ({ cr: r.evaluation.compression.convFixed, accuracyPercent: percent(r), label: r.plan!.label })),
    })),
  };
}

export function distortionData(report: RetrainReport, c: ChartContext): DistortionData {
  const methods = methodsOf(report);
  const plans = [...new Set(report.results.flatMap((r) => (r.plan ? [r.plan.label] : [])))];
  return {
    title: `${c.model} on ${c.dataset}: how far the conv rows are from shared, epoch by epoch`,
    subtitle: `relative k-means distortion of the shared conv layers at each plan's K (0: the rows sit on K points); ${settings(c)}`,
    series: { names: methods.map((m) => METHOD_LABELS[m]), styles: methods.map(styleOf) },
    panels: plans.map((label) => ({
      title: label,
      series: report.results
        .filter((r) => r.plan?.label === label && r.distortion !== undefined)
        .map((r) => ({ name: METHOD_LABELS[r.method], values: r.distortion! })),
    })),
  };
}

export function paretoData(report: RetrainReport, c: ChartContext): AccuracyEnergyData {
  const all = [...methodsOf(report), 'pretrained' as const];
  // pJ shown in the joule unit every point reads at least 1 in (µJ for LeNet-5), MAC units as they are.
  const scale = energyScale(
    c.energyUnit,
    report.results.map((r) => r.evaluation.energy),
  );
  return {
    title: `${c.model} on ${c.dataset}: test accuracy against simulated energy on ${c.hardware}`,
    subtitle: `every method at every plan; filled and labelled: the Pareto front (no other point is both more accurate and cheaper); ${settings(c)}`,
    xTitle: `energy of one image (${scale.unit}), analytical model, energy-optimal mappings`,
    series: { names: all.map((m) => METHOD_LABELS[m]), styles: all.map(styleOf) },
    points: report.results.map((r, i) => ({
      series: METHOD_LABELS[r.method],
      label: r.plan ? `${r.method} ${r.plan.label}` : 'pretrained',
      energy: r.evaluation.energy / scale.factor,
      accuracyPercent: percent(r),
      onFront: report.front.includes(i),
    })),
  };
}
