// The data of report.html, from a sweep's manifest and rows: counts, the front over the sweep's objectives
// (as pareto.csv has it), the best point per quantity, the invalid points grouped by reason. Plots arrive
// rendered; report/sweepReport.ts lays the page out.
import type { ReportPoint, SweepReportData } from '../report/sweepReport.js';
import { PARETO_OBJECTIVES, type ParetoObjective, type SweepManifest } from './manifest.js';
import { objectiveValue, sweepFront } from './objectives.js';
import type { SweepRow } from './row.js';
import { CLUSTER_RATE_PATH } from './vary.js';

export const REPORT_FILE = 'report.html';

/** The quantities a valid point of this sweep has: the objectives first, then the others (area only with an area model). */
export function reportQuantities(m: SweepManifest): ParetoObjective[] {
  const available = PARETO_OBJECTIVES.filter((o) => o !== 'area' || m.area);
  return [...m.objectives, ...available.filter((o) => !m.objectives.includes(o))];
}

function reportPoint(row: SweepRow, quantities: readonly ParetoObjective[]): ReportPoint {
  const values = row.status === 'ok' ? Object.fromEntries(quantities.map((q) => [q, objectiveValue(row, q)])) : {};
  const ratio = row.totals?.compressionRatio?.fixed;
  return { point: row.point, params: row.params, values, ...(ratio !== undefined && { compressionRatio: ratio }) };
}

/**
 * The row with the least value of `q`, ties broken by the other quantities in turn (then the lower point): the
 * first point of the front that puts `q` first, so a point no smaller but slower is never called best.
 */
const bestRow = (rows: readonly SweepRow[], q: ParetoObjective, quantities: readonly ParetoObjective[]): SweepRow | undefined =>
  sweepFront(rows, [q, ...quantities.filter((o) => o !== q)])[0];

export function sweepReportData(
  m: SweepManifest,
  rows: readonly SweepRow[],
  plots: SweepReportData['plots'],
  files: readonly string[],
): SweepReportData {
  const quantities = reportQuantities(m);
  const valid = rows.filter((r) => r.status === 'ok');
  const reasons = new Map<string, ReportPoint[]>();
  for (const r of rows) {
    if (r.status !== 'invalid') continue;
    const reason = r.reason ?? 'no reason recorded';
    reasons.set(reason, [...(reasons.get(reason) ?? []), reportPoint(r, quantities)]);
  }
  return {
    manifest: m,
    compressed: m.axes.some((a) => a.path === CLUSTER_RATE_PATH),
    counts: { total: rows.length, valid: valid.length, invalid: rows.length - valid.length },
    quantities,
    front: sweepFront(rows, m.objectives).map((r) => reportPoint(r, quantities)),
    best: quantities.flatMap((objective) => {
      const row = bestRow(valid, objective, quantities);
      return row ? [{ objective, point: reportPoint(row, quantities) }] : [];
    }),
    invalid: [...reasons].map(([reason, points]) => ({ reason, points })),
    plots,
    files,
  };
}
