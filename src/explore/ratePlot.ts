// The data of energy-vs-rate.svg, for a sweep with a compress.clusterRate axis: the valid points grouped into
// hardware variants (the same values on every other axis), each a series over the rates, and the least energy
// at each rate. Energy is per inference (the run's total over the batch), as the paper compares it.
import type { RatePlot, RatePoint } from '../report/rateChart.js';
import { paramsText } from '../report/paramText.js';
import type { SweepManifest } from './manifest.js';
import { differingAxes } from './paretoPlots.js';
import type { SweepRow } from './row.js';
import { CLUSTER_RATE_PATH } from './vary.js';

export const RATE_PLOT_FILE = 'energy-vs-rate.svg';

/** Undefined when the sweep has no rate axis or no valid point. */
export function ratePlot(m: SweepManifest, rows: readonly SweepRow[]): RatePlot | undefined {
  if (!m.axes.some((a) => a.path === CLUSTER_RATE_PATH)) return undefined;
  const valid = rows.filter((r) => r.status === 'ok' && r.totals);
  if (valid.length === 0) return undefined;
  const paths = m.axes.map((a) => a.path);
  const hardwarePaths = paths.filter((p) => p !== CLUSTER_RATE_PATH);
  const variantAxes = hardwarePaths.length === 0 ? [] : differingAxes(valid, hardwarePaths);
  const rateOf = (r: SweepRow) => Number(r.params[CLUSTER_RATE_PATH]);
  const pointOf = (r: SweepRow): RatePoint => ({
    point: r.point,
    rate: rateOf(r),
    energyPerInference: r.totals!.energy.total / m.batch,
    params: paramsText(r.params, paths),
  });
  const byRate = (a: RatePoint, b: RatePoint) => a.rate - b.rate || a.point - b.point;

  const variants = new Map<string, SweepRow[]>();
  for (const r of valid) {
    const key = paramsText(r.params, variantAxes);
    variants.set(key, [...(variants.get(key) ?? []), r]);
  }
  const rates = [...new Set(valid.map(rateOf))].sort((a, b) => a - b);
  const best = rates.map((rate) => {
    const at = valid.filter((r) => rateOf(r) === rate);
    const least = at.reduce((a, b) => (b.totals!.energy.total < a.totals!.energy.total ? b : a));
    return { ...pointOf(least), label: paramsText(least.params, variantAxes) };
  });
  const ratios = rates.flatMap((rate) => {
    const fixed = valid.find((r) => rateOf(r) === rate)?.totals?.compressionRatio?.fixed;
    return fixed === undefined ? [] : [{ rate, fixed }];
  });
  return {
    file: RATE_PLOT_FILE,
    series: [...variants].map(([label, group]) => ({ label, points: group.map(pointOf).sort(byRate) })),
    best,
    ratios,
    invalid: rows.length - valid.length,
  };
}
