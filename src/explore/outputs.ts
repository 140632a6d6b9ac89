// The files of a finished sweep (or of merged shards): one function, so that a resumed run, a merge and an
// uninterrupted run write the same bytes from the same rows.
import { AREA_KEYS } from '../hw/area.js';
import { renderParetoChart } from '../report/paretoChart.js';
import { renderRateChart } from '../report/rateChart.js';
import { csvLines, sweepCsv, sweepCsvHeader, sweepCsvRecord, type SweepColumns } from '../report/sweepCsv.js';
import { manifestJson, type SweepManifest } from './manifest.js';
import { sweepFront } from './objectives.js';
import { paretoPlots } from './paretoPlots.js';
import { ratePlot } from './ratePlot.js';
import { rowLine, type SweepRow } from './row.js';

export function sweepColumns(m: SweepManifest): SweepColumns {
  return {
    axes: m.axes.map((a) => a.path),
    energyUnit: m.energyUnit,
    areaKeys: m.area ? AREA_KEYS : [],
    compressed: m.axes.some((a) => a.path === 'compress.clusterRate'),
  };
}

/** One Pareto plot per pair of objectives, then energy against the cluster rate when it is varied. */
function sweepPlots(m: SweepManifest, rows: readonly SweepRow[]): { file: string; svg: string }[] {
  const rate = ratePlot(m, rows);
  return [
    ...paretoPlots(m, rows).map((plot) => ({ file: plot.file, svg: renderParetoChart(m, plot) })),
    ...(rate ? [{ file: rate.file, svg: renderRateChart(m, rate) }] : []),
  ];
}

export function sweepFiles(m: SweepManifest, rows: readonly SweepRow[], columns: SweepColumns): [string, string][] {
  const front = sweepFront(rows, m.objectives);
  return [
    ['sweep.json', manifestJson(m)],
    ['sweep.jsonl', rows.map(rowLine).join('')],
    ['sweep.csv', sweepCsv(columns, rows)],
    ['pareto.csv', csvLines([sweepCsvHeader(columns), ...front.map((r) => sweepCsvRecord(columns, r))])],
    ...sweepPlots(m, rows).map((p): [string, string] => [p.file, p.svg]),
  ];
}
