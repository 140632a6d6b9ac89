// report.html: one page that says what a sweep was (its parameters, axes and point counts, the points that
// could not run and why), shows its plots inline (hover a point for its parameters), the Pareto front as a
// table sortable by any column, and the best point per objective. Self-contained: no network, no fonts, one
// inline stylesheet and one inline script; the same data always gives the same bytes (nothing from the clock).
import type { ParetoObjective, SweepManifest } from '../explore/manifest.js';
import { esc, table, tag, type Cell } from './html.js';
import { objectiveName, objectiveScale, scaledText, type DisplayScale } from './objectiveScale.js';
import { paramSortKey, paramValueText, paramsText } from './paramText.js';
import { plainNumber } from './numbers.js';
import { SORT_SCRIPT } from './sortScript.js';
import { REPORT_STYLE } from './reportStyle.js';
import { energyUnitLabel } from './units.js';

/** A design point as the report shows it. */
export interface ReportPoint {
  readonly point: number;
  readonly params: Readonly<Record<string, number | string>>;
  /** Its value of each of the report's quantities. */
  readonly values: Readonly<Partial<Record<ParetoObjective, number>>>;
  /** The network's compression ratio with fixed-length indices (points with a cluster rate). */
  readonly compressionRatio?: number;
}

export interface SweepReportData {
  readonly manifest: SweepManifest;
  /** Whether the sweep shares weights at a cluster rate (a compress.clusterRate axis). */
  readonly compressed: boolean;
  /** Points in this folder, those that ran, and those that did not (no legal mapping). */
  readonly counts: { readonly total: number; readonly valid: number; readonly invalid: number };
  /** The quantities every valid point has (energy, latency, edp and, with an area model, area). */
  readonly quantities: readonly ParetoObjective[];
  /** The front over the manifest's objectives, in pareto.csv's order. */
  readonly front: readonly ReportPoint[];
  readonly best: readonly { readonly objective: ParetoObjective; readonly point: ReportPoint }[];
  /** Invalid points grouped by reason, reasons in order of their first point. */
  readonly invalid: readonly { readonly reason: string; readonly points: readonly ReportPoint[] }[];
  readonly plots: readonly { readonly file: string; readonly svg: string; readonly caption: string }[];
  /** The other files of the folder, linked at the end. */
  readonly files: readonly string[];
}

const MAX_INVALID_LISTED = 12;

/** A word the shell reads as one argument: as it is when plain, else in single quotes. */
const shellWord = (w: string): string => (/^[\w./:=,+@%-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

/** The command that runs this sweep again (every option spelled out, so defaults changing later do not matter). */
function command(d: SweepReportData): string {
  const m = d.manifest;
  const weights = !d.compressed
    ? []
    : m.weights.source === 'file'
      ? ['--weights', m.weights.file]
      : ['--weight-seed', String(m.weights.seed)];
  return [
    'dkm-sim',
    'sweep',
    '--hw',
    m.hardware.file,
    '--model',
    m.model,
    '--batch',
    String(m.batch),
    '--engine',
    m.engine,
    '--objective',
    m.objective,
    '--search-limit',
    String(m.searchLimit),
    '--objectives',
    m.objectives.join(','),
    ...weights,
    ...m.axes.flatMap((a) => ['--vary', `${a.path}=${a.values.join(',')}`]),
    ...(m.shard ? ['--shard', `${m.shard.index}/${m.shard.count}`] : []),
  ]
    .map(shellWord)
    .join(' ');
}

function parameters(d: SweepReportData): string {
  const m = d.manifest;
  const rows: [string, string][] = [
    ['model', m.model],
    ['batch', String(m.batch)],
    ['base hardware file', `${m.hardware.file} (sha256 ${m.hardware.sha256.slice(0, 12)})`],
    ['engine', m.engine],
    ['mapping search', `least ${m.objective} per layer, ${m.searchLimit === 0 ? 'exhaustive' : `${m.searchLimit} pass tiles per layer`}`],
    ...(d.compressed
      ? [['shared weights', m.weights.source === 'file' ? m.weights.file : `synthetic, seed ${m.weights.seed}`] as [string, string]]
      : []),
    ['energy unit', energyUnitLabel(m.energyUnit)],
    ['area model', m.area ? "yes (the hardware file's area section)" : 'none'],
    ['Pareto objectives', m.objectives.join(', ')],
    ...m.axes.map((a): [string, string] => [`axis ${a.path}`, a.values.join(', ')]),
    [
      'points',
      `${m.points} (${m.axes.map((a) => a.values.length).join(' x ')})${
        m.shard ? `; this folder is shard ${m.shard.index}/${m.shard.count}: points ${m.shard.first} to ${m.shard.end - 1}` : ''
      }`,
    ],
    ['valid', `${d.counts.valid} of ${d.counts.total}`],
    ['invalid (no legal mapping)', String(d.counts.invalid)],
  ];
  return table(
    'params',
    ['parameter', 'value'],
    rows.map(([k, v]) => [{ text: k }, { text: v }]),
  );
}

const scalesOf = (d: SweepReportData, points: readonly ReportPoint[]) =>
  new Map(
    d.quantities.map((q) => [
      q,
      objectiveScale(
        q,
        d.manifest.energyUnit,
        points.map((p) => p.values[q]!),
      ),
    ]),
  );

const quantityHeader = (d: SweepReportData, q: ParetoObjective, s: DisplayScale) => `${objectiveName(q, d.manifest.batch)} (${s.unit})`;

/** The quantities of a point in their scales (the one it is best in emphasized), and its compression ratio. */
function valueCells(d: SweepReportData, p: ReportPoint, scales: Map<ParetoObjective, DisplayScale>, strong?: ParetoObjective): Cell[] {
  const cells = d.quantities.map((q) => ({
    text: scaledText(p.values[q]!, scales.get(q)!),
    sort: plainNumber(p.values[q]!),
    numeric: true,
    strong: q === strong,
  }));
  const ratio = p.compressionRatio;
  return d.compressed
    ? [...cells, { text: ratio === undefined ? '' : ratio.toFixed(3), sort: ratio === undefined ? '' : plainNumber(ratio), numeric: true }]
    : cells;
}

const headers = (d: SweepReportData, scales: Map<ParetoObjective, DisplayScale>): string[] => [
  ...d.quantities.map((q) => quantityHeader(d, q, scales.get(q)!)),
  ...(d.compressed ? ['compression ratio (fixed-length indices)'] : []),
];

function frontTable(d: SweepReportData): string {
  const paths = d.manifest.axes.map((a) => a.path);
  const scales = scalesOf(d, d.front);
  const rows = d.front.map((p) => [
    { text: String(p.point), sort: p.point, numeric: true },
    ...paths.map((path) => ({ text: paramValueText(path, p.params[path]), sort: paramSortKey(p.params[path]) })),
    ...valueCells(d, p, scales),
  ]);
  return table('front', ['point', ...paths, ...headers(d, scales)], rows, true);
}

function bestTable(d: SweepReportData): string {
  const paths = d.manifest.axes.map((a) => a.path);
  const scales = scalesOf(
    d,
    d.best.map((b) => b.point),
  );
  const rows = d.best.map(({ objective, point: p }) => [
    { text: `least ${objectiveName(objective, d.manifest.batch)}` },
    { text: String(p.point), numeric: true },
    { text: paramsText(p.params, paths) },
    ...valueCells(d, p, scales, objective),
  ]);
  return table('best', ['objective', 'point', 'parameters', ...headers(d, scales)], rows);
}

function invalidSection(d: SweepReportData): string {
  if (d.invalid.length === 0) return '';
  const paths = d.manifest.axes.map((a) => a.path);
  const groups = d.invalid
    .map(({ reason, points }) => {
      const listed = points
        .slice(0, MAX_INVALID_LISTED)
        .map((p) => tag('li', {}, `point ${p.point}: ${esc(paramsText(p.params, paths))}`))
        .join('');
      const more =
        points.length > MAX_INVALID_LISTED
          ? tag('li', {}, `and ${points.length - MAX_INVALID_LISTED} more (sweep.csv lists them all)`)
          : '';
      return tag(
        'li',
        {},
        `${tag('p', {}, `${points.length} point${points.length === 1 ? '' : 's'}: ${esc(reason)}`)}${tag('ul', {}, listed + more)}`,
      );
    })
    .join('\n');
  return `<h2 id="invalid">Invalid points</h2>\n<p>Points where some layer has no legal row-stationary mapping: they have no energy or latency and are in no plot.</p>\n<ul class="invalid">${groups}</ul>\n`;
}

function plotsSection(d: SweepReportData): string {
  if (d.plots.length === 0) return '<h2 id="plots">Plots</h2>\n<p>No valid point: nothing to plot.</p>\n';
  const figures = d.plots
    .map((p) =>
      tag(
        'figure',
        { id: p.file.replace(/\.svg$/, '') },
        `${p.svg}${tag('figcaption', {}, `${esc(p.caption)} (${tag('a', { href: p.file }, esc(p.file))})`)}`,
      ),
    )
    .join('\n');
  return `<h2 id="plots">Plots</h2>\n<p>Hover over a point for its parameters and values.</p>\n${figures}\n`;
}

/** The sweep in two sentences, for the top of the page (the details are in the parameters at the end). */
function lead(d: SweepReportData): string {
  const m = d.manifest;
  const axes = m.axes.map((a) => `${a.path} (${a.values.length})`).join(' x ');
  return (
    `${m.model}${m.batch === 1 ? '' : `, batch ${m.batch}`}: ${m.hardware.file} varied over ${axes}, the ${m.engine} engine, ` +
    `mappings searched for least ${m.objective}. ${d.counts.total} design points, ${d.counts.valid} valid, ${d.counts.invalid} invalid; ` +
    `${d.front.length} on the Pareto front over ${m.objectives.join(', ')}.`
  );
}

export function renderSweepReport(d: SweepReportData): string {
  const m = d.manifest;
  const title = `dkm-sim sweep: ${m.model} on ${m.hardware.file}`;
  const front =
    d.front.length === 0
      ? '<p>No valid point: the front is empty.</p>'
      : `<p>${d.front.length} of ${d.counts.valid} valid points are on the front over ${esc(m.objectives.join(', '))} ` +
        '(no other point is at least as good in all of them and better in one). Click a column header to sort by it.</p>\n' +
        frontTable(d);
  const files = tag('ul', { class: 'files' }, d.files.map((f) => tag('li', {}, tag('a', { href: f }, esc(f)))).join(''));
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    `<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${REPORT_STYLE}</style>\n</head>`,
    '<body>',
    `<h1>${esc(title)}</h1>`,
    `<p class="lead">${esc(lead(d))} <a href="#parameters">All parameters</a>.</p>`,
    `<h2 id="best">Best point per objective</h2>\n${d.best.length === 0 ? '<p>No valid point.</p>' : bestTable(d)}`,
    plotsSection(d),
    `<h2 id="front">Pareto front</h2>\n${front}`,
    invalidSection(d),
    `<h2 id="parameters">Parameters</h2>\n${parameters(d)}\n<p>To run it again:</p>\n<pre><code>${esc(command(d))}</code></pre>`,
    `<h2 id="files">Files</h2>\n${files}`,
    `<script>${SORT_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ]
    .filter((s) => s !== '')
    .join('\n');
}
