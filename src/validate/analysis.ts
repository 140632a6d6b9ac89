// From one model's points to what the validation reports: the least-squares lines of each reference (the
// paper's setup, the detailed model, and the detailed model with each mechanism switched) against the metric,
// the dense baseline, and, per energy level and per metric part, how each changes from the highest cluster rate
// to the lowest and how well each level alone follows the metric.
import { ENERGY_PARTS, type EnergyBreakdown, type EnergyPart } from '../model/result.js';
import { ABLATIONS, type AblationId } from './ablations.js';
import { fitLine, type LineFit } from './leastSquares.js';
import type { ValidationPoint } from './point.js';
import type { MetricParts } from './sharedMetric.js';

export const METRIC_PARTS = ['computational', 'weightRepresentational', 'activationRepresentational'] as const;
export type MetricPart = (typeof METRIC_PARTS)[number];

/** A quantity at the highest and at the lowest cluster rate. */
export interface Change {
  readonly atHighestRate: number;
  readonly atLowestRate: number;
  /** atLowestRate - atHighestRate. */
  readonly change: number;
  /** change / atHighestRate (0 when both are 0). */
  readonly relativeChange: number;
}

export interface LevelAnalysis extends Change {
  readonly level: EnergyPart;
  /** This level's share of the change of the total simulated energy. */
  readonly shareOfTotalChange: number;
  /** Least-squares line of this level's energy against the metric; null when the level is the same at every rate. */
  readonly fitToMetric: { readonly slope: number; readonly r2: number } | null;
}

export interface PartAnalysis extends Change {
  readonly part: MetricPart;
  readonly shareOfTotalChange: number;
}

/** R^2 of the metric against a reference with one mechanism of the detailed model switched. */
export interface AblationResult {
  readonly mechanism: AblationId;
  /** What is switched (ABLATIONS). */
  readonly label: string;
  /** null when the reference is the same at every rate (nothing to explain: the rate no longer matters). */
  readonly r2: number | null;
  /** Layer-points whose first execution choice was impossible (see ABLATIONS), summed over the rates. */
  readonly fallbacks: number;
}

export interface ModelValidation {
  readonly model: string;
  readonly paperR2: number;
  /** In the paper's order: highest cluster rate first. */
  readonly points: readonly ValidationPoint[];
  /**
   * R^2 of the metric (storage CR, fixed-length indices) against each reference: the paper's setup (Eyeriss
   * method, dense counts, index bits), the same with the circular effective bits, and the detailed model.
   */
  readonly r2: { readonly paperSetup: number; readonly paperSetupEffectiveBits: number; readonly simulated: number };
  /** Simulated total energy = slope * metric (fixed-length-index CR, MAC units) + intercept. */
  readonly fit: LineFit;
  /** The same against the metric with entropy-coded-index CR, and with the on-chip CR. */
  readonly fitEntropy: LineFit;
  readonly fitOnChip: LineFit;
  /** The paper-setup energy (index bits) against the metric. */
  readonly fitPaperSetup: LineFit;
  readonly ablation: readonly AblationResult[];
  /** The dense conv layers (rate 1): their energy (every reference agrees on it) and their metric. */
  readonly dense: { readonly energy: EnergyBreakdown; readonly metric: MetricParts };
  readonly levels: readonly LevelAnalysis[];
  readonly metricParts: readonly PartAnalysis[];
}

function change(values: readonly number[], highest: number, lowest: number): Change {
  const atHighestRate = values[highest];
  const atLowestRate = values[lowest];
  const delta = atLowestRate - atHighestRate;
  return { atHighestRate, atLowestRate, change: delta, relativeChange: atHighestRate === 0 ? 0 : delta / atHighestRate };
}

const share = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function analyzeModel(model: string, paperR2: number, points: readonly ValidationPoint[]): ModelValidation {
  const ordered = [...points].sort((a, b) => b.rate - a.rate);
  const highest = 0;
  const lowest = ordered.length - 1;
  const metric = ordered.map((p) => p.metric.fixed.total);
  const simulated = ordered.map((p) => p.simulated.total);
  const totalChange = simulated[lowest] - simulated[highest];
  const metricChange = metric[lowest] - metric[highest];

  const levels = ENERGY_PARTS.map((level): LevelAnalysis => {
    const values = ordered.map((p) => p.simulated[level]);
    const c = change(values, highest, lowest);
    const constant = values.every((v) => v === values[0]);
    const f = constant ? null : fitLine(metric, values);
    return { level, ...c, shareOfTotalChange: share(c.change, totalChange), fitToMetric: f && { slope: f.slope, r2: f.r2 } };
  });
  const metricParts = METRIC_PARTS.map((part): PartAnalysis => {
    const c = change(
      ordered.map((p) => p.metric.fixed[part]),
      highest,
      lowest,
    );
    return { part, ...c, shareOfTotalChange: share(c.change, metricChange) };
  });
  const fit = fitLine(metric, simulated);
  const fitPaperSetup = fitLine(
    metric,
    ordered.map((p) => p.paperSetup.indexBits.total),
  );
  return {
    model,
    paperR2,
    points: ordered,
    r2: {
      paperSetup: fitPaperSetup.r2,
      paperSetupEffectiveBits: fitLine(
        metric,
        ordered.map((p) => p.paperSetup.effectiveBits.total),
      ).r2,
      simulated: fit.r2,
    },
    fit,
    fitEntropy: fitLine(
      ordered.map((p) => p.metric.entropy.total),
      simulated,
    ),
    fitOnChip: fitLine(
      ordered.map((p) => p.metric.onChip.total),
      simulated,
    ),
    fitPaperSetup,
    ablation: ABLATIONS.map((a): AblationResult => {
      const runs = ordered.map((p) => p.ablation.find((v) => v.id === a.id)!);
      const energy = runs.map((v) => v.total);
      const constant = energy.every((e) => e === energy[0]);
      return {
        mechanism: a.id,
        label: a.mechanism,
        r2: constant ? null : fitLine(metric, energy).r2,
        fallbacks: runs.reduce((n, v) => n + v.fallbacks, 0),
      };
    }),
    dense: { energy: ordered[0].dense, metric: ordered[0].denseMetric },
    levels,
    metricParts,
  };
}
