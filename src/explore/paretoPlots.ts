// The data of a sweep's Pareto plots, one per pair of its objectives: every point with both values, the
// pair's front (sweepFront over the two), which points are also on the front over all objectives, and the
// front's labels, made of only the parameters that change along it (all sharing 12x14 says nothing: the
// legend says it once).
// report/paretoChart.ts draws it; nothing here knows about pixels.
import type { ParetoPlot } from '../report/paretoChart.js';
import { paramsText } from '../report/paramText.js';
import type { ParetoObjective, SweepManifest } from './manifest.js';
import { objectiveValue, sweepFront } from './objectives.js';
import type { SweepRow } from './row.js';

/** The axis paths whose values are not all equal among `rows` (all of them when none differ, e.g. one row). */
export function differingAxes(rows: readonly SweepRow[], paths: readonly string[]): readonly string[] {
  const differ = paths.filter((p) => new Set(rows.map((r) => String(r.params[p]))).size > 1);
  return differ.length > 0 ? differ : paths;
}

/** Every pair of objectives, in the order given: energy,latency,area -> energy-latency, energy-area, latency-area. */
export const objectivePairs = (objectives: readonly ParetoObjective[]): [ParetoObjective, ParetoObjective][] =>
  objectives.flatMap((a, i) => objectives.slice(i + 1).map((b) => [a, b] as [ParetoObjective, ParetoObjective]));

/** `pareto-<a>-<b>.svg` plots a (y) against b (x). */
export const paretoPlotFile = (a: ParetoObjective, b: ParetoObjective): string => `pareto-${a}-${b}.svg`;

/** One plot per pair; none when no point has values for both of a pair's objectives. */
export function paretoPlots(m: SweepManifest, rows: readonly SweepRow[]): ParetoPlot[] {
  const paths = m.axes.map((a) => a.path);
  const full = new Set(sweepFront(rows, m.objectives).map((r) => r.point));
  return objectivePairs(m.objectives).flatMap(([a, b]) => {
    const drawn = rows.filter((r) => Number.isFinite(objectiveValue(r, a)) && Number.isFinite(objectiveValue(r, b)));
    if (drawn.length === 0) return [];
    const front = sweepFront(drawn, [b, a]);
    const onFront = new Set(front.map((r) => r.point));
    const labelled = differingAxes(front, paths);
    const shared = front.length > 1 ? paths.filter((p) => !labelled.includes(p)) : [];
    return [
      {
        file: paretoPlotFile(a, b),
        x: b,
        y: a,
        points: drawn.map((r) => ({
          point: r.point,
          x: objectiveValue(r, b),
          y: objectiveValue(r, a),
          onPairFront: onFront.has(r.point),
          onFullFront: full.has(r.point),
          ...(onFront.has(r.point) && { label: paramsText(r.params, labelled) }),
          params: paramsText(r.params, paths),
        })),
        front: front.map((r) => [objectiveValue(r, b), objectiveValue(r, a)] as const),
        shared: paramsText(front[0].params, shared),
        invalid: rows.length - drawn.length,
      },
    ];
  });
}
