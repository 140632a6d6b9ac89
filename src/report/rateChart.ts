// Energy per inference against the Deep k-Means cluster rate (scatterChart.ts). A few hardware variants get a
// line each, in its own colour, named at its largest rate; more than fit (MAX_SERIES) would be a tangle, so
// then every point is faint and one line joins the least energy at each rate, labelled where its hardware
// changes. The compression ratio depends on the rate alone, so a note lists it per rate.
import type { SweepManifest } from '../explore/manifest.js';
import { energyScale, scaledText, spansDecade } from './objectiveScale.js';
import { renderScatterChart, type ScatterLine, type ScatterPoint } from './scatterChart.js';

export interface RatePoint {
  readonly point: number;
  readonly rate: number;
  /** energy.total / batch, in the hardware file's unit. */
  readonly energyPerInference: number;
  /** Every parameter of the point. */
  readonly params: string;
}

export interface RateSeries {
  /** The hardware variant: the parameters other than the rate that differ between series ("" when none). */
  readonly label: string;
  /** By increasing rate. */
  readonly points: readonly RatePoint[];
}

export interface RatePlot {
  readonly file: string;
  readonly series: readonly RateSeries[];
  /** Per rate (increasing), the point of least energy, labelled with its variant as in `series`. */
  readonly best: readonly (RatePoint & { readonly label: string })[];
  /** Per rate (increasing), the network's compression ratio with fixed-length indices. */
  readonly ratios: readonly { readonly rate: number; readonly fixed: number }[];
  readonly invalid: number;
}

export const MAX_SERIES = 6;
// Okabe-Ito, without the yellow that vanishes on white.
const COLORS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9'];
const BEST_COLOR = '#D55E00';
const MAX_NOTED_RATES = 6;

const ratioText = (r: number): string => `${Number(r.toFixed(2))}x`;

function ratioNote(plot: RatePlot) {
  if (plot.ratios.length === 0 || plot.ratios.length > MAX_NOTED_RATES) return undefined;
  const list = plot.ratios.map((r) => `${r.rate}: ${ratioText(r.fixed)}`).join(', ');
  return { className: 'ratios', color: '#444', text: `compression ratio (fixed-length indices) at rate ${list}` };
}

export function renderRateChart(m: SweepManifest, plot: RatePlot): string {
  const all = plot.series.flatMap((s) => s.points);
  const scale = energyScale(
    m.energyUnit,
    all.map((p) => p.energyPerInference),
  );
  const ratioOf = new Map(plot.ratios.map((r) => [r.rate, r.fixed]));
  const tooltip = (p: RatePoint) =>
    `point ${p.point}: ${p.params}; ${scaledText(p.energyPerInference, scale)} ${scale.unit} per inference` +
    (ratioOf.has(p.rate) ? `; compression ratio ${ratioText(ratioOf.get(p.rate)!)}` : '');
  const at = (p: RatePoint): [number, number] => [p.rate, p.energyPerInference / scale.factor];
  const bySeries = plot.series.length <= MAX_SERIES;

  let points: ScatterPoint[];
  let lines: ScatterLine[];
  if (bySeries) {
    points = plot.series.flatMap((s, k) =>
      s.points.map((p, i) => ({
        x: p.rate,
        y: at(p)[1],
        color: COLORS[k],
        tooltip: tooltip(p),
        data: { point: p.point, series: k },
        ...(plot.series.length > 1 && i === s.points.length - 1 && { label: s.label }),
      })),
    );
    lines = plot.series.map((s, k) => ({ className: `series series-${k}`, color: COLORS[k], through: s.points.map(at) }));
  } else {
    const best = new Set(plot.best.map((b) => b.point));
    points = all.map((p) => ({ x: p.rate, y: at(p)[1], faint: !best.has(p.point), tooltip: tooltip(p), data: { point: p.point } }));
    // Label the best line where its hardware changes, not at every rate with the same text.
    const labels = new Map(plot.best.filter((b, i) => i === 0 || b.label !== plot.best[i - 1].label).map((b) => [b.point, b.label]));
    points = points.map((p, i) => (labels.has(all[i].point) ? { ...p, label: labels.get(all[i].point) } : p));
    lines = [{ className: 'best', color: BEST_COLOR, through: plot.best.map(at) }];
  }
  const rates = plot.ratios.length > 0 ? plot.ratios.map((r) => r.rate) : all.map((p) => p.rate);
  return renderScatterChart({
    id: plot.file.replace(/\.svg$/, ''),
    title: `${m.model}: energy per inference vs Deep k-Means cluster rate over ${all.length} design points`,
    subtitle:
      `${m.hardware.file}${plot.invalid ? `; ${plot.invalid} invalid points not shown` : ''}; ` +
      (bySeries
        ? 'one line per hardware variant'
        : `${plot.series.length} hardware variants: the line joins the least energy at each rate`),
    x: { title: 'cluster rate (K / N filter rows kept)', scale: spansDecade(rates) ? 'log' : 'linear', format: 'decimal' },
    y: { title: `energy per inference (${scale.unit})`, scale: spansDecade(points.map((p) => p.y)) ? 'log' : 'linear' },
    points,
    lines,
    note: ratioNote(plot),
    ...(!bySeries && {
      legend: [
        { text: 'least energy at each rate', marker: {}, line: { color: BEST_COLOR } },
        { text: 'other design points', marker: { faint: true } },
      ],
    }),
  });
}
