// The files of a finished sweep (or of merged shards): one function, so that a resumed run, a merge and an
// uninterrupted run write the same bytes from the same rows.
import { AREA_KEYS } from '../hw/area.js';
import { objectiveName } from '../report/objectiveScale.js';
import { renderParetoChart } from '../report/paretoChart.js';
import { renderRateChart } from '../report/rateChart.js';
import { csvLines, sweepCsv, sweepCsvHeader, sweepCsvRecord, type SweepColumns } from '../report/sweepCsv.js';
import { renderSweepReport } from '../report/sweepReport.js';
import { manifestJson, type SweepManifest } from './manifest.js';
import { sweepFront } from './objectives.js';
import { paretoPlots } from './paretoPlots.js';
import { ratePlot } from './ratePlot.js';
import { REPORT_FILE, sweepReportData } from './reportPage.js';
import { rowLine, type SweepRow } from './row.js';

export function sweepColumns(m: SweepManifest): SweepColumns {
  return {
    axes: m.axes.map((a) => a.path),
    energyUnit: m.energyUnit,
    areaKeys: m.area ? AREA_KEYS : [],
    compressed: m.axes.some((a) => a.path === 'compress.clusterRate'),
  };
}

/** The plots, each with its caption in report.html. */
function sweepPlots(m: SweepManifest, rows: readonly SweepRow[]): { file: string; svg: string; caption: string }[] {
  const rate = ratePlot(m, rows);
  return [
    ...paretoPlots(m, rows).map((plot) => ({
      file: plot.file,
      svg: renderParetoChart(m, plot),
      caption: `${objectiveName(plot.y, m.batch)} against ${objectiveName(plot.x, m.batch)}: the front of the pair strong and labelled`,
    })),
    ...(rate ? [{ file: rate.file, svg: renderRateChart(m, rate), caption: 'energy per inference against the cluster rate' }] : []),
  ];
}

export function sweepFiles(m: SweepManifest, rows: readonly SweepRow[], columns: SweepColumns): [string, string][] {
  const front = sweepFront(rows, m.objectives);
  const plots = sweepPlots(m, rows);
  const data: [string, string][] = [
    ['sweep.json', manifestJson(m)],
    ['sweep.jsonl', rows.map(rowLine).join('')],
    ['sweep.csv', sweepCsv(columns, rows)],
    ['pareto.csv', csvLines([sweepCsvHeader(columns), ...front.map((r) => sweepCsvRecord(columns, r))])],
  ];
  const svgs = plots.map((p): [string, string] => [p.file, p.svg]);
  const linked = [...data, ...svgs].map(([name]) => name);
  return [...data, ...svgs, [REPORT_FILE, renderSweepReport(sweepReportData(m, rows, plots, linked))]];
}
