// The files of a finished sweep (or of merged shards): one function, so that a resumed run, a merge and an
// uninterrupted run write the same bytes from the same rows.
import { AREA_KEYS } from '../hw/area.js';
import { csvLines, sweepCsv, sweepCsvHeader, sweepCsvRecord, type SweepColumns } from '../report/sweepCsv.js';
import { manifestJson, type SweepManifest } from './manifest.js';
import { sweepFront } from './objectives.js';
import { rowLine, type SweepRow } from './row.js';

export function sweepColumns(m: SweepManifest): SweepColumns {
  return {
    axes: m.axes.map((a) => a.path),
    energyUnit: m.energyUnit,
    areaKeys: m.area ? AREA_KEYS : [],
    compressed: m.axes.some((a) => a.path === 'compress.clusterRate'),
  };
}

export function sweepFiles(m: SweepManifest, rows: readonly SweepRow[], columns: SweepColumns): [string, string][] {
  const front = sweepFront(rows, m.objectives);
  return [
    ['sweep.json', manifestJson(m)],
    ['sweep.jsonl', rows.map(rowLine).join('')],
    ['sweep.csv', sweepCsv(columns, rows)],
    ['pareto.csv', csvLines([sweepCsvHeader(columns), ...front.map((r) => sweepCsvRecord(columns, r))])],
  ];
}
